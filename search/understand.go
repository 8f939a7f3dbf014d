package search

import (
	"strings"
	"unicode"

	porter "github.com/blevesearch/go-porterstemmer"

	"vitae"
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
	sims    map[simKey]float64 // see similarity
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
	c := PartCoverage{PerPart: make([]float64, len(u.Parts))}
	if len(u.Parts) == 0 {
		return c
	}
	words := lexicon.Tokenize(text)
	stems := make(map[string]string, len(words)) // stem → word as written (lower case)
	for _, w := range words {
		stems[stemWord(w)] = w
	}
	var inGroup map[int][]string // group → the bullet's phrases of it
	for _, m := range u.lex.FindWords(text, words) {
		if inGroup == nil {
			inGroup = map[int][]string{}
		}
		inGroup[m.Group] = append(inGroup[m.Group], strings.Join(words[m.Start:m.End], " "))
	}
	var total, got float64
	for i, p := range u.Parts {
		total += p.Weight
		switch {
		case p.Group >= 0:
			phrases := inGroup[p.Group]
			if len(phrases) == 0 {
				break
			}
			c.PerPart[i] = groupMatch
			for _, ph := range phrases {
				if ph == p.Text {
					c.PerPart[i] = 1
				}
			}
			for _, ph := range phrases {
				c.Reasons = append(c.Reasons, reason(p.Text, ph, vitae.ViaLexicon))
			}
		default:
			if w, ok := stems[p.stem]; ok {
				c.PerPart[i] = 1
				c.Reasons = append(c.Reasons, reason(p.Text, w, vitae.ViaLexicon))
			}
		}
		got += p.Weight * c.PerPart[i]
	}
	if total > 0 {
		c.Score = got / total
	}
	return c
}

func stemWord(w string) string {
	if len(w) <= 3 || strings.ContainsAny(w, "+#./") {
		return w
	}
	return porter.StemString(w)
}

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
