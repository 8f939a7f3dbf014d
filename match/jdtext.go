package match

import (
	"unicode"
	"unicode/utf8"

	"vitae"
)

// CheckText refuses a job description that is not text a person wrote:
// invalid UTF-8, a control character that is not a space (the
// mark of binary data), or too few letters (under a quarter of the
// characters that are not spaces). Without it random bytes match: the
// lexicon reads the skill "C" in them, and a stored job's title carries
// the control characters. EINVALID names the problem.
func CheckText(text string) error {
	if !utf8.ValidString(text) {
		return vitae.Errorf(vitae.EINVALID, "job description is not UTF-8 text (binary data?)")
	}
	letters, shown := 0, 0
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
		default:
			shown++
		}
	}
	if letters*4 < shown {
		return vitae.Errorf(vitae.EINVALID, "job description has too few letters to be text (%d of %d characters)", letters, shown)
	}
	return nil
}
