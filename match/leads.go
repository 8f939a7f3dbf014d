package match

import (
	"strings"

	"vitae/lexicon"
)

// A bullet leads people when a lead verb (lead, manage, hire, mentor)
// takes a team or people as its object: "Led a team of five engineers",
// "Managed a group of six site reliability engineers". A lead verb on
// something else ("Led a datacentre migration"), "leading to my
// promotion", training or supporting engineers, or a team named far
// from the verb ("Ran in-house training courses for our engineers") is
// not leading them (issue 14).

// leadReach is how many words after a lead verb its object may start:
// "Directed a 40-person engineering organization".
const leadReach = 5

// notLeading are the mentor family's words that teach people rather
// than lead them.
var notLeading = setOf(`train trained training trains onboarded onboard onboarding tutored tutor tutoring`)

// objectEnds are words after which a lead verb's object is over: what
// follows is for, by or with whom, not whom it leads ("Ran courses for
// our engineers", "platforms used by ~50 engineers", "leading to").
var objectEnds = setOf(`to for by with used into from at on across serving supporting within`)

// peopleWords are plural nouns for people a lead verb may take that the
// lexicon's team concept does not hold, or holds inside another phrase
// ("junior developers").
var peopleWords = setOf(`engineers developers people staff designers analysts scientists consultants contractors interns members employees volunteers
technicians agents reps representatives associates specialists testers managers leads hires nurses officers
administrators architects programmers researchers editors writers accountants`)

// leadsPeople reports whether a bullet says its author led people (a
// lead verb whose object is a team or people), reading the lexicon's
// matches of the text as analyzer.tokens does without its slash split.
func leadsPeople(text string) bool {
	lex := lexicon.Default()
	words := lexicon.Tokenize(text)
	groups := lex.Groups()
	toks := make([]token, 0, len(words))
	i := 0
	for n, m := range lex.FindWords(text, words) {
		for ; i < m.Start; i++ {
			toks = append(toks, token{word: words[i]})
		}
		g := groups[m.Group]
		for ; i < m.End; i++ {
			toks = append(toks, token{word: words[i], kind: g.Kind, span: n + 1, name: g.Canonical})
		}
	}
	for ; i < len(words); i++ {
		toks = append(toks, token{word: words[i]})
	}
	return leadsTokens(toks)
}

// leadsTokens is leadsPeople over a text's tokens (analyzer.tokens).
func leadsTokens(toks []token) bool {
	for i := 0; i < len(toks); {
		t := toks[i]
		end := i + 1
		for t.span > 0 && end < len(toks) && toks[end].span == t.span {
			end++
		}
		if t.kind == "verb" && verbFamily[t.name] == "lead" && !notLeading[t.word] {
			if spanHasPeople(toks[i:end]) || objectIsPeople(toks[end:]) {
				return true
			}
		}
		i = end
	}
	return false
}

// spanHasPeople reports whether a lead verb's own phrase names the team
// ("managed a team", "grew the team").
func spanHasPeople(verb []token) bool {
	for _, t := range verb[1:] {
		if t.word == "team" || t.word == "teams" {
			return true
		}
	}
	return false
}

// objectIsPeople reports whether the words after a lead verb name people
// before its object ends.
func objectIsPeople(after []token) bool {
	for k, t := range after {
		if k >= leadReach || objectEnds[t.word] {
			return false
		}
		if isPeople(t) {
			return true
		}
	}
	return false
}

// isPeople reports whether a token names a team or people: the lexicon's
// team concept, a plural of people, or a plural role ("SREs", "site
// reliability engineers").
func isPeople(t token) bool {
	switch {
	case t.kind == "concept" && t.name == "team":
		return true
	case peopleWords[t.word]:
		return true
	case t.kind == "role":
		return strings.HasSuffix(t.word, "ers") || strings.HasSuffix(t.word, "ists") || strings.HasSuffix(t.word, "sres") || t.word == "devs"
	}
	return false
}
