package match

import (
	"regexp"
	"strings"
	"unicode"

	"vitae/index"
)

// A JD title often says more than the role: a grade ("III", "2", "L5"),
// a requisition id ("#4512"), a year, where the work is ("[Remote]",
// "/ Hybrid", "in Berlin"). No résumé title carries these, so counted as
// role words they would read as words of the role no one carries and
// lower the share role words weigh (rolefit.go) as a real role word does.

// placeWords say where the work is done, not which role it is.
var placeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"remote", "hybrid", "onsite"} {
		for _, t := range index.Terms(w) {
			m[t] = true
		}
	}
	return m
}()

// romanGrades are the grades ii–x as the index reads them ("Engineer III").
var romanGrades = map[string]bool{"ii": true, "iii": true, "iv": true, "v": true, "vi": true, "vii": true, "viii": true, "ix": true, "x": true}

// reOnSite is "on-site" and "on site", which the index reads as "site",
// a word of "site reliability".
var reOnSite = regexp.MustCompile(`(?i)\bon[- ]site\b`)

// notRoleWord reports a title term that is a grade, an id, a year or a
// place of work.
func notRoleWord(t string) bool {
	return romanGrades[t] || placeWords[t] || strings.IndexFunc(t, unicode.IsDigit) >= 0
}

// reIn finds " in " before a capitalised word: "Data Engineer in Berlin".
var reIn = regexp.MustCompile(`\s+in\s+\p{Lu}`)

// inRoles are what follows "in" in a role's own name: a "Software
// Engineer in Test" tests, an "Entrepreneur in Residence" is one.
var inRoles = map[string]bool{"test": true, "testing": true, "residence": true}

// placeTerms are the terms after a title's last " in " before a
// capitalised word, when a role of two words or more comes before it:
// "berlin" of "Data Engineer in Berlin". They may be the role's field
// too ("Research Scientist in Machine Learning"), so they stay in the
// role, and share leaves out only those no pooled title carries
// (rolefit.go): a place no one carries never lowers the share. A
// "Lecturer in Statistics" teaches statistics.
func placeTerms(title string) map[string]bool {
	main, _ := titleParts(title)
	locs := reIn.FindAllStringIndex(main, -1)
	if locs == nil {
		return nil
	}
	at := locs[len(locs)-1][0]
	if len(cutTerms(main[:at])) < 2 {
		return nil
	}
	after := strings.Fields(main[at:])[1:]
	if inRoles[strings.ToLower(strings.Trim(after[0], ",."))] {
		return nil
	}
	m := map[string]bool{}
	for _, t := range index.Terms(strings.Join(after, " ")) {
		m[t] = true
	}
	return m
}
