package match

import (
	"html"
	"regexp"
	"strings"
)

// Level is how well a bullet shows a requirement.
type Level int

const (
	None    Level = iota // nothing the requirement asks for
	Partial              // the skill without the asked action or scope, a bare tool list, part of the requirement
	Strong               // the requirement's object or skill and its action or outcome
)

// String is the level in plain words, as the API and the page show it.
func (l Level) String() string {
	switch l {
	case Strong:
		return "strong"
	case Partial:
		return "partial"
	}
	return "none"
}

// Grading knobs (docs/matching.md §2). The thresholds were chosen on the
// train pairs of eval/evidence.jsonl; the factors say how much an
// unshown action and a bare tool list take off.
const (
	strongAt     = 0.70 // evidence score at which a bullet is strong evidence
	partialAt    = 0.20 // … and partial evidence
	actionMiss   = 0.6  // factor when the requirement asks for an action the bullet does not show
	listFactor   = 0.6  // factor for a bullet that only lists tools
	clauseFactor = 0.85 // factor on the best clause of a requirement that joins several
)

// grade is one bullet judged against one requirement.
type grade struct {
	level Level
	score float64  // 0..1: the weighted share of the requirement's parts the bullet carries
	terms []string // the bullet's words that carry them
}

// judge scores a bullet against a requirement: the weighted share of the
// requirement's parts the bullet carries (its skills as one slot any of
// them fills, its roles, concepts and content words), times actionMiss
// when it asks for an action the bullet does not show, times listFactor
// for a bare tool list. A shared generic word is no part at all, and a
// weak word is half of one, so neither alone reaches a level.
func judge(r *reqParts, b *textParts) grade {
	g := judgeParts(r, b)
	for _, c := range r.clauses {
		if cg := judgeParts(c, b); cg.score*clauseFactor > g.score {
			g = cg
			g.score *= clauseFactor
		}
	}
	switch {
	case g.score >= strongAt:
		g.level = Strong
	case g.score >= partialAt:
		g.level = Partial
	default:
		g.level = None
	}
	return g
}

// judgeParts scores one requirement or clause.
func judgeParts(r *reqParts, b *textParts) grade {
	if r.total == 0 {
		return grade{}
	}
	var got, strong float64 // strong: from units that are not weak words
	var terms []string
	matched, parts := 0, len(r.objects)
	aside := false // the requirement's one skill is named only in passing
	if len(r.skills) > 0 {
		parts += 2
		for k := range r.skills {
			if b.keys[k] {
				got += skillWeight
				strong += skillWeight
				matched += 2
				aside = len(r.skills) == 1 && b.passing[k]
				break
			}
		}
		for k := range r.skills {
			terms = append(terms, b.surface[k]...)
		}
	}
	for _, u := range r.objects {
		if b.keys[u.key] {
			got += u.weight
			if u.weight >= 1 {
				strong += u.weight
				matched++
			}
			terms = append(terms, b.surface[u.key]...)
		}
	}
	if strong == 0 || parts >= 3 && matched < 2 {
		return grade{} // shared weak words, or one word of many, are no evidence
	}
	s := got / r.total
	if len(r.actions) > 0 {
		shown := false
		for a := range r.actions {
			if b.actions[a] {
				shown = true
				terms = append(terms, b.surface[a]...)
			}
		}
		if !shown {
			s *= actionMiss
		}
	}
	if b.list || aside {
		s *= listFactor
	}
	return grade{score: s, terms: terms}
}

// highlight returns text, HTML-escaped, with the given words wrapped in
// <mark>.
func highlight(text string, words []string) string {
	if len(words) == 0 {
		return html.EscapeString(text)
	}
	want := map[string]bool{}
	for _, w := range words {
		want[w] = true
	}
	var sb strings.Builder
	last := 0
	for _, loc := range reWord.FindAllStringIndex(text, -1) {
		w := strings.ToLower(strings.TrimRight(text[loc[0]:loc[1]], ".-'"))
		if !want[w] {
			continue
		}
		end := loc[0] + len(w)
		sb.WriteString(html.EscapeString(text[last:loc[0]]))
		sb.WriteString("<mark>" + html.EscapeString(text[loc[0]:end]) + "</mark>")
		last = end
	}
	sb.WriteString(html.EscapeString(text[last:]))
	return sb.String()
}

// reWord finds words as lexicon.Tokenize cuts them.
var reWord = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}+#.\-'/]*`)
