package match

import (
	"testing"

	"vitae"
)

// TestPeopleTitle pins review 17's first finding: "Lead" before a role
// word is a level, not a team; manager, head, director and "Team Lead"
// lead people.
func TestPeopleTitle(t *testing.T) {
	for _, tc := range []struct {
		role string
		want bool
	}{
		{"Lead DevOps Engineer", false},
		{"Lead Software Engineer", false},
		{"Senior Lead Site Reliability Engineer", false},
		{"DevOps Engineer", false},
		{"Product Manager", false},
		{"Team Lead", true},
		{"Team Lead, Platform", true},
		{"Engineering Manager, Infrastructure Engineering", true},
		{"Head of SRE", true},
		{"Director of DevOps", true},
		{"Lead DevOps Engineer and Manager", true},
	} {
		if got := peopleTitle(tc.role); got != tc.want {
			t.Errorf("peopleTitle(%q) = %v, want %v", tc.role, got, tc.want)
		}
	}
}

// TestLeadLevelTitleIsNotLeading: a senior IC "Lead DevOps Engineer"
// whose bullets lead no one is not strong for leading a team of SREs
// and has no leadership years; the one whose bullet led SREs ranks first.
// The same title with a bullet that leads people is strong from the role.
func TestLeadLevelTitleIsNotLeading(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("ic", "I", "Acme", "Lead DevOps Engineer", "2015-01", "2024-01",
			"Ran Kubernetes in production for 40 services", "Automated the deployment pipelines with Terraform"),
		resume("led", "L", "Northwind", "Site Reliability Engineer", "2015-01", "2024-01",
			"Led a team of six site reliability engineers", "Ran Kubernetes in production for 40 services"),
		resume("leadlead", "T", "Contoso", "Lead DevOps Engineer", "2015-01", "2024-01",
			"Managed four DevOps engineers", "Ran Kubernetes in production for 40 services"),
		// ux22: a title of the field asked leads no one: no evidence, not
		// even partial (the Head of DevOps's title is, TestLeadRoleChecks).
		resume("field", "F", "Fabrikam", "Senior Site Reliability & DevOps Engineer", "2015-01", "2024-01",
			"Ran Kubernetes in production for 40 services", "Automated the deployment pipelines with Terraform"),
	}
	got := matchOne(t, corpus, "## Requirements\n- 5+ years leading a team of SREs or DevOps engineers\n- Kubernetes in production\n")
	if _, ok := got["field"]; !ok {
		t.Fatal("field title: not ranked (its Kubernetes bullet is evidence); the check below would pass on nothing")
	}
	if ev := evidenceFor(got["field"], "5+ years leading"); ev != nil {
		t.Errorf("field title: evidence %+v, want none", ev)
	}
	ic, led := got["ic"], got["led"]
	if ev := evidenceFor(ic, "5+ years leading"); ev != nil && ev.Level == "strong" {
		t.Errorf("lead IC: evidence %+v, want partial at most", ev)
	}
	if ic.LeadershipYears != 0 {
		t.Errorf("lead IC: leadership years %v, want 0", ic.LeadershipYears)
	}
	if ic.Score >= led.Score {
		t.Errorf("lead IC scores %v, the one who led SREs %v: want the leader first", ic.Score, led.Score)
	}
	if ev := evidenceFor(got["leadlead"], "5+ years leading"); ev == nil || ev.Level != "strong" {
		t.Errorf("lead who managed engineers: evidence %+v, want strong", ev)
	}
}

// TestLeadingYearsOfTheFamilyNamed pins review 17's fourth finding: a
// Marketing Manager has no years leading SREs; an SRE who led SREs has.
func TestLeadingYearsOfTheFamilyNamed(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("mkt", "M", "Acme", "Marketing Manager", "2014-01", "2024-03",
			"Ran Kubernetes in production for 40 services", "Planned the quarterly campaigns"),
		resume("sre", "S", "Northwind", "Site Reliability Engineer", "2015-01", "2024-01",
			"Led a team of six site reliability engineers", "Ran Kubernetes in production for 40 services"),
	}
	got := matchOne(t, corpus, "## Requirements\n- 5+ years leading a team of SREs or DevOps engineers\n- Kubernetes in production\n")
	for id, want := range map[string]float64{"mkt": 0, "sre": 1} {
		c := got[id]
		if len(c.Explain.Years) != 1 || c.Explain.Years[0].Kind != "leadership" || c.Explain.Years[0].Fit != want {
			t.Errorf("%s: years %+v, want leadership with fit %v", id, c.Explain.Years, want)
		}
	}
	// Without a family named, any leadership role counts.
	got = matchOne(t, corpus, "## Requirements\n- 5+ years of people management experience\n- Kubernetes in production\n")
	if y := got["mkt"].Explain.Years; len(y) != 1 || y[0].Fit != 1 {
		t.Errorf("marketing manager, people management: years %+v, want fit 1", y)
	}
}

// TestLeadingYearsOfOrdinaryLeaders pins review 20's first finding: "team
// lead" names no field and "backend engineers" is led by an Engineering
// Manager, so ordinary leaders keep their years of leading.
func TestLeadingYearsOfOrdinaryLeaders(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("em", "E", "Acme", "Engineering Manager", "2019-01", "2024-01",
			"Managed a team of 6 engineers", "Ran Kubernetes in production for 40 services"),
		resume("sse", "S", "Northwind", "Senior Software Engineer", "2019-01", "2024-01",
			"Led a team of 4 engineers", "Ran Kubernetes in production for 40 services"),
		resume("mkt", "M", "Globex", "Marketing Manager", "2014-01", "2024-03",
			"Ran Kubernetes in production for 40 services", "Planned the quarterly campaigns"),
	}
	for _, tc := range []struct {
		req  string
		want map[string]float64
	}{
		{"2+ years leading a team of backend engineers", map[string]float64{"em": 1, "mkt": 0}},
		{"2+ years as a team lead", map[string]float64{"sse": 1, "em": 1}},
	} {
		got := matchOne(t, corpus, "## Requirements\n- "+tc.req+"\n- Kubernetes in production\n")
		for id, want := range tc.want {
			y := got[id].Explain.Years
			if len(y) != 1 || y[0].Kind != "leadership" || y[0].Fit != want {
				t.Errorf("%q, %s: years %+v, want leadership with fit %v", tc.req, id, y, want)
			}
		}
	}
}
