package match

import (
	"strings"

	"vitae"
)

// A JD of a few words that names nothing a résumé can show ("hello",
// "asdf qwerty") read as one requirement by the one-line rule, and the
// only bullet that said its word back ("Built a small hello world
// kernel") made a confident fit of 75% (tryout). Such text is refused as
// a text without requirements is: it parses into none a match can grade.

// maxVagueWords is the most words of a JD refused for naming nothing: a
// line or two. A longer text that names nothing is matched as it is (a
// warning may say why: a résumé, another language).
const maxVagueWords = 12

// namesSomething reports whether a requirement names something a résumé
// can show: a skill, tool, concept or role of the lexicon, an act it
// knows ("build", "lead", "test"), a role noun ("Senior engineer"), years
// or a degree.
func namesSomething(z *analyzer, r Requirement) bool {
	if len(r.Skills) > 0 || r.Leadership || r.Years > 0 {
		return true
	}
	p := z.requirement(r.Text)
	if p.specific() || len(p.actions) > 0 || kindOf(z.plain(r.Text), p) == KindDegree {
		return true
	}
	for _, t := range z.tokens(r.Text) {
		if t.kind != "" && t.kind != "word" && t.kind != "weak" || roleNouns[t.word] {
			return true
		}
	}
	return false
}

// checkAsks refuses a JD whose requirements are at most maxVagueWords
// words and name nothing (namesSomething), with EINVALID saying so in the
// words of a JD without requirements. The requirements' words are
// counted, not the text's: a JSON job's keys and an HTML page's tags are
// no words of it.
func checkAsks(jd *JobDescription) error {
	words := 0
	var said []string
	for _, r := range jd.Requirements {
		words += len(strings.Fields(r.Text))
		said = append(said, r.Text)
	}
	if len(jd.Requirements) == 0 || words > maxVagueWords {
		return nil
	}
	z := newAnalyzer(false)
	for _, r := range jd.Requirements {
		if namesSomething(z, r) {
			return nil
		}
	}
	return vitae.Errorf(vitae.EINVALID, "no requirements found in the job description: %q names no skill, tool, role or task a résumé can show; send the job posting's requirements", strings.Join(said, "; "))
}
