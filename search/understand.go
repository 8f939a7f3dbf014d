package search

import (
	"slices"
	"strings"
	"unicode"

	"vitae"
	"vitae/embed"
	"vitae/lexicon"
)

// PartKind says what a piece of a query asks for.
type PartKind string

const (
	PartAction PartKind = "action" // led, built, reduced, migrated …
	PartObject PartKind = "object" // DevOps team, CI pipeline, cloud costs
	PartSkill  PartKind = "skill"  // Kubernetes, React Native
	PartScope  PartKind = "scope"  // numbers: 10 engineers, 40%, $2M
)

// Part is one piece of a query's meaning. A bullet covers it when it has
// one of the part's stems, or a phrase of its lexicon group.
type Part struct {
	Kind   PartKind `json:"kind"`
	Text   string   `json:"text"`
	Group  int      `json:"-"` // lexicon group, -1 for a plain word
	stem   string   // the word's stem; "" for a group part
	Weight float64  `json:"weight"`
}

// Understanding is a query taken apart into the parts a bullet should
// cover: "led DevOps team" is an action (lead), an object (DevOps, a skill)
// and an object (team).
type Understanding struct {
	Parts []Part `json:"parts"`
	lex   *lexicon.Lexicon
	// The query's words as the built-in embedder reads them (stems, stop
	// words out), with their SIF weights and base-model vectors, for Soft.
	words   []string // stems
	said    []string // the words as typed (lower case)
	weights []float64
	vecs    [][]float32
	model   WordModel
	sims    map[string][]float64 // see similarities
	// Cover's lookups (index).
	terms    map[string][]groupTerm
	stems    map[string][]int
	prefixes map[string]bool
}

// WordModel is what soft matching needs of a word model: a stem's unit
// vector (nil when unknown) and its corpus probability. *embed.BaseModel
// is one.
type WordModel interface {
	Vec(stem string) []float32
	Probability(key string) (float64, bool)
}

// Part weights: a query's rare object outweighs its common verb, and a
// verb that says nothing ("made", "worked") barely counts.
const (
	weightSkill   = 1.3
	weightObject  = 1.0
	weightAction  = 0.6
	weightScope   = 0.3
	weightGeneric = 0.15
)

// Understand takes a query apart with the lexicon: lexicon phrases become
// group parts (verbs are actions, skills are skills, the rest objects),
// numbers are scope, other content words are objects; stop words and
// generic verbs ("made", "got", "worked") weigh little or nothing.
func Understand(lex *lexicon.Lexicon, model WordModel, text string) Understanding {
	u := Understanding{lex: lex, model: model}
	u.readWords(text)
	words := lexicon.Tokenize(text)
	matches := lex.FindWords(text, words)
	groups := lex.Groups()
	seen := map[string]bool{}
	add := func(p Part, key string) {
		if seen[key] {
			return
		}
		seen[key] = true
		u.Parts = append(u.Parts, p)
	}
	next := 0
	for i := 0; i < len(words); {
		if next < len(matches) && matches[next].Start == i {
			m := matches[next]
			next++
			g := groups[m.Group]
			p := Part{Kind: PartObject, Text: strings.Join(words[m.Start:m.End], " "), Group: m.Group, Weight: weightObject}
			switch g.Kind {
			case "verb":
				p.Kind, p.Weight = PartAction, weightAction
			case "skill":
				p.Kind, p.Weight = PartSkill, weightSkill
			}
			add(p, "g:"+g.Kind+":"+g.Canonical)
			i = m.End
			continue
		}
		w := words[i]
		i++
		switch {
		case stopWords[w]:
			continue
		case isNumber(w):
			add(Part{Kind: PartScope, Text: w, Group: -1, stem: w, Weight: weightScope}, "n:"+w)
		case genericVerbs[w]:
			add(Part{Kind: PartAction, Text: w, Group: -1, stem: stemWord(w), Weight: weightGeneric}, "w:"+stemWord(w))
		default:
			s := stemWord(w)
			add(Part{Kind: PartObject, Text: w, Group: -1, stem: s, Weight: weightObject}, "w:"+s)
		}
	}
	u.index()
	return u
}

// PartCoverage is how well one bullet covers a query's parts.
type PartCoverage struct {
	Score   float64   // weighted share of the parts covered, 0..1
	PerPart []float64 // per part: 1 exact, groupMatch via the lexicon, 0 none
	// Reasons say which of the bullet's words covered which part.
	Reasons []vitae.Reason
}

// groupMatch is what another phrase of a part's lexicon group counts for:
// "headed" for "led" is nearly, not exactly, what was asked.
const groupMatch = 0.85

// Cover scores a bullet's text against the query's parts.
func (u Understanding) Cover(text string) PartCoverage {
	if len(u.Parts) == 0 {
		return PartCoverage{PerPart: []float64{}}
	}
	return u.coverWords(lexicon.Tokenize(text))
}

// coverWords is Cover of a text's words (lexicon.Tokenize), for a caller
// that reads them more than once.
func (u Understanding) coverWords(words []string) PartCoverage {
	c := PartCoverage{PerPart: make([]float64, len(u.Parts))}
	if len(u.Parts) == 0 {
		return c
	}
	found := make([][]string, len(u.Parts)) // per part: the bullet's words that cover it
	for k, w := range words {
		// Another phrase of a part's lexicon group starting here. Only the
		// query's groups are looked for: a bullet is read once per query.
		for _, t := range u.terms[w] {
			if k+len(t.words) <= len(words) && slices.Equal(words[k:k+len(t.words)], t.words) {
				found[t.part] = append(found[t.part], strings.Join(t.words, " "))
			}
		}
		// A plain part's stem: stemming is costly, so only words that
		// could stem to one (same first letters) are stemmed.
		if len(w) >= stemPrefix && !u.prefixes[w[:stemPrefix]] {
			continue
		}
		if ps := u.stems[stemWord(w)]; len(ps) > 0 {
			for _, i := range ps {
				found[i] = append(found[i], w)
			}
		}
	}
	var total, got float64
	for i, p := range u.Parts {
		total += p.Weight
		for _, m := range found[i] {
			score, via := groupMatch, vitae.ViaLexicon
			if p.Group < 0 || m == p.Text {
				score, via = 1, vitae.ViaExact
			}
			c.PerPart[i] = max(c.PerPart[i], score)
			c.Reasons = append(c.Reasons, reason(p.Text, m, via))
		}
		got += p.Weight * c.PerPart[i]
	}
	if total > 0 {
		c.Score = got / total
	}
	return c
}

// stemPrefix is how many first letters a word shares with its stem (for
// words long enough to be stemmed at all).
const stemPrefix = 3

// groupTerm is one phrase of a query part's lexicon group.
type groupTerm struct {
	words []string
	part  int
}

// index prepares Cover: the phrases of the parts' groups by first word,
// the plain parts by stem, and those stems' first letters.
func (u *Understanding) index() {
	u.terms = map[string][]groupTerm{}
	u.stems = map[string][]int{}
	u.prefixes = map[string]bool{}
	groups := u.lex.Groups()
	for i, p := range u.Parts {
		if p.Group >= 0 {
			for _, t := range groups[p.Group].Terms {
				ws := strings.Fields(t)
				u.terms[ws[0]] = append(u.terms[ws[0]], groupTerm{words: ws, part: i})
			}
			continue
		}
		u.stems[p.stem] = append(u.stems[p.stem], i)
		if len(p.stem) >= stemPrefix {
			u.prefixes[p.stem[:stemPrefix]] = true
		}
	}
}

func stemWord(w string) string { return embed.Stem(w) }

func isNumber(w string) bool {
	digits := 0
	for _, r := range w {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	return digits > 0 && digits*2 >= len(w)
}

// stopWords are function words a query's meaning does not rest on.
var stopWords = setOf(`a an the of for and or with to in on at by from as into over
	about than that this these those my our their his her its i we you they me us
	is are was were be been being am has have had do does did will would can could
	should may might must not no so very more most some any all each per via using
	new other such also just up out off`)

// genericVerbs say little about what was done: a query that starts with one
// must not pull every bullet that starts with it.
var genericVerbs = setOf(`made make makes making got get gets getting worked work
	works working took take takes taking did doing done helped help helps helping
	handled handle used use uses using went go goes put gave give keep kept
	involved participated responsible tasked`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
