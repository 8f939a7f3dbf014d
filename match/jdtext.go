package match

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae"
	"vitae/ingest"
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
	if strings.HasPrefix(text, "PK\x03\x04") {
		return vitae.Errorf(vitae.EINVALID, "job description is a DOCX or other ZIP archive, which is not read as one: save it as text, Markdown, HTML or PDF")
	}
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

// Formats are the values a job description's format may name; "" lets
// ParseJD detect it. A PDF is read by its content, whatever the format.
var Formats = []string{"text", "markdown", "html", "json"}

// CheckFormat refuses a format that is not one of Formats or "", with
// EINVALID naming the values there are.
func CheckFormat(format string) error {
	if format == "" || slices.Contains(Formats, format) {
		return nil
	}
	return vitae.Errorf(vitae.EINVALID, "format %q: want one of %s (a PDF needs none: it is read by its content)", format, strings.Join(Formats, ", "))
}

// ReadJD is the text of a job description file: a PDF's text (its
// header decides, not its name), anything else as it is. It refuses, with
// EINVALID saying why, a PDF without text and what CheckText refuses
// (binary data, a DOCX); the caller names the file.
func ReadJD(data []byte) (string, error) {
	text, err := pdfText(string(data))
	if err != nil {
		return "", err
	}
	if err := CheckText(text); err != nil {
		return "", err
	}
	return text, nil
}

// MaxJDPDFBytes is the largest PDF job description read: a job's PDF is a
// page or two, and a 5 MB one held a request for seconds before its text
// was found too long (review22b).
const MaxJDPDFBytes = 2 << 20

// pdfText is text itself, or when text is a PDF file its text: without
// it a PDF is matched as its own syntax ("%PDF-1.4", "2 0 obj"). A PDF
// that yields no text (a scanned page) is refused.
func pdfText(text string) (string, error) {
	if !strings.HasPrefix(text, "%PDF-") {
		return text, nil
	}
	if len(text) > MaxJDPDFBytes { // before reading it: extraction's cost grows with the file
		return "", vitae.Errorf(vitae.ETOOLARGE, "job description is a PDF larger than %d bytes", MaxJDPDFBytes)
	}
	lines, err := ingest.PDFLines(context.Background(), []byte(text), ingest.Options{})
	if err != nil {
		return "", vitae.Errorf(vitae.ErrorCode(err), "job description is a PDF that could not be read: %s", vitae.ErrorMessage(err))
	}
	out := strings.Join(lines, "\n")
	if strings.TrimSpace(out) == "" {
		return "", vitae.Errorf(vitae.EINVALID, "job description is a PDF without text (a scanned page?): send its text")
	}
	return out, nil
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
