package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// reBullet matches a list item: a marker and then the item's text. A dash,
// a star, a plus, a middle dot or a number needs a space (or a no-break
// space, as word processors write it) after it: "-Kubernetes", "*Go*" and
// "1.5 years" are not items; so does a letter a–h of a lettered list ("a.
// Experience with dbt", "b) Snowflake"). A bullet glyph needs none ("•Go",
// "→ On-call", "👉 Python"). The glyphs
// are those résumés and job descriptions carry when they come from
// Markdown, word processors and PDFs: "\uf0b7", "\uf0a7" and "\uf0d8" are
// the bullets of Word's Symbol and Wingdings fonts as pdftotext writes them.
var reBullet = regexp.MustCompile(`^\s*(?:(?:[\-*+–·○⁃]|\d{1,2}[.)]|[a-h][.)])(?:[\s\x{00A0}]+(.*))?|[•▪◦●■►▸➢‣✓✔✅☑◆❖★→➔➜➤⇒👉\x{F0B7}\x{F0A7}\x{F0D8}][\x{FE0F}\s\x{00A0}]*(.*))$`)

// ListItem reports whether line is a list item ("- Go", "• Go", "1. Go")
// and returns its text, trimmed, without the marker; a lone marker is an
// item with no text. It is the one list-item reader of Vitae: plain-text
// résumé lines become bullets with it (text.go), job-description lines
// requirements (match).
func ListItem(line string) (string, bool) {
	m := reBullet.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1] + m[2]), true
}

// StartsLower reports whether s starts with a lower-case letter: a line
// that does goes on with the line before it when a wrap cut a sentence or
// a list item ("Experience with" / "distributed systems"). The résumé
// reader (text.go) and the job-description reader (match) use it alike.
func StartsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// IndentWidth returns the width of line's leading white space, a tab
// counting four spaces: a line indented two or more under a list item
// continues the item.
func IndentWidth(line string) int {
	n := 0
	for _, r := range line {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}
