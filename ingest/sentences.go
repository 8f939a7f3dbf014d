package ingest

import (
	"strings"
	"unicode"
)

// Sentence is one sentence of a paragraph: its text, end punctuation
// included, and the byte offset where it starts in the paragraph.
type Sentence struct {
	Offset int
	Text   string
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{"i.e.": true, "e.g.": true, "etc.": true, "inc.": true, "ltd.": true, "co.": true, "corp.": true, "mr.": true, "ms.": true, "mrs.": true, "dr.": true, "vs.": true, "jr.": true, "sr.": true, "st.": true, "u.s.": true, "approx.": true, "no.": true, "yrs.": true, "yr.": true, "min.": true}

// Sentences splits prose at ". ", "! " or "? " before an upper-case
// letter, a digit or an opening quote, never after a common abbreviation
// ("e.g. Kubernetes", "Acme Inc. Berlin"). Texts are trimmed; empty ones
// are dropped. It is the one splitter of Vitae: résumé paragraphs become
// bullets with it (ingest), job-description paragraphs requirements
// (match).
func Sentences(text string) []Sentence {
	var out []Sentence
	start := 0
	rs := []rune(text)
	byteOff := 0
	offs := make([]int, len(rs)+1)
	for i, r := range rs {
		offs[i] = byteOff
		byteOff += len(string(r))
	}
	offs[len(rs)] = byteOff
	for i := 0; i < len(rs)-2; i++ {
		if (rs[i] == '.' || rs[i] == '!' || rs[i] == '?') && rs[i+1] == ' ' && (unicode.IsUpper(rs[i+2]) || unicode.IsDigit(rs[i+2]) || rs[i+2] == '"' || rs[i+2] == '“') {
			// the word ending here
			j := i
			for j > 0 && rs[j-1] != ' ' {
				j--
			}
			if abbreviations[strings.ToLower(string(rs[j:i+1]))] {
				continue
			}
			if s := strings.TrimSpace(text[offs[start]:offs[i+1]]); s != "" {
				out = append(out, Sentence{offs[start], s})
			}
			start = i + 2
		}
	}
	if s := strings.TrimSpace(text[offs[start]:]); s != "" {
		out = append(out, Sentence{offs[start], s})
	}
	return out
}
