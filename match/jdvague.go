package match

import (
	"strings"
	"unicode"

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
// words and name nothing (namesSomething), or are all placeholder text
// (placeholder) however long, with EINVALID saying so in the words of a
// JD without requirements. The requirements' words are counted, not the
// text's: a JSON job's keys and an HTML page's tags are no words of it.
func checkAsks(jd *JobDescription) error {
	words := 0
	var said []string
	filler := len(jd.Requirements) > 0
	for _, r := range jd.Requirements {
		words += len(strings.Fields(r.Text))
		said = append(said, r.Text)
		filler = filler && placeholder(r.Text)
	}
	if filler {
		first := strings.Fields(said[0])
		if len(first) > 8 {
			first = append(first[:8], "…")
		}
		return vitae.Errorf(vitae.EINVALID, "no requirements found in the job description: %q is placeholder text (lorem ipsum) and names no skill, tool, role or task a résumé can show; send the job posting's requirements", strings.Join(first, " "))
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

// loremWords are the words of "Lorem ipsum dolor sit amet…", the Latin
// that templates and page builders fill a page with, less those that are
// English words too ("in", "do", "sit", "non").
var loremWords = setOf(`lorem ipsum dolor amet consectetur consectetuer adipiscing adipisicing elit sed
	eiusmod tempor incididunt ut labore et dolore magna aliqua enim minim veniam quis nostrud
	exercitation ullamco laboris nisi aliquip ea commodo consequat duis aute irure reprehenderit
	voluptate velit esse cillum eu fugiat nulla pariatur excepteur sint occaecat cupidatat proident
	sunt culpa qui officia deserunt mollit anim est laborum`)

// placeholder reports whether a requirement is placeholder Latin: at
// least two words, most of them (3 in 5) loremWords.
func placeholder(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	n := 0
	for _, w := range words {
		if loremWords[w] {
			n++
		}
	}
	return len(words) >= 2 && 5*n >= 3*len(words)
}
