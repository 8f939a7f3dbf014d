package match

import (
	"strings"
	"testing"
)

// TestLeadsTokensIsLeadsPeople checks that reading leadership from a
// bullet's tokens answers as leadsPeople on texts without a slash: the
// table's and every line of the JD test files.
func TestLeadsTokensIsLeadsPeople(t *testing.T) {
	lines := []string{
		"Led a team of five engineers",
		"Managed the data team through a migration",
		"Built the billing service in Go",
		"Mentored two junior developers",
	}
	lines = append(lines, jdLines(t)...)
	var leads int
	for _, strict := range []bool{false, true} {
		z := newAnalyzer(strict)
		for _, l := range lines {
			if strings.Contains(l, "/") {
				continue
			}
			want := leadsPeople(l)
			if got := leadsTokens(z.tokens(l)); got != want {
				t.Errorf("strict %v: leadsTokens(%q) = %v, leadsPeople %v", strict, l, got, want)
			}
			if want {
				leads++
			}
		}
	}
	if leads == 0 {
		t.Fatal("no line leads people: the check checked nothing")
	}
}
