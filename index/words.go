package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vitae"
)

// Company, role and person filters match by words: a filter value
// matches a stored value when the value's words appear in the stored
// one's, in a row. Words are the runs of letters and digits, lower-cased;
// everything else separates them. So "SRE" matches "Senior SRE",
// "product manager" "Lead Product Manager - Design", "BMC Software"
// "bmc software."; "PM" does not match "Product Manager", nor "Go"
// "Google". Skills are names ("C++", "C#", ".NET") and match whole.
//
// Every backend compares the same words, cut here: the embedded index
// as a phrase over filterText in bleve and as a substring of WordKey
// over vector metadata, Weaviate as a Like pattern over WordKey.

// filterWords are the words of s, lower-cased and without accents:
// "Acme" finds "Ácme", "Nestle" "Nestlé" (a tryout).
func filterWords(s string) []string {
	return rawWords(fold(s))
}

// rawWords are the words of s, lower-cased, accents kept: the words an
// index built before accents were folded (format 2) holds.
func rawWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// fold removes the accents of s: its marks after decomposition.
func fold(s string) string {
	isASCII := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			isASCII = false
			break
		}
	}
	if isASCII {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// filterText is s's words joined by single spaces, as bleve indexes them
// (whitespace tokenizer, nothing else).
func filterText(s string) string { return strings.Join(filterWords(s), " ") }

// WordKey is s's words framed by '|', "|lead|product|manager|design|",
// "" when s has none: a filter value's key is a substring of a stored
// value's key exactly when its words appear in the stored value's in a
// row. '|' is neither a letter nor a digit, nor a wildcard of Weaviate's
// Like, and no tokenizer trims it.
func WordKey(s string) string {
	ws := filterWords(s)
	if len(ws) == 0 {
		return ""
	}
	return "|" + strings.Join(ws, "|") + "|"
}

// WordKeys are the WordKeys of a company, role or person filter's values
// (field names it in errors), blanks dropped; a value with no letter or
// digit ("--") could match nothing and is EINVALID. A value with accents
// also gives its key with them, which an index whose words were stored
// before accents were folded holds.
func WordKeys(field string, values []string) ([]string, error) {
	var keys []string
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			continue
		}
		k := WordKey(v)
		if k == "" {
			return nil, vitae.Errorf(vitae.EINVALID, "%s filter %q has no letters or digits", field, v)
		}
		keys = append(keys, k)
		if ws := rawWords(v); strings.Join(ws, "|") != strings.Trim(k, "|") {
			keys = append(keys, "|"+strings.Join(ws, "|")+"|")
		}
	}
	return keys, nil
}

// keyWords are the words of a WordKey.
func keyWords(key string) []string { return strings.Split(strings.Trim(key, "|"), "|") }
