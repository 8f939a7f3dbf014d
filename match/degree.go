package match

import (
	"regexp"
	"slices"
	"strings"
)

// degreeNames are the names of academic degrees a résumé writes instead of
// the word "degree" ("B.Tech (Computer Science)", "Bachelor of
// Engineering"). Short forms that are also words ("be", "me", "ms") count
// only when written with dots.
var degreeNames = setOf(`bachelor bachelors bachelor's master's btech mtech bsc msc beng meng phd mba
b.tech m.tech b.sc m.sc b.e b.s m.s b.a m.a ph.d b.eng m.eng`)

// isDegree reports whether a bullet's word names a degree: it then also
// says "degree" to "a degree in Computer Science".
func isDegree(word string) bool {
	return degreeNames[strings.TrimRight(strings.ToLower(word), ".")]
}

// reStudy finds the words of a bullet that speak of study: a degree
// requirement is met only by one of them or a degree's name (isDegree),
// never by a stray word of its field ("checked in computers for service"
// for "BS in Computer Science"). Résumés without an education section
// then show the degree as not shown, which is what they show.
var reStudy = regexp.MustCompile(`(?i)\b(?:degrees?|diploma|graduat\w*|university|universit\w+|college|majou?r(?:ed)? in|minor(?:ed)? in|studied|studying|coursework|thesis|dissertation|alumn\w*|undergraduate|postgraduate)\b`)

// namesDegree reports whether text speaks of a degree, by the word or
// by a degree's name ("MS degree", "Master's", "B.Sc").
func namesDegree(text string) bool {
	return reStudy.MatchString(text) || slices.ContainsFunc(strings.Fields(text), isDegree)
}

// field is a degree requirement read as its field of study alone, for an
// education entry: the entry is study whatever words it uses.
func (p *reqParts) field() *reqParts {
	f := *p
	f.degree = false
	return &f
}

// reOr splits a requirement at its alternatives ("…, or …").
var reOr = regexp.MustCompile(`(?i),?\s+\bor\b\s+`)

// reVagueAlternative is an alternative no bullet can show by itself:
// "or equivalent experience", "or a related field".
var reVagueAlternative = regexp.MustCompile(`(?i)\b(?:equivalent|related|similar|comparable|relevant|other)\b`)

// degreeAlternatives reads what a degree requirement offers instead of a
// degree, each alternative a requirement of its own: "A degree in
// computer science or a coding bootcamp, or an internship in software
// development" offers a bootcamp and an internship, which a bullet or a
// role ("Software Engineering Intern") meets without being study. An
// alternative that names a degree ("BS or MS"), or one no bullet can
// show ("or equivalent experience", "or a related field"), is none.
func (z *analyzer) degreeAlternatives(text string) []*reqParts {
	parts := reOr.Split(text, -1)
	var out []*reqParts
	for _, alt := range parts[1:] {
		if namesDegree(alt) || reDegreeWord.MatchString(alt) || reDegreeAbbrev.MatchString(alt) || reVagueAlternative.MatchString(alt) {
			continue
		}
		if p := z.parts(alt); p.total >= 2 {
			out = append(out, p)
		}
	}
	return out
}
