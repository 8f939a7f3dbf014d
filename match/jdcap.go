package match

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Past MaxRequirements a JD loses the requirements that say least, not
// its last ones: a JD's nice-to-haves and its tools come last, its soft
// traits anywhere, so a cut in document order took a JD's whole
// "Bonus points" section and kept "Accountable - …" (tryout, jd12).

// Tiers of what a requirement says, least first: what the scorer weighs
// least (weight: × Soft when it names no skill, tool or role) goes
// first, and of those the traits (KindSoft) before the rest.
const (
	tierTrait    = iota // a soft trait naming no skill, tool or role ("Excellent written communication")
	tierUnnamed         // names no skill, tool or role, or is a trait ("Ensure a high level of quality")
	tierSpecific        // names a skill, tool or role, or asks years, a degree or to lead
)

// tier is how much requirement r says (the tiers above). Years, a degree
// and leading are read from dated roles, education and titles, whatever
// else they name.
func tier(z *analyzer, r Requirement) int {
	p := z.requirement(r.Text)
	kind := kindOf(z.plain(r.Text), p)
	switch {
	case r.Leadership || r.Years > 0 || kind == KindYears || kind == KindDegree:
		return tierSpecific
	case kind == KindSoft && !p.specific():
		return tierTrait
	case kind == KindSoft || !p.specific():
		return tierUnnamed
	}
	return tierSpecific
}

// capRequirements keeps MaxRequirements of reqs in their order and
// returns the rest as dropped: the lowest tier goes first; within a tier
// must-haves and nice-to-haves lose in proportion to their numbers, each
// its last ones, so a nice-to-have section is not lost for coming last.
func capRequirements(reqs []Requirement) (kept, dropped []Requirement) {
	if len(reqs) <= MaxRequirements {
		return reqs, nil
	}
	z := newAnalyzer(false) // the matcher's default reading (weight, specific)
	tiers := make([]int, len(reqs))
	for i, r := range reqs {
		tiers[i] = tier(z, r)
	}
	cut := make([]bool, len(reqs))
	left := len(reqs) - MaxRequirements
	for t := tierTrait; t <= tierSpecific && left > 0; t++ {
		var must, nice []int
		for i, r := range reqs {
			switch {
			case tiers[i] != t:
			case r.MustHave:
				must = append(must, i)
			default:
				nice = append(nice, i)
			}
		}
		n := min(left, len(must)+len(nice))
		if n == 0 {
			continue
		}
		fromNice := int(math.Round(float64(n*len(nice)) / float64(len(must)+len(nice))))
		for _, i := range nice[len(nice)-fromNice:] {
			cut[i] = true
		}
		for _, i := range must[len(must)-(n-fromNice):] {
			cut[i] = true
		}
		left -= n
	}
	for i, r := range reqs {
		if cut[i] {
			dropped = append(dropped, r)
		} else {
			kept = append(kept, r)
		}
	}
	return kept, dropped
}

// WarnDropped: the JD has more requirements than a match scores; the
// ones that say least are not matched.
const WarnDropped = "requirements_dropped"

// droppedWarning says how many requirements are not matched and names
// them (the first few, shortened).
func droppedWarning(dropped []Requirement, read int) Warning {
	const shown, width = 5, 60
	var names []string
	for _, r := range dropped[:min(shown, len(dropped))] {
		text := r.Text
		if utf8.RuneCountInString(text) > width {
			text = truncateRunes(text, width) + "…"
		}
		names = append(names, fmt.Sprintf("%q", text))
	}
	if len(dropped) > shown {
		names = append(names, fmt.Sprintf("and %d more", len(dropped)-shown))
	}
	return Warning{WarnDropped, fmt.Sprintf("the job description has %d requirements and a match scores at most %d: %d that say least (soft traits first, then those naming no skill, tool or role) are not matched: %s",
		read, MaxRequirements, len(dropped), strings.Join(names, ", "))}
}
