package match

import (
	"regexp"
	"strings"
	"unicode"
)

// How a requirement is read into what it asks for (reqParts): its skills
// (a capitalised word after the first is a tool's name too), objects and
// actions, and the clauses a list joins, each judged on its own as well.

// reCapital finds capitalised words after the first of a text: in a
// requirement, the names of tools and products ("DynamoDB", "Riak"). A
// capital after a dash starts what a label introduces ("Decisive - Uses
// a framework …"), as one after a colon does.
var reCapital = regexp.MustCompile(`[^.:;!?(\s\-–—]\s+([A-Z][\p{L}\p{N}+#.\-]*)`)

// reName finds words written as names: a capital, or a lower-case
// letter before a capital ("iOS", "jQuery").
var reName = regexp.MustCompile(`\b(?:[A-Z]|[a-z][A-Z])[\p{L}\p{N}+#.\-]*`)

// reListedName is one capitalised word that is an item of a list on its
// own ("Invision (+ Craft)", "Sketch, Zeplin, or Craft"), not a word of
// a run of capitals ("Retail Execution Commercial pillar", "Markets &
// Channels").
var reListedName = regexp.MustCompile(`(?:[,(/+]|\bor\b|\band\b)\s*([A-Z][a-z]+)\s*(?:[,()/]|\bor\b|\band\b|$)`)

// listedNames returns the lower-case words reListedName finds in text;
// the separator after one item is the one before the next.
func listedNames(text string) map[string]bool {
	out := map[string]bool{}
	for at := 0; at < len(text); {
		m := reListedName.FindStringSubmatchIndex(text[at:])
		if m == nil {
			break
		}
		out[strings.ToLower(text[at+m[2]:at+m[3]])] = true
		at += m[3]
	}
	return out
}

// reNameLine is a requirement of names only ("Craft", "Notion, Craft",
// "Go / Rust"): a tool-only line.
var reNameLine = regexp.MustCompile(`^\s*[A-Z][\p{L}\p{N}+#.\-]*(?:\s*(?:[,/&]|\band\b|\bor\b)\s*[A-Z][\p{L}\p{N}+#.\-]*)*\s*$`)

// reTitleRun finds runs of capitalised words ("Computer Science",
// "Data Products"): a field or a title, not a tool's name.
var reTitleRun = regexp.MustCompile(`\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b`)

// reClause cuts a requirement into the parts a list joins.
var reClause = regexp.MustCompile(`(?i)[,;]|\(|\)|\band\b|\bor\b|\bas well as\b`)

// requirement reads a requirement into its parts; a requirement that
// joins several ("web app security, vulnerability research, and
// penetration testing") keeps each part that has an object as a clause.
func (z *analyzer) requirement(text string) *reqParts {
	text = z.plain(text)
	p := z.parts(text)
	p.conj = z.conjoined(text, p.skills)
	p.people = leadsPeople(text)
	p.roles = z.rolesOf(text)
	p.asksRole = asksRole(z.tokens(text))
	kind := kindOf(text, p)
	p.degree, p.act = kind == KindDegree, kind == KindAct
	if p.degree {
		p.alts = z.degreeAlternatives(text)
	}
	if asksToLead(text) {
		toks := z.tokens(text)
		p.led, p.team, p.mentoring = z.ledKeys(toks), teamOf(toks), asksToMentor(toks)
		p.ledOnly = p.peopleOnly()
	}
	if z.strict {
		p.sentences = z.sentenceParts(text)
		p.hedges = reHedge.MatchString(text)
	}
	if cs := reClause.Split(text, -1); len(cs) > 1 {
		p.items = z.listItems(text, p, cs)
		// The head's verb acts on the head's things when it names
		// several ("Building a world class support team that delivers
		// consulting"), on the listed tools when it names at most one
		// ("building and maintaining production systems on AWS").
		// (Context rules only; the examples, tails and the core a clause
		// qualifies are read for the strict rules, core.go.)
		var busy bool
		var at, heads []int
		if z.context {
			head := z.parts(cs[0])
			if busy = things(head) >= 2; busy {
				p.head = head
			}
		}
		if z.strict {
			at = clauseStarts(text)
			heads = make([]int, len(cs))
		}
		ps := make([]*reqParts, len(cs))
		last := -1 // the last clause listed read
		for i, c := range cs {
			cp := z.parts(c)
			if cp.total >= 2 && cp.total < p.total {
				if z.strict {
					cp.example, heads[i] = z.listed(text, at[i], c)
					if heads[i] == sameList && last >= 0 {
						cp.example, heads[i] = ps[last].example, heads[last]
					} else if heads[i] == sameList {
						heads[i] = -1
					}
					last = i
					cp.tail = i > 0
				}
				cp.led, cp.team, cp.mentoring = p.led, p.team, p.mentoring
				cp.capital = p.capital // a clause may start at a name the whole writes inside a sentence ("(+ Craft)")
				if len(cp.actions) == 0 {
					cp.actions, cp.borrowed = p.actions, busy && len(p.actions) > 0
				}
				p.clauses = append(p.clauses, cp)
				ps[i] = cp
			}
		}
		if z.strict {
			z.qualify(text, cs, at, ps, heads)
		}
	}
	return p
}

// parts reads one requirement or clause.
func (z *analyzer) parts(text string) *reqParts {
	z.read.Add(int64(len(text)))
	p := &reqParts{skills: map[string]bool{}, actions: map[string]bool{}, said: map[string]bool{}, strict: z.strict, context: z.context}
	if z.strict {
		text = z.unslash(text) // "Kubernetes/Mesos": each a name, like the words after a space
	}
	tools := map[string]bool{}
	for _, m := range reCapital.FindAllStringSubmatch(text, -1) {
		tools[strings.ToLower(m[1])] = true
	}
	if z.strict {
		for _, m := range reTitleRun.FindAllString(text, -1) {
			for _, w := range strings.Fields(m) {
				delete(tools, strings.ToLower(w))
			}
		}
	}
	capitals := map[string]bool{}
	for _, w := range reName.FindAllString(text, -1) {
		capitals[strings.ToLower(w)] = true
	}
	seen := map[string]bool{}
	lower := strings.ToLower(text)
	if z.strict {
		p.at = map[string][]int{}
	}
	var prev token
	using := false // past "using" or "via" after a named skill: the tools after it say how, not what
	asked := 0     // asks(): 1 when text asks to lead people, -1 when not, read once at the first team word
	asks := func() bool {
		if asked == 0 {
			asked = -1
			if asksToLead(text) {
				asked = 1
			}
		}
		return asked > 0
	}
	nameLine := reNameLine.MatchString(text)
	var asNames map[string]bool // the words text lists as names, where it is not in title case
	if !nameLine && !allCapitals(text) {
		asNames = listedNames(text)
	}
	toks := z.tokens(text)
	for i, t := range toks {
		before := prev
		if teamSize[t.word] && (i+1 < len(toks) && teamWord(toks[i+1].word) || i+2 < len(toks) && teamWord(toks[i+2].word)) {
			continue // "a small team", "a small QA team": its size, not a thing asked for
		}
		if nameLine && (t.kind == "word" || t.kind == "weak") {
			if p.asName == nil {
				p.asName = map[string]string{}
			}
			p.asName[t.key] = t.word
		}
		if asNames[t.word] && t.kind == "word" {
			if p.capital == nil {
				p.capital = map[string]string{}
			}
			p.capital[t.key] = t.word
		}
		if t.kind == "word" && tools[t.word] {
			t.kind = "skill" // a product name: one more alternative of the skill slot
		}
		if t.kind == "skill" && prev.kind == "skill" && prev.key != t.key && strings.Contains(lower, prev.word+" "+t.word) {
			delete(p.skills, prev.key) // "AWS DynamoDB": AWS only qualifies the tool
		}
		prev = t
		if t.kind == "skill" {
			p.said[t.word] = true
		}
		if z.strict && t.key != "" {
			p.words = append(p.words, t.word)
			p.at[t.key] = append(p.at[t.key], i)
		}
		if teamWord(t.word) && t.span > 0 {
			if team, ok := z.swallowedTeam(t, asks()); ok && !seen[team.key] {
				seen[team.key] = true // "Experience leading a team": the team led is a part (leadparts.go)
				p.objects = append(p.objects, unit{key: team.key, weight: 1})
				if z.strict {
					p.at[team.key] = append(p.at[team.key], i)
				}
			}
		}

		if (t.word == "using" || t.word == "via") && p.named {
			using = true
		}
		if using && t.kind == "skill" && !p.skills[t.key] {
			continue // "Selenium WebDriver using Java or Python": Python alone is no Selenium
		}
		if t.key == "" || seen[t.key] || oneLetter(t) {
			continue
		}
		seen[t.key] = true
		switch t.kind {
		case "skill":
			p.named = p.named || capitals[t.word]
			if !capitals[t.word] {
				if p.fields == nil {
					p.fields = map[string]bool{}
				}
				p.fields[t.key] = true
			}
			p.skills[t.key] = true
			if t.name != "" { // a lexicon skill; a bare capitalised name is matched in bullets only
				p.names = append(p.names, t.name)
			}
		case "verb":
			p.actions[t.key] = true
			if w := z.word(t.word); z.strict && nounOfVerb(t, before) && w.key != "" && !seen[w.key] {
				p.at[w.key] = append(p.at[w.key], i)
				seen[w.key] = true // "technology training": the training is what is asked, not any act of its family
				p.objects = append(p.objects, unit{key: w.key, weight: 1})
			}
		case "weak":
			p.objects = append(p.objects, unit{key: t.key, weight: weakWeight})
		default:
			p.objects = append(p.objects, unit{key: t.key, weight: 1, role: t.kind == "role"})
		}
	}
	if named := len(p.skills) - len(p.capital); named < 2 {
		p.capital = nil // a capital is a name's in a list of tools, not in "Degree in Computer Science"
	}
	if len(p.skills) > 0 {
		p.slot = skillWeight
		if z.strict && !p.named {
			p.slot = fieldWeight // "hardware development": a field is one part, not a tool's two
		}
		p.total += p.slot
	}
	for _, u := range p.objects {
		p.total += u.weight
	}
	return p
}

// teamSize are the words before "team" that say its size.
var teamSize = setOf(`small large big growing`)

// oneLetter reports whether a token is a plain word of one letter or
// digit: the "x" of a JD "x" says nothing a bullet can show, and met
// "X-framework" at strong. The lexicon's C and R are skills, not plain
// words, and "3d" or "10" are two.
func oneLetter(t token) bool {
	if !strings.HasPrefix(t.key, "w:") {
		return false
	}
	n := 0
	for _, r := range t.word {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n < 2
}

// withWords say that the role after them is someone the candidate works
// with, not a role asked of them ("Collaborate with our product
// manager", "Work closely with the data engineering team").
var withWords = setOf(`with alongside`)

// asksRole reports whether a requirement names a role it asks of the
// candidate: a role token not within three words after a withWord.
func asksRole(toks []token) bool {
	with := -10
	for i, t := range toks {
		if withWords[t.word] {
			with = i
		}
		if t.kind == "role" && i-with > 3 {
			return true
		}
	}
	return false
}

// specific reports whether a requirement names a skill, a tool or a role:
// what a résumé can show or not, unlike "a passion for complexity".
func (p *reqParts) specific() bool {
	return len(p.skills) > 0 || p.asksRole
}
