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
		"Led 1-on-1 and team mentorship sessions with junior developers focusing on code best practices", // a participle the tokens call a word
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
			if got := leadsTokens(z.tokens(l), afterBreaks(l), firstClause(l)); got != want {
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

// TestLeadsPeopleReadsTheObject pins issue 14's reading of leadership:
// a lead verb whose object is a team or people leads them; a lead verb
// on anything else, "leading to", training or supporting engineers does
// not, whoever the bullet names further on.
func TestLeadsPeopleReadsTheObject(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Led a team of five engineers", true},
		{"Managed a group of six site reliability engineers", true},
		{"Led operationally-focused teams of DevOps engineers and SREs", true},
		{"Managed the data team through a migration", true},
		{"Directed a 40-person engineering organization", true},
		{"Hired, trained and managed 12 engineers", true},
		{"Mentored two junior developers", true},
		{"Supervised 8 SREs across two sites", true},
		{"Logged significant number of defects with software engineering staff, eventually leading to my promotion to QA Engineer", false},
		{"Supported internal AI research and training platforms used by ~50 engineers and ML researchers.", false},
		{"Ran in-house training courses for our engineers on Kubernetes and our platform, helping them onboard and self-serve.", false},
		{"Trained 30 engineers on Kubernetes", false},
		{"Led a datacentre migration, coordinating infrastructure changes", false},
		{"Infrastructure Management as AWS Administartor", false},
		{"Led the redesign of the checkout flow with the payments team", false},
		{"Built the billing service in Go", false},
		// review 17: concept and role phrases that lead, and people words
		// that only modify another noun.
		{"Led a group of 6 SREs", true},
		{"Ran a team of 8 engineers", true},
		{"Grew the team from 2 to 12", true},
		{"Mentored interns", true},
		{"Led cross-functional teams", true},
		{"Team lead for 4 developers", true},
		{"Experience leading a small team", true},
		{"Lead, mentor, and grow a high-performing team of data engineers", true},
		{"Upon becoming a manager, I was responsible for the DevOps team, the MLOps team, two back end developers and an IT contractor.", true},
		{"Managed the SRE team budget and on-call tooling", false},
		{"Led a team effort to migrate the SRE database", false},
		{"Managed engineers' laptops and AWS accounts", false},
		{"led the migration with the team", false},
		// ux22: a clause a help word opens is someone else's lead.
		{"Supported expanding the SRE and DevOps teams in hiring 2 new DevOps engineers", false},
		{"Helped hire 3 engineers", false},
		{"Assisted in hiring new engineers", false},
		{"Participated in hiring engineers", false},
		{"Interviewed and hired 12 engineers", true},
		{"Helped the team ship the billing service, led 3 engineers", true},
		{"Support Team Lead managing 6 agents", true},
		// review22a: a clause of its own after a full stop, a semicolon
		// or "and" before a verb is not the help word's.
		{"Contributed to roadmap. Led a team of 4 engineers", true},
		{"Participated in the reorg; led a team of 4 engineers", true},
		{"Contributed to the platform and managed a team of 5 engineers", true},
		{"Assisted customers daily and led a team of 3 support agents", true},
		{"Helped design the API and mentored 4 junior engineers", true},
		// review22b: breaks by position, and a bare verb after "and" is
		// still the help word's.
		{"Helped the CTO lead a team of 12 engineers", false},
		{"Helped the CTO lead a team of 12 engineers, the platform group", false},
		{"Supported the director in managing a team of 20, the largest in the org", false},
		{"Helped plan and lead a team of 5 engineers", false},
		{"Assisted the director to hire and manage a team of 8", false},
		{"Establish unified KPIs across Product, Marketing, Finance, Support, and Country Management teams", false},
		// review 20: a noun after "team" tagged a verb is the team's; a
		// verb starts another act only past a comma or "and".
		{"Managed the on-call team schedule", false},
		{"Managed team schedules", false},
		{"Managed the team, hired four engineers", true},
		{"Managed the team and hired four engineers", true},
		// a present participle after the team says what the team led did.
		{"Led the team delivering the new billing platform", true},
		{"Led 15-person team delivering novel platform architecture for federal biomedical research", true},
		// mentoring as a noun mentors the people it takes.
		{"Led 1-on-1 and team mentorship sessions with junior developers focusing on code best practices", true},
		{"Provided mentorship to 3 junior engineers", true},
		{"Wrote a blog post on mentorship", false},
		{"Mentorship program for the sales organisation's partner portal", false},
	} {
		if got := leadsPeople(tc.text); got != tc.want {
			t.Errorf("leadsPeople(%q) = %v, want %v", tc.text, got, tc.want)
		}
		z := newAnalyzer(true)
		if got := z.bullet(tc.text).leads; got != tc.want {
			t.Errorf("bullet(%q).leads = %v, want %v", tc.text, got, tc.want)
		}
	}
}
