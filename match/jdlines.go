package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae/ingest"
)

// A JD pasted as plain lines carries no list markers and no Markdown, so
// what each line is — a heading, one requirement, or part of a paragraph —
// is read from the line and its neighbours. This file reads the lines; the
// sections and requirements are parseJDLines' (jd.go).

// lineKind is what a JD line is before its neighbours are read.
type lineKind int

const (
	lineBlank   lineKind = iota
	lineMeta             // "**Location:** Berlin"
	lineItem             // a marked list item: "- Kubernetes", "• Go"
	lineHeading          // a Markdown heading: "## Requirements"
	linePlain            // anything else: a heading, a list line or prose, by context
)

// jdLine is one logical line of a JD: a line as written, or several joined
// where a sentence or a list item was wrapped.
type jdLine struct {
	kind lineKind
	text string // trimmed; an item's text without its marker
	meta []string
}

// minWrapped is the shortest line, in characters, read as wrapped: a
// PDF or a hard-wrapped paste wraps at a column far to the right, so a
// shorter line ended where its writer ended it ("Go,").
const minWrapped = 30

// readJDLines classifies raw lines and joins wrapped ones: a plain line
// continues the line before it (no blank between) when that line was cut
// mid-sentence — see continues.
func readJDLines(raw []string) []jdLine {
	width := 0 // the longest line: the wrap column, if the text was wrapped
	for _, r := range raw {
		width = max(width, utf8.RuneCountInString(strings.TrimSpace(r)))
	}
	sentences := sentenceBlocks(raw, width)
	var out []jdLine
	for i, r := range raw {
		text := strings.TrimSpace(r)
		l := jdLine{kind: linePlain, text: text}
		switch m := reMeta.FindStringSubmatch(text); {
		case text == "":
			l.kind = lineBlank
		case m != nil:
			l.kind, l.meta = lineMeta, m
		case strings.HasPrefix(text, "#"):
			l.kind = lineHeading
		default:
			if item, ok := listItem(text); ok {
				l.kind, l.text = lineItem, item
			}
		}
		if n := len(out); l.kind == linePlain && n > 0 {
			prev := &out[n-1]
			wrapped := continues(prev.text, text, width, sentences[i])
			if prev.kind == linePlain && wrapped || prev.kind == lineItem && (wrapped || indent(r) >= 2) {
				prev.text = joinWrapped(prev.text, text)
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// listItem returns a marked item's text; a nested marker ("+ + item",
// "- • item") is one item.
func listItem(line string) (string, bool) {
	text, ok := ingest.ListItem(line)
	if !ok {
		return "", false
	}
	for {
		inner, ok := ingest.ListItem(text)
		if !ok {
			return strings.Trim(text, "* "), true
		}
		text = inner
	}
}

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

// endsSentence reports whether a line ends with a full stop, "!" or "?",
// after any closing quote or bracket.
func endsSentence(line string) bool {
	line = strings.TrimRight(line, "\"'”’)]*_ ")
	return strings.HasSuffix(line, ".") || strings.HasSuffix(line, "!") || strings.HasSuffix(line, "?")
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isCaps reports whether s has letters and all of them are upper-case.
func isCaps(s string) bool {
	return strings.ContainsFunc(s, unicode.IsLetter) && !strings.ContainsFunc(s, unicode.IsLower)
}

func indent(s string) int {
	n := 0
	for _, r := range s {
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

// markedHeading reports whether a short plain line says itself that it is
// a heading: it ends with a colon or a question mark ("Requirements:",
// "Why us?"), is all bold ("**What you'll do**"), or is in capitals of
// more than one word ("WHAT WE OFFER"; "AWS" is a skill, not a heading).
func markedHeading(line string) bool {
	t := strings.TrimRight(line, " ")
	switch {
	case strings.HasSuffix(strings.TrimRight(t, "*_ "), ":"), strings.HasSuffix(strings.TrimRight(t, "*_ "), "?"):
		return true
	case len(t) > 4 && (strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") || strings.HasPrefix(t, "__") && strings.HasSuffix(t, "__")):
		return true
	}
	return isCaps(t) && len(strings.Fields(t)) > 1 && !strings.ContainsAny(t, ",/")
}

// headingWords are the words a section heading is made of: the stems of
// the heading vocabulary (sectionKind) and the small words around them.
// "Technical skills" and "What we offer" are all heading words; "Strong
// scripting experience" and "Terraform is a plus" are requirements that
// happen to hold one.
var headingWords = func() []string {
	w := strings.Fields("a an the and or & / of to for in on at with we you your our us i is are be do will would can what who how why this it its that which " +
		"key main core primary basic minimum additional technical professional general other ideal candidate position team education knowledge " +
		"abilities competencies expectations have haves nice good great bonus points plus extra looking need needed want must may might should " +
		"get like day life culture values things include including own job work role your you'll you're we're what's it's there here " +
		"quick short brief glance")
	for _, g := range [][]string{headNice, headSkip, headMust, headResp, headSkipWeak} {
		for _, p := range g {
			w = append(w, strings.Fields(p)...)
		}
	}
	return w
}()

// headingPhrase reports whether h, a short line's words, is a section
// heading by its vocabulary: it names a section (sectionKind) and every
// word of it is a heading word, or it opens with "About" or "Why" and
// names little else ("About Riverty", "Why Acme").
func headingPhrase(h string) bool {
	if sectionKind(h) == "" {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(h, "\u2019", "'")), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("()[],-–—", r)
	})
	if len(words) > 0 && len(words) <= 3 && (words[0] == "about" || words[0] == "why") {
		return true
	}
	for _, w := range words {
		if !isHeadingWord(w) {
			return false
		}
	}
	return true
}

func isHeadingWord(w string) bool {
	for _, s := range headingWords {
		if w == s || len(s) >= 4 && strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// lineRole is what a plain line is read as.
type lineRole int

const (
	roleNone    lineRole = iota // not a plain line
	roleHeading                 // a section heading
	roleList                    // one requirement, as a list item is
	roleProse                   // sentences of a paragraph
	roleLone                    // a short line alone: a list line under a named section, else a heading
	roleOpen                    // a long line alone without a full stop: a list line under requirements, else prose
	roleClosed                  // a line of one sentence among such lines: a list line under a named section, else prose
)

// titleIndex returns the index of the title line, or -1: the first line,
// when it is plain and reads as a title ("Senior Backend Engineer") or as
// a heading that names no section.
func titleIndex(lines []jdLine) int {
	for i, l := range lines {
		if l.kind == lineBlank {
			continue
		}
		if l.kind != linePlain {
			return -1
		}
		if h, ok := heading(l.text); titleLine(l.text) || ok && sectionKind(h) == "" {
			return i
		}
		return -1
	}
	return -1
}

// plainRoles reads every plain line but the title. A short line is a
// heading when it says so (markedHeading), when its words are a heading's
// (headingPhrase), or when it introduces what follows it: a marked list, or
// a paragraph after a blank line ("Our team" / "We are twelve engineers.").
// The other plain lines fall into runs, the lines between blanks and
// headings. In a run of several lines of which at least half end without a
// full stop, each line is one requirement — a list pasted without its
// markers; otherwise the run is prose, each line cut into sentences on its
// own (wrapped lines were joined already), and a short line in it is a
// heading as before. A line alone is decided by its section (roleLone,
// roleOpen).
func plainRoles(lines []jdLine, title int) []lineRole {
	roles := make([]lineRole, len(lines))
	plain := func(i int) bool { return i >= 0 && i < len(lines) && lines[i].kind == linePlain && i != title }
	for i, l := range lines {
		if !plain(i) {
			continue
		}
		if h, ok := plainHeading(l.text); ok && (markedHeading(l.text) || headingPhrase(h) || introduces(lines, i, h)) {
			roles[i] = roleHeading
		} else if !ok && strings.HasSuffix(l.text, ":") {
			roles[i] = roleProse // a lead-in: "We're especially fond of people who:"
		}
	}
	for i := 0; i < len(lines); {
		if !plain(i) || roles[i] != roleNone {
			i++
			continue
		}
		j := i
		open := 0
		for ; plain(j) && roles[j] == roleNone; j++ {
			if unended(lines[j].text) {
				open++
			}
		}
		n := j - i
		closed := roleProse
		if n >= 2 && open*2 < n && singleSentences(lines[i:j]) {
			closed = roleClosed
		}
		leadIn := i > 0 && lines[i-1].kind == linePlain && roles[i-1] == roleProse
		for k := i; k < j; k++ {
			t := lines[k].text
			_, short := plainHeading(t)
			switch {
			case n >= 2 && (open*2 >= n || leadIn):
				roles[k] = roleList
			case closed == roleClosed:
				roles[k] = roleClosed
			case n == 1 && short:
				roles[k] = roleLone
			case n == 1 && unended(t):
				roles[k] = roleOpen
			case short:
				roles[k] = roleHeading
			default:
				roles[k] = roleProse
			}
		}
		i = j
	}
	return roles
}

// singleSentences reports whether more than half of a run's lines are one
// sentence each: a list whose items end with full stops, not a paragraph
// of several sentences to a line.
func singleSentences(run []jdLine) bool {
	one := 0
	for _, l := range run {
		if len(ingest.Sentences(l.text)) == 1 {
			one++
		}
	}
	return one*2 > len(run)
}

// introduces reports whether plain line i opens what follows it: marked
// list items, or a paragraph when the line itself follows a blank or a
// marked list — not a heading (under "Requirements" the first line is a
// requirement) and not a sentence ("Strong iOS" between two items that end
// with full stops is an item).
func introduces(lines []jdLine, i int, h string) bool {
	if i+1 >= len(lines) {
		return false
	}
	next := lines[i+1]
	if next.kind == lineItem {
		return true
	}
	if !isProse(next) {
		return false
	}
	if i == 0 || sectionKind(h) != "" {
		return true
	}
	prev := lines[i-1]
	return prev.kind == lineBlank || prev.kind == lineItem || prev.kind == lineMeta
}

// unended reports whether a line ends without a full stop, "!", "?" or a
// colon: a list line, not a sentence or the lead-in to a list ("We're
// especially fond of people who:").
func unended(line string) bool {
	return !endsSentence(line) && !strings.HasSuffix(strings.TrimRight(line, "*_ "), ":")
}

// isProse reports whether l is a plain line that ends a sentence with a
// full stop or "!" ("Why us?" is a heading).
func isProse(l jdLine) bool {
	if l.kind != linePlain {
		return false
	}
	t := strings.TrimRight(l.text, "\"'”’)]*_ ")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!")
}

// plainHeading is heading for a plain line: a short line that does not end
// a sentence ("We are hiring." is prose).
func plainHeading(line string) (string, bool) {
	if isProse(jdLine{kind: linePlain, text: line}) {
		return "", false
	}
	if h, ok := heading(line); ok {
		return h, true
	}
	// A heading with a note in brackets: "About You (Must Haves -
	// characteristics … the person in this role must have)".
	if i := strings.Index(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		if h, ok := heading(line[:i]); ok && headingPhrase(h) {
			return h, true
		}
	}
	// A longer plain line that ends with a colon or a question mark and
	// holds no sentence before it ("Any of the following would be
	// additionally beneficial:", "What are you looking for in a team
	// member?"). Emphasis marks Markdown, read by heading alone:
	// "**Class size:**" and "**Flipped classroom in practice:**" are labels
	// within a section.
	if (strings.HasSuffix(line, ":") || strings.HasSuffix(line, "?")) && !strings.ContainsAny(line, "*_") && len(strings.Fields(line)) <= maxLongHeading && len(ingest.Sentences(line)) == 1 {
		return strings.TrimRight(line, ":? "), true
	}
	return "", false
}

// maxLongHeading is the most words of a line ending in a colon or a
// question mark that is read as a heading; a longer one is the lead-in
// sentence of a list, or a question in a paragraph.
const maxLongHeading = 12
