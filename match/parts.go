package match

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"vitae/index"
	"vitae/lexicon"
)

// The parts of a text that evidence is judged on: the skills it names,
// the things it is about (roles, lexicon concepts, other content words)
// and the actions it asks for or reports. Words are compared as the
// index compares them (its analyzer's stems); lexicon phrases as their
// group, so "SREs" meets "site reliability engineers".

// unit is one object part of a requirement.
type unit struct {
	key    string  // "g:<group>" for a lexicon group, "w:<stem>" for a word
	weight float64 // how much of the requirement it carries
	role   bool    // a lexicon role ("SREs"): in a requirement to lead people, the people led (peopleOnly)
}

// Unit weights: a role or an ordinary content word carries 1, a
// lexicon concept 1 (it matches a whole family: cost, spend, budget),
// and the words most résumés share (system, production, large) half.
// The skills of a requirement are one slot worth skillWeight: a list of
// tools is a list of alternatives ("Python, Go or bash").
const (
	skillWeight = 2.0
	fieldWeight = 1.0
	weakWeight  = 0.5
)

// reqParts is what a requirement asks for.
type reqParts struct {
	skills map[string]bool // group keys; any one fills the skill slot
	conj   []string        // the skills it joins with "and": a strong bullet names each, or the candidate shows it elsewhere (conjoined.go)
	// asName: key → the word a line of names only ("Craft", "Notion,
	// Craft") writes, the lexicon knowing no group of it: met only by
	// that word, not by a verb of its stem ("Crafted stories", "Craft
	// compelling stories"; saysName).
	asName map[string]string
	// capital: key → a word the lexicon knows no group of, written as a
	// name inside a sentence ("Invision (+ Craft)"): met only by the word
	// with its capital ("Craft CMS"), not by the common word ("the
	// programming craft"; saysName).
	capital map[string]string
	names   []string // the skills' display names, for listed-skill evidence
	objects []unit
	actions map[string]bool // verb families
	total   float64         // sum of the weights, skill slot included
	clauses []*reqParts     // the parts a list joins, judged on their own too
	items   map[string]bool // the one-word items of a list of specific things ("mapping, and slam"; listItems)
	strict  bool            // graded by the strict rules (Options.StrictEvidence)
	context bool            // … with their context rules (Options.ContextEvidence)
	named   bool            // a skill is written as a name ("MySQL"), not a field ("security")
	fields  map[string]bool // skill keys written only in lower case: a field ("hardware", "monitoring"), not a tool
	slot    float64         // the skill slot's weight: skillWeight, less for a slot of fields (strict rules)
	// sentences is how many sentences of the requirement ask for something
	// (strict rules): one clause of one of them is not all of it.
	sentences int
	said      map[string]bool // the skills' words as the requirement writes them
	hedges    bool            // asks no more than a hedge does ("Interest in IoT"): a hedged bullet may meet it
	example   bool            // a clause's tool is an example of what its requirement asks ("container technology such as Docker, Packer"; z.listed)
	words     []string        // the words that carry its parts, as written (strict rules; saysBack)
	tail      bool            // a clause after the first (strict rules)
	head      *reqParts       // the first clause, when it names several things (strict rules)
	borrowed  bool            // a clause's actions are those of a head about other things ("Building a … team …, focused on … Linux")
	core      *reqParts       // the act and thing a clause qualifies ("Building a … support team" of "…, focused on Linux"; strict rules, core.go)
	breadth   bool            // an example of many asked for ("a diverse set of technologies (Java/Golang, …)"; strict rules)
	degree    bool            // asks for an academic degree (KindDegree): met only by a bullet of study (textParts.studied)
	alts      []*reqParts     // what a degree requirement offers instead ("… or an internship in software development"; degreeAlternatives)
	act       bool            // asks for work done (KindAct): a role title alone is no evidence of it
	people    bool            // asks for leading people ("leading a team of SREs"; leadsPeople): strong only from a bullet that does
	ledOnly   bool            // … and nothing beside: only a bullet that leads people is evidence (peopleOnly)
	roles     map[string]bool // the lexicon role families it names (rolesOf), read once rather than per candidate
	asksRole  bool            // names a role asked of the candidate, not one worked with (asksRole)
	// yearsOf and yearsNames are, for a years requirement that names a
	// skill as a tool ("5+ years of Python"), its keys and names
	// (yearsSkills): its years are those of roles showing it. Set by
	// the matcher, once per match.
	yearsOf    map[string]bool
	yearsNames []string
	// led are the keys of the parts a bullet that leads people meets
	// (ledKeys) when the requirement asks to lead people (asksToLead);
	// nil otherwise (leadparts.go).
	led map[string]bool
	// team is the kind and size of the team it asks to lead (ledteam.go).
	team team
	// mentoring: it asks to mentor or coach (asksToMentor).
	mentoring bool
	// at: key → the positions of the words that carry it (strict rules):
	// how near the requirement itself says its parts (near).
	at map[string][]int
}

// textParts is what a bullet shows.
type textParts struct {
	text    string          // as written: how it says a listed item (saysBare)
	words   int             // how many words it has: a short bullet is one phrase (near)
	keys    map[string]bool // group and word keys
	actions map[string]bool
	surface map[string][]string // key → the words of the text that carry it
	list    bool                // a list of tools, not a sentence about work
	passing map[string]bool     // skill keys named only in passing (see inPassing)
	staff   map[string]bool     // skill keys named only as the skill of people ("hired 3 Python engineers", "as AWS Cloud Engineers"; staffSkills)
	names   map[string]bool     // the words it writes as names ("Docker", "iPad"; not "containers")
	lead    string              // its first word, lower-case: where a verb stands ("Craft compelling stories")
	leads   bool                // says its author led a team (leadsPeople)
	mentors bool                // … only by mentoring (leading)
	team    team                // the kind and size of the people it names (teamOf; when it leads)
	hedged  bool                // says less than doing the work (reHedge; strict rules)
	// describes a company, product or project, not the author's work
	// (reDescribes; context rules): unlike a hedge, never strong.
	describes bool
	// other: it describes one as it is now, not in the past tense
	// (describesOther): no evidence at all under the gate with the
	// context rules (gated); read for every analyzer, once per text.
	other   bool
	claims  bool             // claims a quality instead of showing work (reClaim; strict rules)
	studied bool             // names a degree or a course of study (reStudy): may meet a degree requirement
	at      map[string][]int // key → the positions of the words that carry it (strict rules only)
}

// verbFamily folds the lexicon's verbs into the families a recruiter
// treats as the same act: leading and managing people, making things,
// making them better.
var verbFamily = map[string]string{
	"lead": "lead", "manage": "lead", "hire": "lead", "mentor": "lead",
	"build": "build", "design": "build", "launch": "build", "deploy": "build", "automate": "build", "migrate": "build",
	"improve": "improve", "reduce": "improve", "increase": "improve", "save": "improve",
}

// genericWords never count as parts of a requirement: they say how much
// or how well, not what.
var genericWords = setOf(`experience experienced experiences ability able strong excellent knowledge familiarity
familiar proficiency proficient understanding understand skills skill work working worked year years yrs plus etc
e.g eg i.e ie good great deep solid proven track record demonstrable demonstrated effectively effective using use used
including include such one two three four five following least some new various multiple hands-on expertise expert
background passion passionate desire desired preferred required requirement requirements must ideally bonus nice have
has like within across ways way continuously successfully level field related relevant similar equivalent minimum
prior previous professional ideal candidate us our your you we will would should can could also well other others
thing things lot lots love enjoy comfortable interest interested eager willing capable capability success
successes successful`)

// weakWords are content words so common in résumés that sharing one says
// little.
var weakWords = setOf(`system systems software service services production application applications tool tools
solution solutions platform platforms environment environments project projects product products technology technologies
large scale process processes building support company business development based high quality variety complex`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// reListLabel opens a bullet that lists tools: "Tech used:",
// "Languages:", "Infrastructure - AWS (…)"; reListLabelStrict also reads
// "Skill set :- …".
var (
	reListLabel       = regexp.MustCompile(`(?i)^\W*(tech|technologies|technology|tools|languages|programming languages|environment|stack|infrastructure|infra|skills|services|frameworks|databases|platforms|tech stack|tools & technologies|tools and technologies|libraries)[\w &/]{0,25}?\s*(:|-|–)\s`)
	reListLabelStrict = regexp.MustCompile(`(?i)^\W*(tech|technologies|technology|tools|languages|programming languages|environment|stack|infrastructure|infra|skills|skill set|skillset|services|frameworks|databases|platforms|tech stack|tools & technologies|tools and technologies|libraries)[\w &/]{0,25}?\s*[:\-–]+\s`)
)

// reSelfClaim opens a bullet that claims a skill rather than shows it:
// "Experience with MySQL", "Excellent communication skills".
var reSelfClaim = regexp.MustCompile(`(?i)^\W*(experience|experienced|knowledge|basic knowledge|working knowledge|familiar|familiarity|proficient|proficiency|expertise|expert in|strong|excellent|good|solid|hands[- ]on|skilled|programming experience|understanding|ability|exposure|conversant)\b`)

// analyzer reads texts into parts with the index's stems, caching the
// stem of each word.
type analyzer struct {
	lex    *lexicon.Lexicon
	strict bool // the strict evidence rules (Options.StrictEvidence)
	// context: the strict rules also read a match in the context of the
	// whole requirement (Options.ContextEvidence; strict rules only).
	context bool
	mu      sync.Mutex
	stems   map[string]string
	bullets map[string]*textParts // read-only once stored

	weakOnce  sync.Once
	weakStems map[string]bool

	// read counts the bytes parts has read: reading a requirement must
	// stay linear in its length (TestRequirementReadLinear).
	read atomic.Int64
}

// weak is the set of the weak words' stems ("processing" is as weak as
// "process").
func (z *analyzer) weak() map[string]bool {
	z.weakOnce.Do(func() {
		z.weakStems = map[string]bool{}
		for w := range weakWords {
			for _, t := range index.Terms(w) {
				z.weakStems[t] = true
			}
		}
	})
	return z.weakStems
}

func newAnalyzer(strict bool) *analyzer {
	return &analyzer{lex: lexicon.Default(), strict: strict, stems: map[string]string{}, bullets: map[string]*textParts{}}
}

// stem is the index's term for one word, "" for a stop word.
func (z *analyzer) stem(w string) string {
	z.mu.Lock()
	s, ok := z.stems[w]
	z.mu.Unlock()
	if ok {
		return s
	}
	if ts := index.Terms(w); len(ts) > 0 {
		s = ts[0]
	}
	z.mu.Lock()
	z.stems[w] = s
	z.mu.Unlock()
	return s
}

// token is one word of a text with the part it carries.
type token struct {
	word, key string
	kind      string // skill, role, concept, verb, word, weak or "" (generic)
	span      int    // which lexicon phrase of the text it is part of, from 1; 0 for none
	name      string // the lexicon group's canonical name; "" for a plain word
}

// tokens reads text into its parts, word by word.
func (z *analyzer) tokens(text string) []token {
	text = z.unslash(text)
	words := lexicon.Tokenize(text)
	var out []token
	groups := z.lex.Groups()
	i := 0
	for n, m := range z.lex.FindWords(text, words) {
		for ; i < m.Start; i++ {
			out = append(out, z.wordAt(words, i))
		}
		g := groups[m.Group]
		// The lexicon holds some things twice, as a skill and as a
		// concept ("Vulnerability Management", "vulnerability
		// management"), with different phrases: one key for both.
		key := "g:" + g.Canonical
		if z.strict {
			key = "g:" + strings.ToLower(g.Canonical)
		}
		if g.Kind == "verb" {
			key = verbFamily[g.Canonical]
			if key == "" {
				key = g.Canonical
			}
		}
		for ; i < m.End; i++ {
			out = append(out, token{word: words[i], key: key, kind: g.Kind, span: n + 1, name: g.Canonical})
		}
	}
	for ; i < len(words); i++ {
		out = append(out, z.wordAt(words, i))
	}
	return out
}

// wordAt reads the i-th word of words: "hands" of "hands on" is the
// generic "hands-on" written without its hyphen, not an object ("Hands
// on experience with visual odometry" asks for no hands).
func (z *analyzer) wordAt(words []string, i int) token {
	if words[i] == "hands" && i+1 < len(words) && words[i+1] == "on" {
		return token{word: words[i]}
	}
	return z.word(words[i])
}

func (z *analyzer) word(w string) token {
	if genericWords[w] || !hasLetter(w) {
		return token{word: w}
	}
	s := z.stem(w)
	if s == "" {
		return token{word: w}
	}
	kind := "word"
	if weakWords[w] || z.weak()[s] {
		kind = "weak"
	}
	return token{word: w, key: "w:" + s, kind: kind}
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r > 127 {
			return true
		}
	}
	return false
}

// maxCachedBullets bounds the cache of read bullets (about 2 KB each).
const maxCachedBullets = 100_000

// bullet reads a bullet into its parts, once per text: the same bullets
// are graded again for every job description.
func (z *analyzer) bullet(text string) *textParts {
	z.mu.Lock()
	p, ok := z.bullets[text]
	z.mu.Unlock()
	if ok {
		return p
	}
	p = z.readBullet(text)
	z.mu.Lock()
	if len(z.bullets) >= maxCachedBullets {
		clear(z.bullets)
	}
	z.bullets[text] = p
	z.mu.Unlock()
	return p
}

func (z *analyzer) readBullet(text string) *textParts {
	text = z.plain(text)
	p := &textParts{text: text, words: len(strings.Fields(text)), keys: map[string]bool{}, actions: map[string]bool{}, surface: map[string][]string{}}
	if z.strict {
		p.at = map[string][]int{}
	}
	verbs, commas := 0, strings.Count(text, ",")
	aside, said := z.inPassing(text)
	toks := z.tokens(text)
	// Read once with the rest: leadership years ask for every bullet, and
	// leadTeam asks whether the bullet leads people at all.
	if strings.IndexByte(text, '/') < 0 {
		p.leads, p.mentors = leading(toks, afterBreaks(text), firstClause(text)) // the lexicon's matches of text, as leadsPeople reads them
	} else {
		p.leads, p.mentors = leading(lexTokens(text), afterBreaks(text), firstClause(text)) // tokens read the text with its slashes split
	}
	if p.leads {
		p.team = teamOf(toks)
	}
	p.staff = staffSkills(toks, strings.ToLower(text))
	for i, t := range toks {
		if t.kind == "skill" {
			if aside[t.word] && !said[t.word] {
				if _, ok := p.passing[t.key]; !ok {
					if p.passing == nil {
						p.passing = map[string]bool{}
					}
					p.passing[t.key] = true
				}
			} else {
				if p.passing == nil {
					p.passing = map[string]bool{}
				}
				p.passing[t.key] = false
			}
		}
		_, team := z.swallowedTeam(t, false)
		if t.span > 0 && z.strict && !(team && !p.leads) { // "Built the team wiki": the phrase's team is the wiki's, as for leadTeam
			// A phrase also says its words: "Write documentation" (one
			// lexicon phrase) says "write" to "writes great documentation",
			// and "data pipelines" (ETL) says "data" to "data processing
			// pipelines", as each word reads alone.
			for _, w := range z.wordKeys(t) {
				if !p.keys[w.key] {
					p.keys[w.key] = true
					p.surface[w.key] = append(p.surface[w.key], t.word)
				}
				if p.at != nil {
					p.at[w.key] = append(p.at[w.key], i)
				}
			}
		}
		if isDegree(t.word) {
			p.studied = true
			if d := z.word("degree"); d.key != "" {
				p.keys[d.key] = true
				p.surface[d.key] = append(p.surface[d.key], t.word)
				if p.at != nil {
					p.at[d.key] = append(p.at[d.key], i)
				}
			}
		}
		if t.key == "" {
			continue
		}
		if t.kind == "verb" {
			p.actions[t.key] = true
			verbs++
			if p.leads { // "Built the team wiki" leads no one: no team said
				z.leadTeam(p, t, i)
			}
		} else {
			p.keys[t.key] = true
		}
		p.surface[t.key] = append(p.surface[t.key], t.word)
		if z.strict {
			p.at[t.key] = append(p.at[t.key], i)
		}
	}
	words := len(strings.Fields(text))
	p.names = writtenAsNames(text)
	if len(toks) > 0 {
		p.lead = toks[0].word
	}
	p.hedged = z.strict && reHedge.MatchString(text)
	p.describes = z.strict && z.context && describes(text)
	p.other = describesOther(text) // read once per text; the gate asks it of every graded pair
	p.claims = z.strict && claims(text)
	p.studied = p.studied || reStudy.MatchString(text) || reDegreeAbbrev.MatchString(text)
	label := reListLabel
	if z.strict {
		label = reListLabelStrict
	}
	p.list = label.MatchString(text) || reSelfClaim.MatchString(text) ||
		(verbs == 0 && commas >= 1 && (words <= 6 || words <= 4*(commas+1)))
	return p
}

// staffSkills returns the skills a text (lower, in lower case) names only
// as the skill of the people it names ("hired 3 Python engineers",
// "trained them as AWS Cloud Engineers"): a skill span written right
// before a word for people (peopleNouns), a space between them. The
// people have the skill; the text does not say its author used it. A
// skill also named elsewhere in the text is not one of them.
func staffSkills(toks []token, lower string) map[string]bool {
	var out map[string]bool
	own := map[string]bool{}
	for i, t := range toks {
		if t.kind != "skill" || i+1 < len(toks) && toks[i+1].span == t.span {
			continue // not a skill, or not the span's last word
		}
		if i+1 < len(toks) && peopleNouns[toks[i+1].word] && strings.Contains(lower, t.word+" "+toks[i+1].word) {
			if out == nil {
				out = map[string]bool{}
			}
			out[t.key] = true
		} else {
			own[t.key] = true
		}
	}
	for k := range own {
		delete(out, k)
	}
	return out
}

// peopleNouns are words for people of a trade, plural: the people a
// bullet names ("hired 3 Python engineers"), where a singular is often
// the author's own role ("I was the lead iOS developer").
var peopleNouns = setOf(`engineers developers programmers analysts scientists designers administrators admins architects
consultants specialists testers experts staff colleagues peers counterparts`)
