package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minWrapped is the shortest line, in characters, read as wrapped: a
// PDF or a hard-wrapped paste wraps at a column far to the right, so a
// shorter line ended where its writer ended it ("Go,").
const minWrapped = 30

// joinWords end a line that a wrap cut mid-sentence ("Experience with").
var joinWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true, "but": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "by": true, "for": true, "with": true, "from": true,
	"into": true, "as": true, "via": true, "including": true, "such": true, "like": true, "than": true,
	"our": true, "your": true, "their": true, "its": true, "is": true, "are": true, "be": true, "&": true,
}

// continues reports whether next, a plain line, goes on with line. It
// never does when line is short (a wrap cuts at a column far to the
// right), ends a sentence or introduces a list (a colon). It does when
// next starts lower-case, with a bracket or a dash ("…on AWS using EC2, and" /
// "familiarity with the AWS APIs"). An upper-case start is a new list line
// unless line reaches the wrap column (full) and shows it was cut: it ends
// in a comma, a hyphen or a word that cannot end a sentence ("Experience
// with" / "Kubernetes"), leaves a bracket open, or next ends the sentence
// that line left open in a block whose items end with full stops
// (sentenceBlocks: "…degree in Computer Science, Information" / "Systems,
// or a related field."). A list of lines ends its lines where its
// items end, short of the column ("Exceptionally easy to work with and get
// along with" / "Team lead experience").
func continues(line, next string, width int, sentences bool) bool {
	n := utf8.RuneCountInString(line)
	if n < minWrapped || endsSentence(line) && !endsAbbreviation(line) || strings.HasSuffix(line, ":") {
		return false
	}
	full := n*3 >= width*2 && width <= maxWrapColumn
	if strings.HasSuffix(line, ";") { // a list line ending with ";" unless wrapped
		return full && startsLower(next)
	}
	if startsLower(next) || strings.HasPrefix(next, "(") || strings.HasPrefix(next, "—") {
		return true
	}
	if !full {
		return false
	}
	if strings.HasSuffix(line, ",") || strings.HasSuffix(line, "-") || strings.HasSuffix(line, "/") {
		return true
	}
	f := strings.Fields(line)
	return joinWords[strings.ToLower(f[len(f)-1])] || strings.Count(line, "(") > strings.Count(line, ")") || sentences && endsSentence(next)
}

// sentenceBlocks marks the lines of each block (lines between blanks) whose
// items or paragraphs end with full stops: most of its lines that stop short
// of the wrap column, where a wrapped item ends, end a sentence. In such a
// block a full line without one was cut; in a list of lines without full
// stops, one that ends with a full stop is only one more item.
func sentenceBlocks(raw []string, width int) []bool {
	out := make([]bool, len(raw))
	for i := 0; i < len(raw); {
		j, short, ended := i, 0, 0
		for ; j < len(raw) && strings.TrimSpace(raw[j]) != ""; j++ {
			t := strings.TrimSpace(raw[j])
			if utf8.RuneCountInString(t)*3 < width*2 {
				short++
				if endsSentence(t) {
					ended++
				}
			}
		}
		for k := i; k < j; k++ {
			out[k] = ended*2 > short
		}
		i = j + 1
	}
	return out
}

// maxWrapColumn is the widest text read as wrapped at a column: PDFs and
// e-mails wrap at 60 to 110 characters; a text with longer lines was pasted
// with its paragraphs whole.
const maxWrapColumn = 160

// endsAbbreviation reports whether line ends with an abbreviation that
// leads on ("e.g.", "i.e."), not a full stop.
func endsAbbreviation(line string) bool {
	l := strings.ToLower(line)
	return strings.HasSuffix(l, "e.g.") || strings.HasSuffix(l, "i.e.") || strings.HasSuffix(l, "incl.")
}

// joinWrapped joins a wrapped line to its continuation: a word cut at its
// hyphen ("high-" / "quality") is one word again.
func joinWrapped(line, next string) string {
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(line, "-")); strings.HasSuffix(line, "-") && unicode.IsLetter(r) && startsLower(next) {
		return line + next
	}
	return line + " " + next
}
