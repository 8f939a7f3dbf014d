package match

import (
	"html"
	"math"
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
	nearWords    = 5    // a clause's words must be said within this many words of each other
	shortParts   = 3.0  // a requirement of at most this weight is a phrase too (strict rules)
	leadMiss     = 0.5  // share of its credit evidence that leads no one keeps for a requirement to lead people (leadCredit)
)

// grade is one bullet judged against one requirement.
type grade struct {
	level Level
	score float64  // 0..1: the weighted share of the requirement's parts the bullet carries
	terms []string // the bullet's words that carry them
	// matched of parts: the requirement's parts (the skill slot, objects
	// that are not weak words, the asked action) the bullet carries.
	matched, parts int
	skill          bool     // the skill slot is filled …
	verbatim       bool     // … by a word the requirement writes ("MySQL", not "Percona" of its family)
	hit            []string // the keys of the skill and objects carried
	all            []string // … and of the weak words carried (shortPhrase)
	demoted        bool     // strong by the default rules, partial by the strong gate
	bySense        bool     // demoted by the sense check (Options.StrongSense) or the kind cap (Options.StrongCap) alone: shown partial, credited strong
}

// judge scores a bullet against a requirement: the weighted share of the
// requirement's parts the bullet carries (its skills as one slot any of
// them fills, its roles, concepts and content words), times actionMiss
// when it asks for an action the bullet does not show, times listFactor
// for a bare tool list. A shared generic word is no part at all, and a
// weak word is half of one, so neither alone reaches a level. The best
// clause of a list counts too, but is strong only as clauseStrong says.
func judge(r *reqParts, b *textParts) grade {
	if r.degree && !b.studied {
		// "checked in computers" is no "BS in Computer Science" (degree.go);
		// what the requirement offers instead of a degree is met as asked.
		var best grade
		for _, a := range r.alts {
			if g := judge(a, b); g.score > best.score {
				best = g
			}
		}
		return best
	}
	if r.ledOnly && !b.leads {
		return grade{} // "Led a datacentre migration" leads no SREs (peopleOnly)
	}
	g := judgeParts(r, b)
	whole := len(g.hit) // the requirement's parts the bullet carries, clauses aside
	var from *reqParts  // the clause g is from; nil for the whole requirement
	for _, c := range r.clauses {
		if cg := judgeParts(c, b); cg.score*clauseFactor > g.score {
			g, from = cg, c
			g.score *= clauseFactor
		}
	}
	switch {
	case g.score >= strongAt && mayBeStrong(r, from, g, b, whole > len(g.hit)):
		g.level = Strong
	case g.score >= partialAt:
		g.level = Partial
	default:
		g.level = None
	}
	// Leading something else at a strong score is partial as the gate's
	// demotions are, and earns what they do.
	g.demoted = g.level == Partial && g.score >= strongAt && r.people && !b.leads
	return g
}

// mayBeStrong reports whether a grade that reaches strongAt may stand as
// strong: the score counts the parts a bullet carries, these checks read
// how it carries them. A hedge says less than the work unless the
// requirement asks no more; a description of a company or product, or
// soft skills named, are claims, not work shown, and a match through an
// idiom's word says nothing of the idiom, unless the bullet says the
// requirement back (context rules); one
// clause of a list must be all the requirement asks (clauseStrong); a
// short phrase's words must be said together (shortPhrase). A
// requirement to lead people is met strongly only by a bullet that leads
// people.
func mayBeStrong(r *reqParts, from *reqParts, g grade, b *textParts, more bool) bool {
	switch {
	case r.people && !b.leads:
		return false // leading something else, or the role's work, is not leading people (leads.go)
	case r.led != nil && b.mentors && !r.mentoring:
		return false // mentoring is not managing or leading a team (leadparts.go)
	case b.hedged && !r.hedges:
		return false
	case r.context && b.describes:
		return false
	case r.strict && b.claims && !saysBack(r, b):
		return false
	case r.context && claimsOnly(wordHits(r, b, g.hit)) && !saysBack(r, b):
		return false
	case r.context && idiom(g.all) && !saysBack(r, b):
		return false
	case from != nil && r.strict && !(r.sentences <= 1 && clauseStrong(r, from, g, b, more)):
		return false
	case from == nil && shortPhrase(r, g, b):
		return false
	}
	return true
}

// clauseStrong reports whether a bullet that meets one clause of a
// requirement is strong evidence for all of it. One part of one clause
// is one item of a list ("web app security, vulnerability research, and
// penetration testing"; "such as Kubernetes, Docker, Prometheus"): part
// of what is asked, unless it is a tool the requirement names and the
// bullet writes it so ("MySQL" for "(PostgreSQL, MySQL)") and the
// tool is what the requirement lists (listed) or the bullet carries more
// of the requirement than the tool (more: "Contributed to building
// infrastructure in AWS" for "… and have experience working with AWS,
// GCE or Azure cloud infrastructures"). A clause of
// several words is a phrase ("mobile web"): its words must be said near
// each other, not one in each half of the bullet.
func clauseStrong(r, c *reqParts, g grade, b *textParts, more bool) bool {
	// A later clause qualifies a head that names several things ("BS in
	// Computer Science, Engineering or other technical discipline";
	// "running multi-disciplinary team including … electrical
	// engineering"): without one of the head's things, or more of the
	// requirement than the clause, it is one item, unless it lists
	// examples of what the requirement asks ("such as Jenkins").
	if c.tail && !c.example && !more && r.head != nil && !carries(b, r.head) {
		return false
	}
	// A qualifier met without its core, or one example of many asked
	// for, is not what the requirement is about, however much more of
	// it the bullet carries (core.go).
	if coreMissed(r, c, b) {
		return false
	}
	// An action the clause borrows from a head about other things is
	// not part of the list item: "Implementing mysql replication over
	// linux servers" meets one item of "Building a … support team …,
	// focused on Kubernetes and Linux", not two parts of it.
	if c.borrowed && g.matched > len(g.hit) {
		g.matched = len(g.hit)
	}
	if g.matched <= 1 {
		return c.named && g.skill && g.verbatim && (!c.context || c.example || more)
	}
	return near(b, c, g.hit, nearWords)
}

// carries reports whether a bullet carries one of p's things or skills.
func carries(b *textParts, p *reqParts) bool {
	for k := range p.skills {
		if b.keys[k] {
			return true
		}
	}
	for _, u := range p.objects {
		if u.weight >= 1 && b.keys[u.key] {
			return true
		}
	}
	return false
}

// shortPhrase reports whether a short requirement of one clause
// ("hardware development", a field and a weak word) is met only by its
// words said apart (strict rules): "developer … Maintained PC hardware"
// is not hardware development. Like a clause's words, they must be said
// within nearWords of each other.
func shortPhrase(r *reqParts, g grade, b *textParts) bool {
	return r.strict && len(r.clauses) == 0 && r.total <= shortParts && len(g.all) >= 2 && !near(b, r, g.all, nearWords)
}

// near reports whether the bullet says each pair of the keys within n
// words of each other, or as near as r (a requirement or clause) says
// them: a phrase is what the requirement writes together, and its words
// written far apart ("Work with executives … and manage the team") are
// no phrase, so a bullet that says them back as far apart is near.
func near(b *textParts, r *reqParts, keys []string, n int) bool {
	if b.words <= 2*n {
		return true // a short bullet is one phrase: "Cold calling With CASA Team (ICICI BANK) Generating leads."
	}
	for i, x := range keys {
		for _, y := range keys[i+1:] {
			if byLeading(r, b, x) || byLeading(r, b, y) {
				continue // met by leading people, not by a word (ledBy): the whole bullet says it
			}
			apart := closest(r.at, x, y)
			if apart == math.MaxInt {
				apart = n // not read with positions: the phrase rule as written
			}
			if closest(b.at, x, y) > max(n, apart) {
				return false
			}
		}
	}
	return true
}

// closest is the fewest words between a word that carries x and one that
// carries y; math.MaxInt when either is not said.
func closest(at map[string][]int, x, y string) int {
	d := math.MaxInt
	for _, p := range at[x] {
		for _, q := range at[y] {
			d = min(d, max(p-q, q-p))
		}
	}
	return d
}

// judgeParts scores one requirement or clause.
func judgeParts(r *reqParts, b *textParts) grade {
	if r.total == 0 {
		return grade{}
	}
	var got, strong float64 // strong: from units that are not weak words
	var terms []string
	units, matched := len(r.objects), 0 // the skill slot counts as two units
	var g grade
	aside := false // the requirement's one skill is named only in passing
	if len(r.skills) > 0 {
		units += 2
		g.parts++
		k, ok := bestSkill(r, b)
		led := false // filled by leading people: no tool named by its family or in passing
		if !ok {
			k, ok = ledSkill(r, b)
			led = ok
		}
		if ok {
			got += r.slot
			strong += r.slot
			matched += 2
			g.matched++
			g.skill = true
			g.hit = append(g.hit, k)
			g.all = append(g.all, k)
			g.verbatim = saysSkill(r, b, k)
			aside = !led && (len(r.skills) == 1 && b.passing[k] || byFamily(r, b, k) || b.staff[k])
		}
		for k := range r.skills {
			terms = append(terms, b.surface[k]...)
		}
	}
	for _, u := range r.objects {
		if u.weight >= 1 {
			g.parts++
		}
		if f := ledBy(r, b, u.key); f > 0 && saysName(r, b, u.key) {
			got += u.weight * f
			g.all = append(g.all, u.key)
			if u.weight >= 1 {
				strong += u.weight * f
				matched++
				g.matched++
				g.hit = append(g.hit, u.key)
			}
			terms = append(terms, b.surface[u.key]...)
		}
	}
	// A bullet that carries every part that is not a weak word is
	// evidence however few they are ("mission-critical services and
	// software" said back).
	all := g.matched == g.parts
	if strong > 0 && leadShown(r, b, "lead") && r.actions["lead"] {
		matched++ // leading people is the act and the people led: two parts shown, not one word of many
	}
	item := oneItem(r, g.hit) && saysBare(b, g.hit[0]) // one thing of a list of things: partial evidence, never more
	if strong == 0 || !item && (units >= 3 && matched < 2 && !(r.strict && all) || !all && oneWord(units, matched, g.hit)) {
		return grade{} // shared weak words, or one word of many, are no evidence
	}
	s := got / r.total
	if len(r.actions) > 0 {
		g.parts++
		shown := false
		for a := range r.actions {
			if b.actions[a] || leadShown(r, b, a) {
				shown = true
				terms = append(terms, b.surface[a]...)
			}
		}
		if shown {
			g.matched++
		} else {
			s *= actionMiss
		}
	}
	if b.list || aside {
		s *= listFactor
	}
	if item {
		s = max(s, partialAt) // partial however long the list; one object of three or more parts is never near strong
	}
	g.score, g.terms = s, terms
	return g
}

// oneWord reports whether a bullet shares only one plain word with a
// requirement of two ("code" of "Use of coding assistants", "day" of
// "travel 10 days a year" for "Spoke at Philly Tech Week Dev Day"): a
// shared word, not evidence, unless the other word is a weak one. Once
// the strict rules' alone, it holds for the default rules too: on the
// train pairs partial precision rose 0.539 → 0.591 (docs/matching.md).
// A lexicon concept or role ("management" of "Team lead/management
// experience") still counts, as does a skill.
func oneWord(units, matched int, hit []string) bool {
	return units == 2 && matched == 1 && len(hit) == 1 && strings.HasPrefix(hit[0], "w:")
}

// highlight returns text, HTML-escaped, with the given words wrapped in
// <mark>. A word joined by slashes ("ops/s", "CI/CD") is marked whole
// when it is wanted whole, else in its wanted parts: a token keeps its
// slashes, but the evidence may be one side of them.
func highlight(text string, words []string) string {
	if len(words) == 0 {
		return html.EscapeString(text)
	}
	want := map[string]bool{}
	for _, w := range words {
		want[w] = true
		if stem, _, ok := strings.Cut(w, "'"); ok && stem != "" {
			want[stem] = true // "bachelor's" read from plain(text) is "Bachelor" before a typographic apostrophe
		}
	}
	var sb strings.Builder
	last := 0
	mark := func(start, end int) bool {
		raw := strings.TrimRight(text[start:end], ".-'’")
		if !want[strings.ToLower(typographic.Replace(raw))] { // the words are read from plain(text): "bachelor's" of "Bachelor’s"
			return false
		}
		end = start + len(raw)
		sb.WriteString(html.EscapeString(text[last:start]))
		sb.WriteString("<mark>" + html.EscapeString(text[start:end]) + "</mark>")
		last = end
		return true
	}
	for _, loc := range wordSpans(text) {
		if mark(loc[0], loc[1]) || !strings.ContainsAny(text[loc[0]:loc[1]], "/-") {
			continue
		}
		hyphen := markParts(text[loc[0]:loc[1]])
		start := loc[0]
		for i := loc[0]; i <= loc[1]; i++ {
			if i == loc[1] || text[i] == '/' || hyphen && text[i] == '-' {
				if i > start {
					mark(start, i)
				}
				start = i + 1
			}
		}
	}
	sb.WriteString(html.EscapeString(text[last:]))
	return sb.String()
}

// reWord finds words as lexicon.Tokenize cuts them.
var reWord = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}+#.\-'/]*`)
