package match

import (
	"strings"

	"vitae/index"
	"vitae/lexicon"
)

// A requirement that lists specific things ("Hands on experience with
// visual odometry, mapping, and slam"; "… including machining,
// extruding, stamping, forging") is met in part by a bullet that names
// one of them ("… obstacle avoidance, SLAM, and waypoint following"),
// though one part of a requirement of three or more is otherwise no
// evidence (judgeParts): an item named is an item done. A list of
// qualities ("quality, reliability, and safety") or of the words most
// résumés share is not a list of things, and sharing one of its words
// stays no evidence.

// minListPieces is how many pieces with parts a list has at least: "A,
// B, and C". Two joined by "and" are mostly a pair of qualifiers
// ("written and verbal", "remotely and onsite"), not a list of things.
const minListPieces = 3

// listItems returns the keys of the one-word items of a list of specific
// things, text cut by reClause into pieces; nil when it is no such list.
// An item is a piece whose only part is one object. The list is of
// specific things when at least two pieces are items, every item is a
// plain content word, not a weak word or a lexicon concept or role (a
// quality, a scope, a kind of people), and the pieces after the first
// ask for no action: a list of things after its head ("Build A, B, and
// C"), in one sentence, not clauses that each ask something ("talk to
// real estate agents, … and hate, tell our execs"). Only objects of
// the whole requirement (p) count: a capitalised name there fills the
// skill slot.
func (z *analyzer) listItems(text string, p *reqParts, pieces []string) map[string]bool {
	whole := map[string]bool{}
	for _, u := range p.objects {
		whole[u.key] = true
	}
	items := map[string]bool{}
	withParts := 0
	for i, c := range pieces {
		cp := z.parts(c)
		if cp.total == 0 {
			continue
		}
		withParts++
		if i > 0 && len(cp.actions) > 0 {
			return nil // clauses that ask, not a list of things
		}
		if len(cp.skills) > 0 || len(cp.actions) > 0 || len(cp.objects) != 1 {
			continue
		}
		u := cp.objects[0]
		if u.weight < 1 || u.role || !strings.HasPrefix(u.key, "w:") {
			return nil // a list of qualities or shared words, not of things
		}
		if whole[u.key] {
			items[u.key] = true
		}
	}
	if withParts < minListPieces || len(items) < 2 || z.sentenceParts(text) > 1 {
		return nil
	}
	return items
}

// oneItem reports whether the keys a bullet carries are one item of the
// requirement's list of specific things (listItems).
func oneItem(r *reqParts, hit []string) bool {
	return len(hit) == 1 && r.items[hit[0]]
}

// saysBare reports whether a bullet says the word of key as a thing of
// its own at least once, not as the last word of a longer name: "data
// mapping" and "projection mapping" are other things than the "mapping"
// of "visual odometry, mapping, and slam", while "obstacle avoidance,
// SLAM, and waypoint following" and "Designed stamping dies" say theirs.
func saysBare(b *textParts, key string) bool {
	said := map[string]bool{}
	for _, w := range b.surface[key] {
		said[w] = true
	}
	spans := wordSpans(b.text)
	for i, loc := range spans {
		if !said[strings.ToLower(strings.TrimRight(b.text[loc[0]:loc[1]], ".-/'"))] {
			continue
		}
		if i == 0 || strings.TrimSpace(b.text[spans[i-1][1]:loc[0]]) != "" || !modifier(b.text[spans[i-1][0]:spans[i-1][1]]) {
			return true
		}
	}
	return false
}

// modifier reports whether a word before another can make a longer name
// of it: a content word ("data", "projection"), not a verb of the
// lexicon ("creating mappings"), a generic or a stop word.
func modifier(w string) bool {
	w = strings.ToLower(strings.TrimRight(w, ".-/'"))
	if genericWords[w] || !hasLetter(w) || len(index.Terms(w)) == 0 {
		return false
	}
	g, ok := lexicon.Default().Lookup(w)
	return !ok || g.Kind != "verb"
}
