package match

import (
	"regexp"
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
// than lead them, and the lead family's nouns ("Country Management
// teams" names teams, it does not lead them).
var notLeading = setOf(`train trained training trains onboarded onboard onboarding tutored tutor tutoring management mentorship leadership`)

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
	return leadsTokens(lexTokens(text), afterBreaks(text), firstClause(text))
}

// lexTokens reads text's lexicon matches as analyzer.tokens does,
// without its slash split.
func lexTokens(text string) []token {
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
	return toks
}

// leadsTokens is leadsPeople over a text's tokens (analyzer.tokens) and
// the words that open its clauses (afterBreaks).
func leadsTokens(toks []token, commaed map[string]bool, first int) bool {
	leads, _ := leading(toks, commaed, first)
	return leads
}

// leading reports whether a text's tokens lead people, and whether they
// do so only by mentoring ("Mentored 3 interns"): mentoring is leading
// for years and for a requirement to mentor, not managing a team
// (mayBeStrong).
func leading(toks []token, commaed map[string]bool, first int) (leads, mentors bool) {
	for i := 0; i < len(toks); {
		t := toks[i]
		end := i + 1
		for t.span > 0 && end < len(toks) && toks[end].span == t.span {
			end++
		}
		var found, mentor bool
		switch {
		case leadSpan(toks[i:end]): // "ran a team", "grew the team from 2 to 12", "mentored interns"
			found, mentor = true, strings.HasPrefix(t.word, "mentor")
		case mentorship(toks[i:end], toks[end:], commaed): // "mentorship sessions with junior developers"
			found, mentor = true, true
		default:
			lead := t.kind == "verb" && verbFamily[t.name] == "lead" && !notLeading[t.word] ||
				t.kind == "role" && peopleTitle(spanText(toks[i:end])) // "Team lead for 4 developers"
			found = lead && (spanHasPeople(toks[i:end], toks[end:], commaed) || objectIsPeople(toks[end:], t.kind == "role", commaed))
			mentor = t.kind == "verb" && t.name == "mentor"
		}
		if found && helped(toks, i, first) {
			found = false // "Supported expanding the SRE team in hiring 2 engineers": someone else led
		}
		if found && !mentor {
			return true, false
		}
		if found {
			leads, mentors = true, true
		}
		i = end
	}
	return leads, mentors
}

// helpWords start a clause in which its author helped someone else lead
// ("Helped hire 3 engineers", "Assisted in hiring new engineers").
// Only verb forms: "Support Team Lead managing 6 agents" names a team.
var helpWords = setOf(`helped helping assisted assisting supported supporting participated participating contributed contributing aided`)

// helped reports whether a lead verb (toks[i]) acts in the clause a help
// word opens: the text's first word is a help word and the verb sits in
// the text's first clause (first: its token count, firstClause), with no
// "and" before a finite verb between them ("Contributed to the platform
// and managed a team of 5" leads; "Helped plan and lead a team" does
// not). Positions, not words: "the" after a later comma opens nothing
// here.
func helped(toks []token, i, first int) bool {
	if i == 0 || i >= first || !helpWords[toks[0].word] {
		return false
	}
	for j := 1; j < i; j++ {
		if toks[j].word == "and" && finite(toks[j+1].word) {
			return false
		}
	}
	return true
}

// finite reports whether a verb is in a form that starts a clause of its
// own after "and" (past tense: "managed", "led"), not a bare verb a help
// word still governs ("to hire and manage").
func finite(w string) bool {
	return strings.HasSuffix(w, "ed") || pastForms[w]
}

// pastForms are irregular past tenses of the lead family's verbs.
var pastForms = setOf(`led ran grew built oversaw hired`)

// firstClause is the count of the words of text's first clause, before
// a comma, semicolon or full stop (reClauseBreak), as Tokenize reads them.
func firstClause(text string) int {
	if loc := reClauseBreak.FindStringIndex(text); loc != nil {
		text = text[:loc[0]]
	}
	return len(lexicon.Tokenize(text))
}

// afterBreaks is the words that open a clause after a comma, semicolon
// or full stop (a full stop before a space: "Node.js" is one word), as
// the tokens read them (which drop the marks): "Managed the team, hired
// four" lists a second act after the team, where "Managed team
// schedules" does not.
func afterBreaks(text string) map[string]bool {
	if !strings.ContainsAny(text, ",;.") {
		return nil
	}
	out := map[string]bool{}
	for _, piece := range reClauseBreak.Split(text, -1)[1:] {
		if w := lexicon.Tokenize(piece); len(w) > 0 {
			out[w[0]] = true
		}
	}
	return out
}

var reClauseBreak = regexp.MustCompile(`[,;]|\.\s`)

// spanHasPeople reports whether a lead verb's own phrase names the team
// ("managed a team", "grew the team") and the team heads its object:
// not "led a team effort".
func spanHasPeople(verb, after []token, commaed map[string]bool) bool {
	for _, t := range verb[1:] {
		if teamWord(t.word) {
			return heads(after, true, commaed)
		}
	}
	return false
}

// objectIsPeople reports whether the words after a lead verb name people
// heading its object before the object ends. A role's title ("Team lead
// for 4 developers") reads past "for".
func objectIsPeople(after []token, title bool, commaed map[string]bool) bool {
	return peopleObject(after, func(k int, w string) bool { return title && k == 0 }, commaed)
}

// peopleObject reports whether the words after a verb or noun name people
// heading its object within leadReach words, before a word that ends the
// object (objectEnds) and that passes does not let through.
func peopleObject(after []token, passes func(k int, w string) bool, commaed map[string]bool) bool {
	for k, t := range after {
		if k >= leadReach || objectEnds[t.word] && !passes(k, t.word) {
			return false
		}
		if isPeople(t) && heads(after[k+1:], isTeam(t), commaed) {
			return true
		}
	}
	return false
}

// headEnds are the words after which a people word heads its object:
// "a team of five", "engineers and SREs", "the team through a migration";
// the tokens drop commas, so an article, number or pronoun that starts
// the next item of a list is one too ("the DevOps team, the MLOps team").
var headEnds = setOf(`of and or in as while who that which through during over under throughout per across plus including
the a an two three four five six seven eight nine ten i we they`)

// heads reports whether a people word whose next words are rest heads
// its object rather than modifying a noun ("the SRE team budget",
// "engineers' laptops", "a team effort"): the text ends, a joining word
// or an object's end follows, or a verb or participle. After a team a
// verb starts another act only past a comma ("and" is a joining word):
// "Managed the on-call team schedule" tags "schedule" a verb, yet the
// team names the schedule's; a present participle says what the team
// did ("Led the team delivering the billing platform": the team is
// what was led).
func heads(rest []token, team bool, commaed map[string]bool) bool {
	if len(rest) == 0 {
		return true
	}
	n := rest[0]
	if headEnds[n.word] || objectEnds[n.word] || n.word[0] >= '0' && n.word[0] <= '9' {
		return true
	}
	plain := n.kind == "" || n.kind == "word" || n.kind == "weak" // lexTokens leaves a plain word's kind empty, analyzer.tokens does not
	verb := n.kind == "verb" || plain && (strings.HasSuffix(n.word, "ing") || strings.HasSuffix(n.word, "ed"))
	return verb && (!team || commaed[n.word] || strings.HasSuffix(n.word, "ing"))
}

// isTeam reports whether a people token is a team rather than people.
func isTeam(t token) bool {
	return teamWord(t.word) || t.kind == "concept" && t.name == "team"
}

// teamWord reports whether a word is "team" or "teams".
func teamWord(w string) bool { return w == "team" || w == "teams" }

// leadWords begin the lexicon's phrases that lead people by themselves.
var leadWords = setOf(`lead leads led leading manage manages managed managing mentor mentors mentored mentoring
grow grows grew growing built build builds building hire hires hired hiring supervise supervises supervised supervising`)

// leadSpan reports whether a lexicon phrase leads people by itself: the
// "people management" concept ("ran a team", "led a group") or a lead or
// grow verb's phrase whose last word is people ("mentored interns",
// "grew the team from").
func leadSpan(span []token) bool {
	t := span[0]
	if t.kind == "concept" && t.name == "people management" {
		return true
	}
	if t.kind != "concept" || len(span) < 2 || !leadWords[t.word] {
		return false
	}
	for _, w := range span[1:] {
		if teamWord(w.word) || w.word == "interns" || peopleWords[w.word] {
			return true
		}
	}
	return false
}

// spanText is a phrase's words, space-separated.
func spanText(span []token) string {
	words := make([]string, len(span))
	for i, t := range span {
		words[i] = t.word
	}
	return strings.Join(words, " ")
}

// isPeople reports whether a token names a team or people: the lexicon's
// team concept, "team", a plural of people, or a plural role ("SREs",
// "site reliability engineers").
func isPeople(t token) bool {
	switch {
	case isTeam(t):
		return true
	case peopleWords[t.word]:
		return true
	case t.kind == "role":
		return strings.HasSuffix(t.word, "ers") || strings.HasSuffix(t.word, "ists") || strings.HasSuffix(t.word, "sres") || t.word == "devs"
	}
	return false
}

// leadTeam adds the team concept to a bullet that leads people and whose
// lead verb's lexicon phrase swallows the team it leads ("Led a team of
// SREs", "built a team", not "Built the team wiki", which readBullet
// keeps from here): the phrase is the act and the people led, so the bullet says
// "team" as "Lead a team of SREs" asks it, under the default rules too
// (the strict rules read a phrase's words alone already).
func (z *analyzer) leadTeam(p *textParts, t token, i int) {
	team, ok := z.swallowedTeam(t, false)
	if !ok || p.keys[team.key] {
		return
	}
	p.keys[team.key] = true
	p.surface[team.key] = append(p.surface[team.key], t.word)
	if p.at != nil {
		p.at[team.key] = append(p.at[team.key], i)
	}
}

// mentorWays are the words by which mentoring as a noun takes the people
// mentored: "mentorship sessions with junior developers", "mentoring to
// three interns", "coaching of new hires".
var mentorWays = setOf(`with to for of`)

// mentorship reports whether a span that names mentoring as a noun (the
// lexicon's Coaching and Mentoring skill: "mentorship", "coaching and
// mentoring") takes people as its object within leadReach words, as a
// mentor verb does: "Led 1-on-1 and team mentorship sessions with junior
// developers" mentors them. Training is not mentoring (notLeading).
func mentorship(span, after []token, commaed map[string]bool) bool {
	if span[0].kind != "skill" || span[0].name != "Coaching and Mentoring" {
		return false
	}
	return peopleObject(after, func(_ int, w string) bool { return mentorWays[w] }, commaed)
}
