package match

import (
	"strings"

	"vitae/ingest"
	"vitae/lexicon"
)

// lineRole is what a plain line is read as.
type lineRole int

const (
	roleNone    lineRole = iota // not a plain line, or not read yet
	roleHeading                 // a section heading
	roleList                    // one requirement, as a list item is
	roleLed                     // a list line after a lead-in ("…people who:"): roleList, and a list for sure
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
		if h, ok := heading(l.text); titleLine(l.text) || ok && sectionKind(h) == "" && !sentenceLike(l.text) {
			return i
		}
		return -1
	}
	return -1
}

// plainRoles reads every plain line but the title. The short lines right
// under the title that name no section and no skills are its header
// ("Acme Payments", "Berlin (Hybrid)"), read as headings. A short line is
// a heading when it says so (markedHeading; under a named section a line
// in capitals inside a list also needs heading words: "AWS EC2" is an
// item), when its words are a heading's (headingPhrase), or when it
// introduces what follows it: a marked list it is not itself in, or a
// paragraph after a blank line ("Our team" / "We are twelve engineers.").
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
	for i := title + 1; title >= 0 && plain(i); i++ {
		if h, short := plainHeading(lines[i].text); !short || sectionKind(h) != "" || namesSkills(lines[i].text) {
			break
		}
		roles[i] = roleHeading // the posting's header under its title: "Acme Payments", "Berlin (Hybrid)", "Full-time"
	}
	named := false // the lines are in a section a heading named
	for i, l := range lines {
		if l.kind == lineHeading {
			h, _ := heading(l.text)
			named = sectionKind(h) != ""
		}
		if !plain(i) || roles[i] != roleNone {
			continue
		}
		h, ok := plainHeading(l.text)
		switch {
		case ok && named && i > 0 && lines[i-1].kind != lineBlank && capsOnly(l.text) && !headingPhrase(h):
			// "AWS EC2", "SQL AND PYTHON" in a list under "Requirements":
			// a line in capitals there needs heading words to be a heading.
		case ok && (markedHeading(l.text) || headingPhrase(h) || introduces(lines, i, h, roles)):
			roles[i] = roleHeading
			named = sectionKind(h) != ""
		case !ok && strings.HasSuffix(l.text, ":"):
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
		oneEach := n >= 2 && open*2 < n && fewSentences(lines[i:j])
		leadIn := i > 0 && lines[i-1].kind == linePlain && roles[i-1] == roleProse
		for k := i; k < j; k++ {
			t := lines[k].text
			_, short := plainHeading(t)
			switch {
			case n >= 2 && leadIn:
				roles[k] = roleLed
			case n >= 2 && open*2 >= n:
				roles[k] = roleList
			case oneEach:
				roles[k] = roleClosed
			case n == 1 && short && (namesSkills(t) || asksFor(t)):
				roles[k] = roleList // "Kubernetes, Terraform, AWS" and "We need a Go developer" ask for them anywhere
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

// namesSkills reports whether a line asks for skills: it names two, or is
// one ("Kubernetes"; "Acme Payments" names a company).
func namesSkills(line string) bool {
	n := len(lexicon.Default().Skills(line))
	return n >= 2 || n == 1 && len(strings.Fields(line)) == 1
}

// in settles a role that depends on the section the line is in: kind,
// named by a heading when known. Under a named section a short line alone
// and a run of one-sentence lines are items, and so is a long line without
// a full stop under requirements (under responsibilities it is more often
// the role's blurb); elsewhere they are a heading and prose.
func (r lineRole) in(kind string, known bool) lineRole {
	switch r {
	case roleLed:
		return roleList
	case roleLone:
		if known {
			return roleList
		}
		return roleHeading
	case roleOpen, roleClosed:
		if known {
			return roleList
		}
		return roleProse
	}
	return r
}

// fewSentences reports whether a run's lines are items that end with full
// stops, not paragraphs: more than half of them are one sentence each, or
// none is longer than maxItemSentences and maxItemWords ("Automation.
// Automation. Automation. Develop and deploy software that…"; a pasted
// paragraph runs to more words).
func fewSentences(run []jdLine) bool {
	one, few := 0, 0
	for _, l := range run {
		switch n := len(ingest.Sentences(l.text)); {
		case n == 1:
			one++
			few++
		case n <= maxItemSentences && len(strings.Fields(l.text)) <= maxItemWords:
			few++
		}
	}
	return one*2 > len(run) || few == len(run)
}

// maxItemSentences and maxItemWords bound a list line of several sentences.
const (
	maxItemSentences = 4
	maxItemWords     = 30
)

// introduces reports whether plain line i opens what follows it: marked
// list items, unless the line itself is in the list (after an item, or
// after a plain list line: "- Kubernetes" / "PostgreSQL tuning" /
// "Terraform modules" / "- Docker"), or a paragraph when the line itself
// follows a blank or a marked list — not a heading (under "Requirements"
// the first line is a requirement) and not a sentence ("Strong iOS"
// between two items that end with full stops is an item).
func introduces(lines []jdLine, i int, h string, roles []lineRole) bool {
	if i+1 >= len(lines) {
		return false
	}
	next := lines[i+1]
	if next.kind == lineItem {
		if i == 0 {
			return true
		}
		prev := lines[i-1]
		inList := prev.kind == lineItem || prev.kind == linePlain && roles[i-1] == roleNone && unended(prev.text)
		return !inList
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
	return !endsSentence(line) && !strings.HasSuffix(bare(line), ":")
}

// isProse reports whether l is a plain line that ends a statement.
func isProse(l jdLine) bool {
	return l.kind == linePlain && endsStatement(l.text)
}
