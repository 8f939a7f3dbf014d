package index

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"

	"vitae"
)

// decodeBullet decodes a bullet record as json.Unmarshal does. The
// records are json.Marshal of vitae.Bullet — a flat object of strings and
// one array of strings, no spaces — and a search reads dozens of them, so
// that shape is read by hand: one string allocation for the record, the
// fields slices of it unless escaped (json.Unmarshal cost a search more
// CPU than its facets). Anything else (a null, another key, spacing)
// goes to json.Unmarshal, so the result is the same for any input.
func decodeBullet(data []byte, b *vitae.Bullet) error {
	if fastBullet(string(data), b) {
		return nil
	}
	*b = vitae.Bullet{}
	return json.Unmarshal(data, b)
}

// fastBullet decodes s into b if s has the shape json.Marshal writes
// with no escapes; false (b partly written) otherwise.
func fastBullet(s string, b *vitae.Bullet) bool {
	*b = vitae.Bullet{}
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	i := 1
	if s[i] == '}' {
		return i == len(s)-1
	}
	for {
		key, next, ok := jsonString(s, i)
		if !ok || next >= len(s) || s[next] != ':' {
			return false
		}
		i = next + 1
		if key == "skills" {
			if i+1 >= len(s) || s[i] != '[' {
				return false
			}
			i++
			skills := []string{}
			if s[i] == ']' {
				i++
			} else {
				for {
					v, next, ok := jsonString(s, i)
					if !ok || next >= len(s) {
						return false
					}
					skills = append(skills, v)
					i = next + 1
					if s[next] == ']' {
						break
					}
					if s[next] != ',' {
						return false
					}
				}
			}
			b.Skills = skills
		} else {
			v, next, ok := jsonString(s, i)
			if !ok {
				return false
			}
			i = next
			p := bulletField(b, key)
			if p == nil {
				return false
			}
			*p = v
		}
		if i >= len(s) {
			return false
		}
		switch s[i] {
		case '}':
			return i == len(s)-1
		case ',':
			i++
		default:
			return false
		}
	}
}

// jsonString reads the string starting at s[i] (its opening quote): its
// value, a slice of s unless it has escapes (json.Unmarshal reads those:
// "R\u0026D" is how json.Marshal writes "R&D"), and the index past its
// closing quote; false for a control character, invalid UTF-8 or a bad
// escape.
func jsonString(s string, i int) (string, int, bool) {
	if i >= len(s) || s[i] != '"' {
		return "", 0, false
	}
	escaped := false
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"':
			if !escaped {
				v := s[i+1 : j]
				return v, j + 1, utf8.ValidString(v)
			}
			var v string
			if err := json.Unmarshal([]byte(s[i:j+1]), &v); err != nil {
				return "", 0, false
			}
			return v, j + 1, utf8.ValidString(s[i+1 : j])
		case c == '\\':
			escaped = true
			j++ // the escaped byte cannot end the string
		case c < 0x20:
			return "", 0, false
		}
	}
	return "", 0, false
}

// bulletField is the field a record key names, nil for another key.
func bulletField(b *vitae.Bullet, key string) *string {
	switch key {
	case "id":
		return &b.ID
	case "resume_id":
		return &b.ResumeID
	case "person":
		return &b.Person
	case "company":
		return &b.Company
	case "role":
		return &b.Role
	case "section":
		return &b.Section
	case "start":
		return &b.Start
	case "end":
		return &b.End
	case "text":
		return &b.Text
	case "source":
		return &b.Source
	case "ref":
		return &b.Ref
	}
	return nil
}

// hitBullets reads the bullets of keyword hits from the records; none
// when idsOnly.
func (ix *Index) hitBullets(hits search.DocumentMatchCollection, idsOnly bool) (map[string]vitae.Bullet, error) {
	if idsOnly || len(hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	out, err := ix.Bullets(ids)
	if err != nil {
		return nil, fmt.Errorf("keyword search: load bullets: %w", err)
	}
	return out, nil
}
