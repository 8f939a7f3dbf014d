package ingest

import "regexp"

// reBullet matches a list item: a bullet glyph or a number and then the
// item's text. The glyphs are those résumés and job descriptions carry when
// they come from Markdown, word processors and PDFs ("" is the bullet of
// Word's Symbol font as pdftotext writes it).
var reBullet = regexp.MustCompile(`^\s*(?:[•\-*+–·▪◦●○■►▸➢‣⁃✓\x{F0B7}]|\d{1,2}[.)])(?:\s+(.*))?$`)

// ListItem reports whether line is a list item ("- Go", "• Go", "1. Go")
// and returns its text, trimmed, without the marker; a lone marker is an
// item with no text. It is the one list-item reader of Vitae: résumé lines
// become bullets with it (ingest), job-description lines requirements
// (match).
func ListItem(line string) (string, bool) {
	m := reBullet.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	return m[1], true
}
