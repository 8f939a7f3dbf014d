package lexicon

import (
	"strings"
	"unicode"
)

// Joined reports whether two neighbouring words of text, a = text[a0:a1]
// and b = text[b0:b1], are one abbreviation written with an ampersand or
// a slash, which every tokenizer of Vitae keeps as one word: the index's
// analyzer (index/analysis.go), Tokenize (and with it the built-in
// embedder and query understanding). The rule:
//
//	"P&L" "R&D" "AT&T" "SG&A" "ATT&CK"  '&' between letters, one to three
//	                                    each side, five at most in all
//	"P & L" "R & D" "M & A"             " & " between single letters
//	"A/B" "I/O" "M/s"                   '/' between single letters, not
//	                                    before + or # ("C/C++" is C and C++)
//
// b may end in a possessive ("AT&T's"). Lists stay words: "oil&gas",
// "LAN & WAN", "HTML/CSS", "CI/CD" (each word a term of its own).
func Joined(text string, a0, a1, b0, b1 int) bool {
	if a0 < 0 || a0 >= a1 || a1 >= b0 || b0 >= b1 || b1 > len(text) {
		return false
	}
	sep := text[a1:b0]
	if sep != "&" && sep != " & " && sep != "/" {
		return false
	}
	if b1 < len(text) && (text[b1] == '+' || text[b1] == '#') {
		return false
	}
	la, lb := letters(text[a0:a1]), letters(trimPossessive(text[b0:b1]))
	if la == 0 || lb == 0 {
		return false
	}
	if sep == "&" {
		return la <= 3 && lb <= 3 && la+lb <= 5
	}
	return la == 1 && lb == 1
}

// letters is the number of runes of w when all are letters, else 0.
func letters(w string) int {
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return 0
		}
		n++
	}
	return n
}

// trimPossessive drops a trailing 's or ’s.
func trimPossessive(w string) string {
	if t, ok := strings.CutSuffix(w, "'s"); ok {
		return t
	}
	if t, ok := strings.CutSuffix(w, "’s"); ok {
		return t
	}
	return w
}

// joinSpans calls word with the spans of scan's words, neighbours that
// Joined reads as one abbreviation merged into one span. A merged span is
// not merged again ("P&L&X" is "P&L" and "X").
func joinSpans(text string, scan func(word func(start, end int)), word func(start, end int)) {
	if !strings.ContainsAny(text, "&/") {
		scan(word)
		return
	}
	s0, s1 := -1, -1 // the span held back, -1 when none
	merged := false
	scan(func(start, end int) {
		if s0 >= 0 && !merged && Joined(text, s0, s1, start, end) {
			s1, merged = end, true
			return
		}
		if s0 >= 0 {
			word(s0, s1)
		}
		s0, s1, merged = start, end, false
	})
	if s0 >= 0 {
		word(s0, s1)
	}
}
