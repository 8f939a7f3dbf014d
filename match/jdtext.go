package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae"
)

// minLettered is the length (characters that are not spaces) from which
// the letter share is checked: a terse JD ("- C++ 11/14/17/20, 5–7 yrs")
// is mostly digits and signs, and binary data is already caught by the
// UTF-8, control and U+FFFD checks.
const minLettered = 200

// CheckText refuses a job description that is not text a person wrote:
// invalid UTF-8, a control character that is not a space (the mark of
// binary data), over a quarter of U+FFFD (binary made valid UTF-8, as a
// JSON body carries it), or, from minLettered characters that are not
// spaces up, too few letters (under a quarter of them). Without it random
// bytes match: the lexicon reads the skill "C" in them, and a stored job's
// title carries the control characters. EINVALID names the problem.
func CheckText(text string) error {
	if !utf8.ValidString(text) {
		return vitae.Errorf(vitae.EINVALID, "job description is not UTF-8 text (binary data?)")
	}
	letters, replaced, shown := 0, 0, 0
	for i, r := range text {
		switch {
		case unicode.IsSpace(r):
			// Before the control check: \f (pdftotext's page break), \v
			// and U+0085 are spaces as well as control characters.
		case unicode.IsControl(r):
			return vitae.Errorf(vitae.EINVALID, "job description holds control character U+%04X at byte %d: binary data is not a job description", r, i)
		case unicode.IsLetter(r):
			letters++
			shown++
		case r == utf8.RuneError:
			replaced++
			shown++
		default:
			shown++
		}
	}
	if replaced*4 > shown {
		return vitae.Errorf(vitae.EINVALID, "job description is mostly replacement characters U+FFFD (%d of %d characters): binary data is not a job description", replaced, shown)
	}
	if shown >= minLettered && letters*4 < shown {
		return vitae.Errorf(vitae.EINVALID, "job description has too few letters to be text (%d of %d characters)", letters, shown)
	}
	return nil
}

// NormalizeLines ends every line with \n alone, without trailing spaces or
// tabs, and drops blank lines at the end: the same job saved from another
// editor (CRLF) or pasted with trailing blanks is then the same text, and
// a stored job is compared and kept in this form.
func NormalizeLines(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}
