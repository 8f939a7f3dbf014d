package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"vitae"
)

// maxNesting bounds how deep a JSON or YAML document may nest; résumés are
// shallow, and hostile input must not exhaust the stack.
const maxNesting = 64

func parseJSON(name string, data []byte, o Options) (*vitae.Resume, error) {
	if err := checkNesting(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed JSON")
	}
	return fromJSONResume(doc)
}

func parseYAML(name string, data []byte, o Options) (*vitae.Resume, error) {
	if err := checkNesting(data); err != nil {
		return nil, err
	}
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed YAML")
	}
	return fromJSONResume(normalizeYAML(doc))
}

// checkNesting refuses documents nested deeper than maxNesting, counting
// brackets and indentation-free flow collections outside strings.
func checkNesting(data []byte) error {
	depth, inStr, esc := 0, false, false
	for _, c := range data {
		switch {
		case esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{' || c == '[':
			depth++
			if depth > maxNesting {
				return vitae.Errorf(vitae.ETOOLARGE, "nested deeper than %d levels", maxNesting)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// normalizeYAML turns yaml.v3's map[string]any / map[any]any into the
// shapes encoding/json produces.
func normalizeYAML(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = normalizeYAML(x)
		}
		return t
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[fmt.Sprint(k)] = normalizeYAML(x)
		}
		return m
	case []any:
		for i, x := range t {
			t[i] = normalizeYAML(x)
		}
		return t
	}
	return v
}

// fromJSONResume reads the jsonresume.org schema leniently: real files
// have missing fields, numbers for strings, strings for lists.
func fromJSONResume(doc any) (*vitae.Resume, error) {
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, vitae.Errorf(vitae.EINVALID, "not a JSON Resume document: the top level is not an object")
	}
	r := &vitae.Resume{}
	basics := obj(root["basics"])
	r.Person = str(basics["name"])
	r.Label = str(basics["label"])
	r.Email = str(basics["email"])
	r.Phone = str(basics["phone"])
	r.Links = nonEmpty(str(basics["url"]), str(basics["website"]))
	if ps, ok := basics["profiles"].([]any); ok {
		for _, p := range ps {
			if u := str(obj(p)["url"]); u != "" && len(r.Links) < 20 {
				r.Links = append(r.Links, u)
			}
		}
	}
	r.Summary = str(basics["summary"])
	if loc := obj(basics["location"]); loc != nil {
		r.Location = strings.Join(nonEmpty(str(loc["city"]), str(loc["region"]), str(loc["countryCode"])), ", ")
	}
	if r.Summary != "" {
		r.Bullets = append(r.Bullets, vitae.Bullet{Section: vitae.SectionSummary, Text: r.Summary, Ref: "/basics/summary"})
	}

	sections := []struct {
		key, section, company, role string
	}{
		{"work", vitae.SectionWork, "name", "position"},
		{"volunteer", vitae.SectionVolunteer, "organization", "position"},
		{"projects", vitae.SectionProject, "name", "roles"},
	}
	for _, s := range sections {
		for i, item := range list(root[s.key]) {
			e := obj(item)
			if e == nil {
				continue
			}
			base := vitae.Bullet{
				Section: s.section,
				Company: firstStr(e[s.company], e["company"], e["entity"]),
				Role:    firstStr(e[s.role], e["position"], e["type"]),
			}
			base.Start, _ = date(e["startDate"])
			end, open := date(e["endDate"])
			if !open {
				base.End = end
			}
			if base.Start != "" && e["endDate"] == nil {
				base.End = "" // no end date: ongoing
			}
			var skills []string
			for _, k := range list(e["keywords"]) {
				skills = append(skills, str(k))
			}
			base.Skills = skills
			ptr := "/" + s.key + "/" + strconv.Itoa(i)
			for _, field := range []string{"summary", "description"} {
				if t := str(e[field]); t != "" {
					b := base
					b.Text, b.Ref = t, ptr+"/"+field
					r.Bullets = append(r.Bullets, b)
				}
			}
			for j, h := range list(e["highlights"]) {
				if t := str(h); t != "" {
					b := base
					b.Text, b.Ref = t, ptr+"/highlights/"+strconv.Itoa(j)
					r.Bullets = append(r.Bullets, b)
				}
			}
		}
	}
	for i, item := range list(root["awards"]) {
		e := obj(item)
		if e == nil {
			continue
		}
		d, _ := date(e["date"])
		base := vitae.Bullet{Section: vitae.SectionAward, Company: str(e["awarder"]), Role: str(e["title"]), Start: d, End: d}
		ptr := "/awards/" + strconv.Itoa(i)
		if t := str(e["summary"]); t != "" {
			b := base
			b.Text, b.Ref = t, ptr+"/summary"
			r.Bullets = append(r.Bullets, b)
		} else if t := str(e["title"]); t != "" {
			b := base
			b.Text, b.Ref = t, ptr+"/title"
			r.Bullets = append(r.Bullets, b)
		}
	}
	for i, item := range list(root["education"]) {
		e := obj(item)
		if e == nil {
			continue
		}
		base := vitae.Bullet{Section: vitae.SectionEducation, Company: str(e["institution"]), Role: strings.Join(nonEmpty(str(e["studyType"]), str(e["area"])), ", ")}
		base.Start, _ = date(e["startDate"])
		base.End, _ = date(e["endDate"])
		ptr := "/education/" + strconv.Itoa(i)
		if base.Role != "" || base.Company != "" {
			b := base
			b.Text, b.Ref = strings.Join(nonEmpty(base.Role, base.Company), " — "), ptr
			r.Bullets = append(r.Bullets, b)
		}
		for j, c := range list(e["courses"]) {
			if t := str(c); t != "" {
				b := base
				b.Text, b.Ref = t, ptr+"/courses/"+strconv.Itoa(j)
				r.Bullets = append(r.Bullets, b)
			}
		}
	}
	for _, item := range list(root["skills"]) {
		switch s := item.(type) {
		case string:
			r.Skills = append(r.Skills, s)
		case map[string]any:
			if n := str(s["name"]); n != "" {
				r.Skills = append(r.Skills, n)
			}
			for _, k := range list(s["keywords"]) {
				r.Skills = append(r.Skills, str(k))
			}
		}
	}
	// Skills the résumé lists belong to each of its bullets (filters by
	// skill then find the person's evidence); named ones come in finish.
	for i := range r.Bullets {
		r.Bullets[i].Skills = append(r.Bullets[i].Skills, r.Skills...)
	}
	if r.Person == "" && len(r.Bullets) == 0 && len(r.Skills) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "no JSON Resume content (no basics, work, projects, …)")
	}
	return r, nil
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func list(v any) []any {
	switch t := v.(type) {
	case []any:
		return t
	case nil:
		return nil
	case map[string]any:
		return nil
	}
	return []any{v}
}

// str renders scalars as text; objects and lists give "".
func str(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case json.Number:
		return t.String()
	case int, int64, float64, bool:
		return fmt.Sprint(t)
	case []any:
		var parts []string
		for _, x := range t {
			if s := str(x); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

func firstStr(vs ...any) string {
	for _, v := range vs {
		if s := str(v); s != "" {
			return s
		}
	}
	return ""
}

func date(v any) (string, bool) {
	d, open, ok := normalizeDate(str(v))
	if !ok {
		return "", false
	}
	return d, open
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
