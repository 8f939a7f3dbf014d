package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae/ingest"
	"vitae/lexicon"
)

// minWrapped is the shortest line, in characters, read as wrapped by its
// length: a PDF or a hard-wrapped paste wraps at a column far to the
// right, so a shorter line ended where its writer ended it ("Go,") unless
// it plainly did not ("Experience with" / "distributed systems").
const minWrapped = 30

// joinWords end a line that a wrap cut mid-sentence ("Experience with").
var joinWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true, "but": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "by": true, "for": true, "with": true, "from": true,
	"into": true, "as": true, "via": true, "including": true, "such": true, "like": true, "than": true,
	"our": true, "your": true, "their": true, "its": true, "is": true, "are": true, "be": true, "&": true,
}

// continues reports whether next, a plain line, goes on with line, the
// last raw line before it (depth: the brackets left open so far). It never
// does when line ends a sentence or introduces a list (a colon), and a
// short line (minWrapped) goes on only when it shows it was cut (below)
// and next starts lower-case, not with a name. It does when next starts with
// a bracket or a dash, and when it starts lower-case after a line that
// reaches the wrap column (full) or shows it was cut — it ends in a comma,
// a hyphen, a slash, a word that cannot end a sentence ("Experience
// with") or "e.g." — unless its first word starts a line of its own (ownStart: "iOS
// or Android", "dbt and Snowflake"). An upper-case start is a new list line
// unless line is full and shows it was cut, leaves a bracket open, or next ends
// the sentence that line left open in a block whose items end with full
// stops (sentenceBlocks: "…degree in Computer Science, Information" /
// "Systems, or a related field."). A list of lines ends its lines where
// its items end, short of the column ("Exceptionally easy to work with and
// get along with" / "Team lead experience").
func continues(line, next string, depth, width int, sentences bool) bool {
	n := utf8.RuneCountInString(line)
	if n == 0 || endsSentence(line) && !endsAbbreviation(line) || strings.HasSuffix(line, ":") {
		return false
	}
	f := strings.Fields(line)
	cut := joinWords[strings.ToLower(f[len(f)-1])] || endsAbbreviation(line) || strings.HasSuffix(line, ",") || strings.HasSuffix(line, "-") || strings.HasSuffix(line, "/")
	if n < minWrapped {
		return cut && ingest.StartsLower(next) && !ownStart(next)
	}
	full := n*3 >= width*2 && width <= maxWrapColumn
	if strings.HasSuffix(line, ";") { // a list line ending with ";" unless wrapped
		return full && ingest.StartsLower(next)
	}
	if strings.HasPrefix(next, "(") || strings.HasPrefix(next, "—") {
		return true
	}
	if ingest.StartsLower(next) {
		return (full || cut) && !ownStart(next)
	}
	return full && (cut || depth > 0 || sentences && endsSentence(next))
}

// ownStart reports whether a line that starts lower-case starts a line of
// its own all the same: its first word is a name with a capital inside
// ("iOS", "eBPF", "gRPC") or a skill whose name is written lower-case
// ("dbt and Snowflake in production"; "agile teams" is the word, not the
// skill Agile, and goes on with the line before).
func ownStart(line string) bool {
	first, _, _ := strings.Cut(line, " ")
	if strings.ContainsFunc(first, unicode.IsUpper) {
		return true
	}
	lex := lexicon.Default()
	for _, m := range lex.Find(first) {
		if g := lex.Groups()[m.Group]; m.Start == 0 && g.Kind == "skill" && ingest.StartsLower(g.Canonical) {
			return true
		}
	}
	return false
}

// paragraphBlocks marks the lines of each hard-wrapped paragraph but its
// first: a block (lines between blanks) of plain lines in a text wrapped at
// a column, whose lines all reach about that column (three quarters of it)
// but the last, which ends a sentence, and at least half of whose full
// lines end mid-sentence. A wrap cuts a paragraph anywhere, before a capitalised word
// too ("…on AWS and Google" / "Cloud, and…"); a list ends its lines where
// its items end. The joined paragraph is cut into sentences as before.
func paragraphBlocks(raw []string, width int) []bool {
	out := make([]bool, len(raw))
	if width < minParagraphWidth || width > maxWrapColumn {
		return out
	}
	for i := 0; i < len(raw); {
		j, full, open := i, true, 0
		for ; j < len(raw) && strings.TrimSpace(raw[j]) != ""; j++ {
			t := strings.TrimSpace(raw[j])
			if _, item := ingest.ListItem(t); item || markdownHeading(t) || reMeta.MatchString(t) {
				full = false
			}
			if j+1 < len(raw) && strings.TrimSpace(raw[j+1]) != "" { // not the block's last line
				full = full && utf8.RuneCountInString(t)*4 >= width*3
				if !endsSentence(t) {
					open++
				}
			}
		}
		if n := j - i; n >= 2 && full && open*2 >= n-1 && endsSentence(strings.TrimSpace(raw[j-1])) {
			for k := i + 1; k < j; k++ {
				out[k] = true
			}
		}
		i = j + 1
	}
	return out
}

// proseBlocks marks the lines of hard-wrapped prose that go on with the
// line before them, whatever the wrap column (paragraphBlocks and
// continues read only wide ones): in a block (lines between blanks) of
// plain lines that, after the headings that lead it ("About the role:"),
// starts with a capital and ends a sentence, a line goes on when the line
// before it ends no sentence, is not marked a heading ("WHAT WE OFFER")
// and is plainly cut: the line starts lower-case (not a name: ownStart),
// or the line before ends with a word that cannot end a sentence
// ("Experience with" / "PostgreSQL"). A list of short lines starts
// lower-case or ends without a full stop, and stays lines.
func proseBlocks(raw []string) []bool {
	out := make([]bool, len(raw))
	for i := 0; i < len(raw); {
		j, plain := i, true
		for ; j < len(raw) && strings.TrimSpace(raw[j]) != ""; j++ {
			t := strings.TrimSpace(raw[j])
			if _, item := ingest.ListItem(t); item || markdownHeading(t) || reMeta.MatchString(t) {
				plain = false
			}
		}
		s := i
		for s < j && leadsBlock(strings.TrimSpace(raw[s])) {
			s++
		}
		if plain && proseShape(raw[s:j]) {
			for k := s + 1; k < j; k++ {
				out[k] = goesOn(strings.TrimSpace(raw[k-1]), strings.TrimSpace(raw[k]))
			}
		}
		i = j + 1
	}
	return out
}

// leadsBlock reports whether a line is a heading or a lead-in that opens
// a block: it ends with a colon, or is a heading by its marks or by its
// words — unless it ends with a word only a cut leaves there ("You will
// own the" starts a paragraph; "What we look for" is a heading).
func leadsBlock(line string) bool {
	if strings.HasSuffix(bare(line), ":") || markedHeading(line) {
		return true
	}
	h, ok := plainHeading(line)
	f := strings.Fields(line)
	last := strings.ToLower(f[len(f)-1])
	return ok && headingPhrase(h) && (!joinWords[last] || headingEnds[last])
}

// headingEnds are the join words a heading may end with: "What we look
// for", "Tools we work with".
var headingEnds = map[string]bool{"for": true, "with": true, "on": true, "in": true, "at": true, "by": true, "from": true, "like": true, "into": true, "as": true, "via": true}

// proseShape reports whether lines read as a paragraph: two or more, the
// first starting with a capital or a digit, the last ending a sentence,
// and at least half of the others ending mid-sentence; every line but the
// last holds two words or more and they hold 2.5 on average, as a line
// filled to its wrap column does ("Python" / "sql and dbt" / "airflow."
// is a list).
func proseShape(lines []string) bool {
	n := len(lines)
	if n < 2 {
		return false
	}
	words := 0
	for _, l := range lines[:n-1] {
		f := len(strings.Fields(l))
		if f < 2 {
			return false
		}
		words += f
	}
	if 2*words < 5*(n-1) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimSpace(lines[0]))
	if last := strings.TrimSpace(lines[n-1]); !unicode.IsUpper(first) && !unicode.IsDigit(first) || !endsSentence(last) || endsAbbreviation(last) {
		return false
	}
	open := 0
	for _, l := range lines[:n-1] {
		if !endsSentence(strings.TrimSpace(l)) {
			open++
		}
	}
	return open*2 >= n-1
}

// goesOn reports whether next is plainly the rest of line's sentence.
func goesOn(line, next string) bool {
	if endsSentence(line) && !endsAbbreviation(line) || strings.HasSuffix(line, ";") || markedHeading(line) {
		return false
	}
	if ingest.StartsLower(next) {
		return !ownStart(next)
	}
	f := strings.Fields(line)
	return joinWords[strings.ToLower(f[len(f)-1])]
}

// minParagraphWidth is the narrowest wrap column paragraphBlocks reads.
const minParagraphWidth = 40

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
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(line, "-")); strings.HasSuffix(line, "-") && unicode.IsLetter(r) && ingest.StartsLower(next) {
		return line + next
	}
	return line + " " + next
}
