package match

import (
	"slices"
	"sync"

	"vitae/index"
	"vitae/lexicon"
)

// A role title names its role by the noun phrase it ends with: a
// "Software Engineering Manager" is a manager, a "Senior Staff
// Reliability Engineer" a reliability engineer. The lexicon's role
// families list the names one role goes by ("site reliability
// engineering", "sre", "devops", "platform engineer"; "engineering
// manager", "director of engineering", "cto"), but the embedding model
// reads a title by the phrases it finds from the left, written exactly:
// "Senior Staff Reliability Engineer" meets no family name and is read
// as "reliability" (uptime), at cosine 0.3 from "Site Reliability
// Engineer"; "Software Engineering Manager" is read as "software
// engineering", nearer "Senior Software Engineer" (0.51) than "Director
// of Engineering" (0.31). titleFamily reads a title as the index reads
// it — stems, so "reliability engineer" meets "reliability engineering";
// level words out — and takes the family of the name that ends last,
// the role's head; role sense then reads a title of the JD role's family
// at least Weights.RoleFamily near (familyFloor).

// familyName is one name of a lexicon role family, as index terms.
type familyName struct {
	terms  []string
	family int // index into lexicon.Default().Groups()
}

var (
	familyOnce    sync.Once
	familyByFirst map[string][]familyName
)

// familyNames indexes the lexicon's role-family names by their first
// index term. A name with a level word ("staff engineer", "senior
// director") is left out: level words are not read in titles, and
// without them it would be a bare "engineer" or "director". A name with
// "lead" ("team lead", "engineering lead") stays: titleFamily keeps a
// last "lead" when the role would be one word without it. So is a name
// with a word the index drops other than a connective ("IT" is a stop
// word): "it manager" would be any "manager", "head of it" any "head".
func familyNames() map[string][]familyName {
	familyOnce.Do(func() {
		familyByFirst = map[string][]familyName{}
		for gi, g := range lexicon.Default().Groups() {
			if g.Kind != "role" {
				continue
			}
			for _, t := range g.Terms {
				ts := index.Terms(t)
				if len(ts) == 0 || slices.ContainsFunc(ts, func(t string) bool { return levelTerms[t] && t != leadTerm }) || dropsWord(t) {
					continue
				}
				familyByFirst[ts[0]] = append(familyByFirst[ts[0]], familyName{terms: ts, family: gi})
			}
		}
	})
	return familyByFirst
}

// connectives are the words a role's name may drop as the index does
// ("director of engineering", "research and development engineer").
var connectives = map[string]bool{"of": true, "and": true, "&": true, "the": true, "for": true, "in": true}

// dropsWord reports a name with a word the index drops that is not a
// connective.
func dropsWord(name string) bool {
	for _, w := range lexicon.Tokenize(name) {
		if len(index.Terms(w)) == 0 && !connectives[w] {
			return true
		}
	}
	return false
}

// titleFamily returns the lexicon role family a title's role belongs to
// (the family of the name that ends last, the longer on a tie), and
// false when it names none.
func titleFamily(title string) (int, bool) {
	ts := mainTerms(title) // in order, level words out, a role that is a lead kept whole
	names := familyNames()
	best, bestEnd, bestLen := -1, -1, 0
	for i, t := range ts {
		for _, n := range names[t] {
			end := i + len(n.terms)
			if end > len(ts) || !slices.Equal(ts[i:end], n.terms) {
				continue
			}
			if end > bestEnd || (end == bestEnd && len(n.terms) > bestLen) {
				best, bestEnd, bestLen = n.family, end, len(n.terms)
			}
		}
	}
	return best, best >= 0
}

// familyFloor raises near[i], the cosine of texts[i] to the JD's role,
// to at least floor when texts[i] names a role of the family one of the
// JD's role texts (want) names. A family is a neighbourhood, not the
// role ("Machine Learning Engineer" and "Research Scientist" are both
// data science), so the floor stays below what a title of the role's
// own words reads.
func familyFloor(near []float64, texts, want []string, floor float64) {
	if floor <= 0 {
		return
	}
	fams := map[int]bool{}
	for _, t := range want {
		if f, ok := titleFamily(t); ok {
			fams[f] = true
		}
	}
	if len(fams) == 0 {
		return
	}
	for i, t := range texts {
		// The role's part only: "Account Executive, DevOps" is no DevOps
		// role for its team's name.
		main, _ := titleParts(t)
		if f, ok := titleFamily(main); ok && fams[f] {
			near[i] = max(near[i], floor)
		}
	}
}
