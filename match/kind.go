package match

import (
	"fmt"
	"regexp"
	"strings"
)

// Kind is what sort of thing a requirement asks for. The kinds are
// written from what each asks, not from grading errors: how far one
// bullet can prove a requirement depends on its kind (a bullet can show
// a tool used; it rarely proves a trait outright, and one tool of a list
// is one alternative of several).
type Kind string

// The kinds of requirement, in the order kindOf tries them.
const (
	KindDegree   Kind = "degree"   // an academic degree ("BS in Computer Science")
	KindYears    Kind = "years"    // years of something ("5+ years of support leadership")
	KindSoft     Kind = "soft"     // a soft skill or trait, no tool ("communication skills", "collaborate with Product")
	KindToolList Kind = "toollist" // two or more tools named ("Java, Python or Scala")
	KindAct      Kind = "act"      // an act on an object ("Built CI/CD pipelines")
	KindTool     Kind = "tool"     // one tool or skill named, no act ("Terraform", "Strong iOS")
	KindDomain   Kind = "domain"   // a field, domain or industry ("SaaS product experience")
)

// Kinds lists every kind, for configuration and reports.
var Kinds = []Kind{KindDegree, KindYears, KindSoft, KindToolList, KindAct, KindTool, KindDomain}

// reDegreeWord finds the words that ask for a degree; degree names
// ("Bachelor", "Ph.D") are isDegree's, and BS/MS/BA/MA/PhD as written
// capitals. BS, MS, BA and MA are also other words' capitals ("MS SQL
// Server", "MS Teams", "Boston, MA", "BA team"): they ask for a degree
// only before what a degree is followed by ("BS in", "MS/PhD", "BA or
// equivalent", "MS degree", "BS Computer Science").
var reDegreeWord = regexp.MustCompile(`(?i)\bdegree\b|\bdiploma\b`)
var reDegreeAbbrev = regexp.MustCompile(`\b(?:PhD|BSc|MSc|MBA)\b|\b(?:BS|MS|BA|MA)(?:\s*/|\s+(?i:in|of|or|degree|computer|engineering|math\w*|statistics|physics|economics|finance|business|cs|ee)\b)`)

// reTrait finds the words of qualities a person has rather than work
// they show: communicating, collaborating, organising oneself, learning,
// attitudes (from the definition of a soft skill: interpersonal,
// personal and thinking qualities).
var reTrait = regexp.MustCompile(`(?i)\b(?:communicat\w*|collaborat\w*|interpersonal|organi[sz]ational|organi[sz]ed|time management|team ?player|teamwork|attention to detail|detail[- ]oriented|self[- ]?(?:starter|motivated|directed)|motivated|passion\w*|curio\w+|critical thinking|problem[- ]solv\w*|adaptab\w*|flexib\w*|emotional\w*|empath\w*|acumen|willing\w*|eager\w*|proactive|ownership|integrity|work(?:ing)? independently|work ethic|fast learner|learn new|mindset|attitude|humble|humility|verbal|written and)\b`)

// kindOf reads the kind of a requirement from its text and the strict
// rules' parts of it (tools written as names, actions).
func kindOf(text string, p *reqParts) Kind {
	switch {
	case reDegreeWord.MatchString(text) || reDegreeAbbrev.MatchString(text) || hasDegreeName(text):
		return KindDegree
	case reYears.MatchString(text):
		return KindYears
	}
	tools := namedTools(text, p)
	switch {
	case len(p.names) == 0 && reTrait.MatchString(text):
		return KindSoft
	case tools >= 2:
		return KindToolList
	case len(p.actions) > 0:
		return KindAct // an act asks for work done, on a tool or not ("Built CI/CD pipelines")
	case tools == 1:
		return KindTool
	}
	return KindDomain
}

// namedTools counts the skills of a requirement's slot written as names
// ("MySQL"), not fields written in lower case ("monitoring").
func namedTools(text string, p *reqParts) int {
	n := 0
	for k := range p.skills {
		if !p.fields[k] {
			n++
		}
	}
	if n == 0 {
		// The strict rules read "Linux/Ubuntu" as a run of title words; a
		// lexicon skill written with its capital is still a tool.
		for _, name := range p.names {
			if name != strings.ToLower(name) && strings.Contains(text, name) {
				n++
			}
		}
	}
	return n
}

// hasDegreeName reports whether a text writes a degree's name.
func hasDegreeName(text string) bool {
	for _, w := range strings.Fields(text) {
		if isDegree(strings.Trim(w, ",;:()")) {
			return true
		}
	}
	return false
}

// KindOf is the kind of a requirement's text, as the strong gate reads it.
func KindOf(requirement string) Kind {
	return kindOf(requirement, newAnalyzer(true).requirement(requirement))
}

// capDefinition ends FitDefinition in the answers of a match with kinds
// capped (Options.StrongCap): with none it is empty, and the definition
// is as it was before the cap.
func capDefinition(ks []Kind) string {
	if len(ks) == 0 {
		return ""
	}
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = string(k)
	}
	return fmt.Sprintf(" A bullet the rules call strong for a requirement of a capped kind (%s) is shown as partial and still counts 1.", strings.Join(names, ", "))
}
