package match

import (
	"regexp"
	"strings"
	"unicode"
)

// A requirement that names a tool asks for that tool only when the tool
// is what it lists: "Experience with Cassandra, AWS DynamoDB, Riak",
// "container technology such as Docker, Packer, or rkt",
// "(PostgreSQL, MySQL)". A tool named after a head about something else
// ("Building a world class support team …, focused on Kubernetes and
// Linux"; "knowledge of cloud architecture security … and have
// experience working with AWS") is one item of a longer ask, so a
// bullet that names it alone is partial evidence (strict rules).

// reListTail is what may stand between a list's opening and one of its
// tools: other tools, separators, "and", "or".
var reListTail = regexp.MustCompile(`(?:[\s,;/&+]|\band\b|\bor\b|\b(?:[A-Z]|[a-z][A-Z])[\p{L}\p{N}+#.\-]*)+$`)

// reListOpen ends a text that opens a list of examples.
var reListOpen = regexp.MustCompile(`(?i)(?:\(|:|\bsuch as|\blike|\be\.g\.?|\beg|\bincluding|\bincl\.?|\bfor example|\bi\.e\.?|\bnamely|\bespecially|\bone of|\bany of|\bsome of|\bat least one of)\s*$`)

// clauseStarts returns the offset in text of each piece reClause.Split
// cuts it into.
func clauseStarts(text string) []int {
	at := []int{0}
	for _, m := range reClause.FindAllStringIndex(text, -1) {
		at = append(at, m[1])
	}
	return at
}

// headWindow bounds how far before a clause listed reads for the list's
// head: a head is a phrase, and reading the whole text before each clause
// made a long requirement cost clauses × length (a 16 KB one took seconds).
const headWindow = 200

// sameList is listed's head for a clause deep in a long list of names:
// its head is the clause before's.
const sameList = -2

// listed reports whether the first name of the clause that starts at
// offset start of requirement text is listed as what the requirement
// asks for: the list is opened as examples, or nothing but generic and
// weak words comes before it. It also returns where the list's head ends
// in text (before its opening and the names ahead of this one), -1 when
// the clause names nothing, sameList when a window before the name holds
// names only.
func (z *analyzer) listed(text string, start int, clause string) (bool, int) {
	loc := z.firstName(text, start, clause)
	if loc == nil {
		return false, -1
	}
	end := start + loc[0]
	from := max(0, end-headWindow)
	head := reListTail.ReplaceAllString(text[from:end], "")
	if reListOpen.MatchString(head) {
		return true, from + len(head)
	}
	if from > 0 {
		if head == "" {
			// The window holds names only: a long list, whose head the
			// clause before it read.
			return false, sameList
		}
		// More than a window of text before the name: a head that long
		// names something.
		return false, from + len(head)
	}
	p := z.parts(strings.TrimSpace(head))
	return len(p.skills) == 0 && things(p) == 0, len(head)
}

// firstName returns where in clause (at offset start of text) the first
// word written as a tool's name is: a skill, or a capitalised word that
// does not open a sentence ("Experience", "Building" are capitalised as
// the sentence's first word, not as names).
func (z *analyzer) firstName(text string, start int, clause string) []int {
	for _, loc := range reName.FindAllStringIndex(clause, -1) {
		before := strings.TrimRightFunc(text[:start+loc[0]], func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".!?", r)
		})
		if before != "" && !strings.ContainsAny(before[len(before)-1:], ".!?") {
			return loc
		}
		for _, t := range z.tokens(clause[loc[0]:loc[1]]) {
			if t.kind == "skill" {
				return loc
			}
		}
	}
	return nil
}

// things counts the parts of a requirement that are not weak words.
func things(p *reqParts) int {
	n := 0
	for _, u := range p.objects {
		if u.weight >= 1 {
			n++
		}
	}
	return n
}
