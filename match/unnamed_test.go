package match

import (
	"context"
	"slices"
	"testing"

	"vitae"
)

// TestElidedWordNamesNoTool: a word before an elided one ("Git 'er
// done", an idiom) names no tool, in the JD's skills and in the
// matcher's reading (tryout: jd 11's "Git ‘er Done – You love building
// quality products…" asked for Git and was met by "…GitLab as a git
// hosting…" and a skills list's Git); a quoted name is still a name.
func TestElidedWordNamesNoTool(t *testing.T) {
	tests := []struct {
		req    string
		skills []string
	}{
		{"Git ‘er Done – You love building quality products with stunning user experience and ease of use.", nil},
		{"Git 'er done: you ship on time", nil},
		{"Get 'em shipped with Terraform", []string{"Terraform"}},
		{"Experience with 'Kubernetes' and Git", []string{"Git", "Kubernetes"}},
		{"Git and Terraform", []string{"Git", "Terraform"}},
	}
	z := newAnalyzer(false)
	for _, tt := range tests {
		checkSkills(t, tt.req, tt.skills)
		if reads := slices.Contains(z.requirement(tt.req).names, "Git"); reads != slices.Contains(tt.skills, "Git") {
			t.Errorf("%q: the matcher reads Git %v, want %v", tt.req, reads, !reads)
		}
	}

	git := resume("git", "G", "Seven Bridges", "Director of Engineering", "2018-11", "2020-06",
		"Lowered DevOps team maintenance time by implementing GitLab as a git hosting and CI solution",
		"Wrote Terraform modules for every AWS account")
	git.Skills = []string{"Git"}
	res, err := newIndexWith(t, []*vitae.Resume{git}).Match(context.Background(), Request{
		JobDescription: "## Requirements\n- Git ‘er Done – You love building quality products with stunning user experience and ease of use.\n- Terraform modules\n"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) != 1 {
		t.Fatalf("%d candidates, want the one", len(res.Candidates))
	}
	for _, ev := range res.Candidates[0].Matched {
		if ev.RequirementIndex == 0 {
			t.Errorf("the idiom is met by %q (%s)", ev.Text, ev.Level)
		}
	}
}

// TestOwnerAsideAsksNothing: an aside naming who owns a tool ("now part
// of Oracle", "acquired by Salesforce", "a Salesforce company") places
// the tool; it asks for no owner (tryout: jd 12's "Responsys - now part
// of Oracle" added Oracle to the skills).
func TestOwnerAsideAsksNothing(t *testing.T) {
	tests := []struct {
		req    string
		skills []string
		owner  string // the name the matcher must not read as asked
	}{
		{"Direct experience with Email Marketing (e.g., Salesforce Marketing Cloud - Previously ExactTarget, Responsys - now part of Oracle, etc.)", []string{"Email Marketing", "Salesforce"}, "Oracle"},
		{"Experience with Responsys (now part of Oracle)", nil, "Oracle"},
		{"Experience with Tableau (acquired by Salesforce)", []string{"Tableau"}, "Salesforce"},
		{"Experience with Heroku, a Salesforce company", []string{"Heroku"}, "Salesforce"},
		{"Experience with MySQL, now owned by Oracle", []string{"MySQL"}, "Oracle"},
		// Not asides of an owner: the names are asked for.
		{"Experience with Oracle and Salesforce", []string{"Oracle", "Salesforce"}, ""},
		{"Experience with Oracle, part of our stack", []string{"Oracle"}, ""},
		{"Experience at a SaaS company", []string{"SaaS"}, ""},
	}
	z := newAnalyzer(false)
	for _, tt := range tests {
		checkSkills(t, tt.req, tt.skills)
		if tt.owner != "" && slices.Contains(z.requirement(tt.req).names, tt.owner) {
			t.Errorf("%q: the matcher reads %s as asked", tt.req, tt.owner)
		}
	}
}

// checkSkills parses req as a JD's one requirement and checks the
// skills it asks for.
func checkSkills(t *testing.T, req string, want []string) {
	t.Helper()
	jd, err := ParseJD("## Requirements\n- "+req, "markdown")
	if err != nil || len(jd.Requirements) != 1 {
		t.Errorf("%q: %v, %+v; want one requirement", req, err, jd)
		return
	}
	if got := jd.Requirements[0].Skills; !slices.Equal(got, want) {
		t.Errorf("%q: skills %q, want %q", req, got, want)
	}
}
