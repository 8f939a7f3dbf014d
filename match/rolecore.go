package match

import (
	"slices"
	"strings"
	"unicode"

	"vitae/index"
)

// A recruiter reads "build data pipelines" as what a Data Engineer JD is
// about and "excellent written communication" as peripheral; step 6
// weighs both alike unless one names no skill, tool or role (the soft
// quarter). A requirement that names what the title says the role is
// about — a word of the role other than its head noun, level and generic
// words ("site", "team"): "data" of "Data Engineer", "security" of
// "Security Engineer", "support" of "Head of Support" — is core;
// Weights.Core takes that share off the weight of every other
// requirement: × (1 − Core). Requirement IDF, the opposite direction,
// lost: the core skill is often the one everyone has. Read by the model
// (the requirement's cosine to the role), the same weighing lost too
// (docs/matching.md §3, "Evidence read by the role it comes from"). 0
// weighs as before.

// roleHeadWords are role titles' head nouns and connectives: they name a
// kind of position, not what the role is about.
var roleHeadWords = []string{"engineer", "engineering", "manager", "management", "director", "head", "lead",
	"designer", "developer", "scientist", "analyst", "specialist", "officer", "architect", "administrator", "of", "and", "in"}

// roleGenericWords are title words that say little of what the role is
// about and much else in a requirement: "site" of "Site Reliability
// Engineer" in "work on site", "team" of "Team Lead", "software" of
// "Software Engineer", "end" of "Front-End Developer" in "end-to-end
// testing", "full" of "Full Stack" in "full-time".
var roleGenericWords = []string{"site", "team", "software", "end", "full", "time", "work", "technical", "general"}

// roleHeadTerms are roleHeadWords and roleGenericWords as index terms.
var roleHeadTerms = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range append(slices.Clone(roleHeadWords), roleGenericWords...) {
		for _, t := range index.Terms(w) {
			m[t] = true
		}
	}
	return m
}()

// roleCoreOf says of each requirement whether it names a word of the role
// the JD title names (roleTitles, any of its names; head nouns, generic
// and level words out), read as the index reads words, a skill written
// with a symbol as that skill (the index reads "C++" and "C#" as "c":
// "C programming" is not core to a "C++ Engineer"); nil when the title
// has no such word, when every requirement weighs as before.
func roleCoreOf(title string, reqs []Requirement) []bool {
	want := map[string]bool{}
	for _, alt := range roleTitles(title) {
		for _, t := range alt {
			if !roleHeadTerms[t] && !levelTerms[t] {
				want[t] = true
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	marks := termMarks(title)
	core := make([]bool, len(reqs))
	for i, rq := range reqs {
		for _, w := range words(rq.Text) {
			mark := skillMark(w)
			for _, t := range index.Terms(w) {
				if want[t] && (marks[t] == nil && mark == "" || marks[t][mark]) {
					core[i] = true
				}
			}
		}
	}
	return core
}

// words are text's words, lower case, with the symbols a skill's name
// carries ("c++", "c#", "node.js").
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '#' && r != '.'
	})
}

// skillMark is the "+" and "#" a word ends with: "++" of "c++", "" of "c".
func skillMark(w string) string {
	w = strings.TrimRight(w, ".")
	return w[len(strings.TrimRight(w, "+#")):]
}

// termMarks is, for each index term of a title's words, the skill marks
// the words it comes from carry ("c" → {"++"} for "C++ Engineer", {"",
// "++"} for "C/C++ Engineer"); a term no word carries marks on is absent.
func termMarks(title string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	all := map[string]map[string]bool{}
	for _, w := range words(title) {
		mark := skillMark(w)
		for _, t := range index.Terms(w) {
			if all[t] == nil {
				all[t] = map[string]bool{}
			}
			all[t][mark] = true
		}
	}
	for t, ms := range all {
		if len(ms) > 1 || !ms[""] {
			out[t] = ms
		}
	}
	return out
}

// roleCoreFactor is the factor on requirement ri's weight: 1 for a core
// requirement, with Weights.Core 0 or with no reading of the
// requirements; else 1 − Weights.Core.
func (s scorer) roleCoreFactor(ri int) float64 {
	if s.w.Core <= 0 || ri >= len(s.roleCore) || s.roleCore[ri] {
		return 1
	}
	return 1 - s.w.Core
}

// roleCores reads each requirement's core (roleCoreOf) into sc and the answer's
// requirements when Weights.Core is on; a title without a word to read,
// or requirements none of which is core, leave the weights as before
// (every weight × (1 − Core) would only rescale the score, and with Core
// near 1 divide 0 by 0), and the answer's core_weight 0 says so.
func roleCores(jd *JobDescription, sc *scorer, res *Result) {
	if sc.w.Core <= 0 {
		return
	}
	core := roleCoreOf(jd.Title, jd.Requirements)
	if !slices.Contains(core, true) {
		sc.w.Core, res.Weights.Core = 0, 0
		return
	}
	sc.roleCore = core
	res.FitDefinition += roleCoreDefinition
	reqs := append([]Requirement(nil), res.Requirements...) // the parsed JD's stay as parsed
	for i := range reqs {
		reqs[i].Core = core[i]
	}
	res.Requirements = reqs
}

// roleCoreDefinition ends FitDefinition in the answers of a match that
// weighs requirements by their core.
const roleCoreDefinition = " A requirement that names no word of the role the JD title names (besides its head noun, level and generic words such as \"site\": \"data\" of \"Data Engineer\") weighs × (1 − core_weight) (requirements[].core)."
