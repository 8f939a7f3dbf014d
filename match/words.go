package match

import (
	"unicode"
	"unicode/utf8"
)

// wordSpans is reWord.FindAllStringIndex(text, -1) without the regexp
// engine: reading every pooled bullet's words was a regexp scan each.
// A word starts at a letter or a digit and runs on over letters, digits
// and + # . - ' /; an invalid byte reads as U+FFFD, which is neither.
func wordSpans(text string) [][]int {
	var out [][]int
	start := -1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		in := unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case start < 0 && in:
			start = i
		case start >= 0 && !in && !wordInner(r):
			out = append(out, []int{start, i})
			start = -1
		}
		i += n
	}
	if start >= 0 {
		out = append(out, []int{start, len(text)})
	}
	return out
}

// wordInner reports whether r continues a word it cannot start.
func wordInner(r rune) bool {
	switch r {
	case '+', '#', '.', '-', '\'', '/':
		return true
	}
	return false
}
