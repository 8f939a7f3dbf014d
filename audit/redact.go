package audit

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// Redacted replaces an erased person's identifiers in kept texts.
const Redacted = "[erased]"

// Identifiers are what names a person in free text: their name (also
// surname first), email and phone. An unnamed résumé's made-up name is
// left out, and so are pieces too short to find safely.
func Identifiers(r *vitae.Resume) []string {
	var out []string
	if name := strings.Join(strings.Fields(r.Person), " "); !r.Unnamed && len([]rune(name)) >= 4 {
		out = append(out, name)
		if f := strings.Fields(name); len(f) > 1 {
			out = append(out, f[len(f)-1]+" "+strings.Join(f[:len(f)-1], " "))
		}
	}
	if e := strings.TrimSpace(r.Email); len(e) >= 3 {
		out = append(out, e)
	}
	if p := strings.TrimSpace(r.Phone); digits(p) >= 7 {
		out = append(out, p)
	}
	return out
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// matcher finds any of the identifiers whatever their case, spacing
// and punctuation between words ("ana  SILVA", "Silva, Ana",
// "ana-silva"), and a phone number whatever its separators; nil when
// there is nothing to find.
func matcher(ids []string) *regexp.Regexp {
	// Longest first: at one place the email wins over the name in it.
	ids = slices.Clone(ids)
	slices.SortStableFunc(ids, func(a, b string) int { return len(b) - len(a) })
	var alts []string
	for _, id := range ids {
		sep := `[\s,._-]*` // "Ana Silva", "Silva, Ana", "ana.silva", the ID "ana-silva"
		parts := strings.FieldsFunc(id, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
		if isPhone(id) {
			sep, parts = `[\s().+/-]*`, strings.FieldsFunc(id, func(r rune) bool { return !unicode.IsDigit(r) })
			parts = strings.Split(strings.Join(parts, ""), "")
		}
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		if len(parts) > 0 {
			alts = append(alts, strings.Join(parts, sep))
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
}

// isPhone: digits and the usual separators only, at least seven digits.
func isPhone(s string) bool {
	return digits(s) >= 7 && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune("+().-/", r)
	}) < 0
}

// redactTexts replaces the identifiers in every kept query, job
// description and reason. Texts lie beside the chain (only their hashes
// are chained), so the chain is untouched; a changed text is marked
// Redacted so replay and export say why it no longer matches its hash.
func redactTexts(tx *bolt.Tx, ids []string) error {
	re := matcher(ids)
	if re == nil {
		return nil
	}
	b := tx.Bucket(bucketTexts)
	changed := map[string][]byte{}
	err := b.ForEach(func(k, v []byte) error {
		var t Texts
		if json.Unmarshal(v, &t) != nil {
			return nil
		}
		text, reason := re.ReplaceAllLiteralString(t.Text, Redacted), re.ReplaceAllLiteralString(t.Reason, Redacted)
		if text == t.Text && reason == t.Reason {
			return nil
		}
		t.Text, t.Reason, t.Redacted = text, reason, true
		data, err := json.Marshal(t)
		if err != nil {
			return err
		}
		changed[string(k)] = data
		return nil
	})
	if err != nil {
		return err
	}
	for k, v := range changed {
		if err := b.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}
