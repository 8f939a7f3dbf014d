package match

import (
	"regexp"
	"strings"

	"vitae/index"
)

// A JD title often says more than the role: a grade ("III", "2", "L5"),
// a requisition id ("#4512"), a year, where the work is ("[Remote]",
// "/ Hybrid", "in Berlin"). No résumé title carries these, so counted as
// role words they would read as words of the role no one carries and
// lower the share role words weigh (rolefit.go) as a real role word does.

// rePlaceApart is a place of work standing apart from the role:
// bracketed, after "/", "-" or "|", or at the end ("[Remote]", "/
// Hybrid", "Data Engineer Remote"). A place word inside the role is the
// role's: "Remote Sensing Scientist", "Hybrid Cloud Architect".
var rePlaceApart = regexp.MustCompile(`(?i)(?:\[\s*|[/|\-–—]\s*)(?:remote|hybrid|onsite)\b\s*\]?|\b(?:remote|hybrid|onsite)[\s\]]*$`)

// reID is a requisition id: "#4512", "#A123".
var reID = regexp.MustCompile(`#\S+`)

// reLastGrade is a roman grade ii–x as the last word ("Engineer III"); a
// roman numeral before the role is a word of it ("IV&V Engineer", "Vi
// Developer").
var reLastGrade = regexp.MustCompile(`(?i)\s(?:ii|iii|iv|v|vi|vii|viii|ix|x)\s*$`)

// reOnSite is "on-site" and "on site", which the index reads as "site",
// a word of "site reliability".
var reOnSite = regexp.MustCompile(`(?i)\bon[- ]site\b`)

// reGradeTerm is a term that is a grade, an id or a year: all digits, or
// a level "l5". A term with letters and digits is a word of the role:
// "b2b", "web3", "3d", "5g".
var reGradeTerm = regexp.MustCompile(`^(?:\d+|l\d+)$`)

// roleText is s without what reads as no word of the role in its place:
// on-site, a place of work standing apart, a requisition id, and a last
// roman grade.
func roleText(s string) string {
	s = reOnSite.ReplaceAllString(s, " ")
	s = rePlaceApart.ReplaceAllString(s, " ")
	s = reID.ReplaceAllString(s, " ")
	return reLastGrade.ReplaceAllString(s, " ")
}

// notRoleWord reports a title term that is a grade, an id or a year
// wherever it stands.
func notRoleWord(t string) bool {
	return reGradeTerm.MatchString(t)
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
