package match

import (
	"context"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

func TestParseJDFormats(t *testing.T) {
	md := `# Senior Site Reliability Engineer

## About us
We are a fast-growing fintech with a mission.

## Requirements
- 5+ years of experience running Kubernetes in production
- Experience leading a team of SREs

## Nice to have
- Terraform experience is a plus

## Benefits
- Health insurance and 401(k)
`
	html := `<h1>Data Engineer</h1><h2>What you'll do</h2><ul><li>Build Airflow pipelines into Snowflake</li></ul><h2>Preferred</h2><ul><li>Spark experience</li></ul><p>We are an equal opportunity employer and value diversity.</p>`
	jsonJD := `{"title":"Backend Engineer","responsibilities":["Design REST APIs in Go"],"qualifications":["At least three years of Go"],"skills":[{"name":"Databases","keywords":["PostgreSQL"]}]}`
	tests := []struct {
		name, text, format string
		wantReqs           int
		wantMust           int
		years              float64
	}{
		{"markdown", md, "", 3, 2, 5},
		{"html", html, "html", 2, 1, 0},
		{"json", jsonJD, "", 3, 3, 3},
		{"text", "Responsibilities\nYou will mentor junior engineers and review code.\nRequired: 2 years of Python.", "text", 2, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.text, tt.format)
			if err != nil {
				t.Fatal(err)
			}
			must := 0
			for _, r := range jd.Requirements {
				if r.MustHave {
					must++
				}
			}
			if len(jd.Requirements) != tt.wantReqs || must != tt.wantMust || jd.YearsRequired != tt.years {
				t.Errorf("requirements %d (must %d), years %g; want %d (%d), %g: %+v", len(jd.Requirements), must, jd.YearsRequired, tt.wantReqs, tt.wantMust, tt.years, jd.Requirements)
			}
			for _, r := range jd.Requirements {
				if boilerplate.MatchString(r.Text) {
					t.Errorf("boilerplate kept: %q", r.Text)
				}
			}
		})
	}
	jd, _ := ParseJD(md, "")
	if jd.Requirements[1].Leadership != true || len(jd.Requirements[0].Skills) == 0 {
		t.Errorf("signals: %+v", jd.Requirements)
	}
	for _, bad := range []string{"", "{not json", string(make([]rune, 60000))} {
		if _, err := ParseJD(bad, ""); err == nil {
			t.Errorf("ParseJD(%.20q) should fail", bad)
		}
	}
}

func TestYearsOfExperience(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	b := func(start, end string) vitae.Bullet {
		return vitae.Bullet{Section: vitae.SectionWork, Start: start, End: end}
	}
	tests := []struct {
		name    string
		bullets []vitae.Bullet
		want    float64
	}{
		{"one role", []vitae.Bullet{b("2020-01", "2021-12")}, 2},
		{"overlapping", []vitae.Bullet{b("2015-01", "2018-12"), b("2017-01", "2019-12")}, 5},
		{"nested", []vitae.Bullet{b("2010-01", "2019-12"), b("2012-01", "2013-12")}, 10},
		{"open-ended", []vitae.Bullet{b("2023-01", "")}, 2},
		{"gap", []vitae.Bullet{b("2010", "2010"), b("2012", "2012")}, 2},
		{"unparseable", []vitae.Bullet{b("sometime", "later")}, 0},
	}
	for _, tt := range tests {
		if got := YearsOfExperience(tt.bullets, now); math.Abs(got-tt.want) > 0.02 {
			t.Errorf("%s: %.3f years, want %g", tt.name, got, tt.want)
		}
	}
}

// matchCorpus: three candidates whose right order for the JD is known.
var matchCorpus = []*vitae.Resume{
	resume("strong", "Strong", "Northwind", "SRE Manager", "2015-01", "",
		"Ran Kubernetes clusters in production for 40 services",
		"Led a team of six site reliability engineers",
		"Wrote Terraform modules for every AWS account"),
	resume("partial", "Partial", "Contoso", "Platform Engineer", "2019-01", "",
		"Ran Kubernetes clusters in production for the payments team",
		"Automated deployments with Helm charts"),
	resume("weak", "Weak", "Fabrikam", "Nurse", "2010-01", "",
		"Supervised nurses on the night shift",
		"Reduced patient falls by a third"),
}

func TestMatchOrdersCandidates(t *testing.T) {
	ix := newIndexWith(t, matchCorpus)
	jd := "## Requirements\n- Run Kubernetes clusters in production\n- Lead a team of site reliability engineers\n\n## Nice to have\n- Terraform modules for AWS\n"
	res, err := ix.Match(context.Background(), Request{JobDescription: jd})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range res.Candidates {
		order = append(order, c.ResumeID)
	}
	if len(order) < 2 || order[0] != "strong" || order[1] != "partial" {
		t.Fatalf("order %v, want strong, partial, …", order)
	}
	if s := res.Candidates[0]; s.Coverage.Met != 3 || s.Coverage.MustMet != 2 || len(s.Missing) != 0 {
		t.Errorf("strong coverage: %+v missing %v", s.Coverage, s.Missing)
	}
	if p := res.Candidates[1]; p.Coverage.Met >= 3 || len(p.Missing) == 0 {
		t.Errorf("partial should miss requirements: %+v", p)
	}
}

// Must-have weighting: A has only the leadership evidence, B only the
// Terraform evidence; which one is the must-have decides the order.
func TestMustHaveWeightingFlipsOrder(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("a", "A", "X", "Manager", "2018", "", "Led a team of site reliability engineers"),
		resume("b", "B", "Y", "Engineer", "2018", "", "Wrote Terraform modules for AWS accounts"),
	}
	s := newIndexWith(t, corpus)
	first := func(jd string) string {
		res, err := s.Match(context.Background(), Request{JobDescription: jd})
		if err != nil || len(res.Candidates) == 0 {
			t.Fatalf("match: %v", err)
		}
		return res.Candidates[0].ResumeID
	}
	if got := first("## Requirements\n- Lead a team of site reliability engineers\n## Nice to have\n- Terraform modules for AWS accounts\n"); got != "a" {
		t.Errorf("leadership must-have: first %s, want a", got)
	}
	if got := first("## Requirements\n- Terraform modules for AWS accounts\n## Nice to have\n- Lead a team of site reliability engineers\n"); got != "b" {
		t.Errorf("terraform must-have: first %s, want b", got)
	}
}

var resume = searchtest.Resume

// newIndexWith indexes rs in a real index in a temporary directory, with
// the built-in embedder trained on their bullets, and returns a Matcher
// over the search engine on it.
func newIndexWith(tb testing.TB, rs []*vitae.Resume) *Matcher {
	tb.Helper()
	l := searchtest.Trained(tb, rs)
	eng := search.New(searchtest.Index(tb, l, rs), l, search.Options{SemanticRatio: 0.5})
	return New(eng, Options{SemanticRatio: 0.5})
}

// Role fit: the same evidence under different role titles; the JD's
// title decides the order, and without a title the role counts for nothing.
func TestRoleFitFollowsTitle(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", "Ran Kubernetes clusters in production"),
		resume("devops", "D", "Z", "DevOps Engineer", "2018", "", "Ran Kubernetes clusters in production"),
		resume("nurse", "N", "Y", "Nurse", "2018", "", "Ran Kubernetes clusters in production"),
	}
	s := newIndexWith(t, corpus)
	body := "## Requirements\n- Run Kubernetes clusters in production\n"
	res, err := s.Match(context.Background(), Request{JobDescription: "# Site Reliability Engineer\n" + body})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range res.Candidates {
		order = append(order, c.ResumeID)
		// Every role fit is the formula of its parts.
		ex, w := c.Explain, res.Weights
		if want := round3(roleFitOf(ex.RoleWords, ex.RoleWordsShare, ex.RoleSense, ex.TitleSearch, w)); ex.RoleFit != want {
			t.Errorf("%s: explain %+v, role fit %v, want %v", c.ResumeID, ex, ex.RoleFit, want)
		}
	}
	if !reflect.DeepEqual(order, []string{"sre", "devops", "nurse"}) {
		t.Fatalf("candidates %v, want sre, devops, nurse", order)
	}
	if got := res.Candidates[0].RoleFit; got != 1 {
		t.Errorf("sre role fit %v, want 1", got)
	}
	// A DevOps engineer's title shares only "engineer" with the JD's, but
	// the model reads it as near the role; a nurse's is neither, and the
	// same bullet answers the title as a search, which lifts role fit to
	// at most a quarter.
	devops, nurse := res.Candidates[1].Explain, res.Candidates[2].Explain
	if devops.RoleSense < 0.3 || devops.RoleFit <= devops.RoleWords/(1+res.Weights.RoleSense) {
		t.Errorf("devops explain %+v, want role sense ≥ 0.3 lifting role fit", devops)
	}
	if nurse.RoleWords != 0 || nurse.RoleSense != 0 || nurse.RoleFit > defaultWeights.TitleSearch {
		t.Errorf("nurse explain %+v, want title words and sense 0, role fit at most %v", nurse, defaultWeights.TitleSearch)
	}
	if res.Weights.RoleFit != defaultWeights.RoleFit || res.Weights.RoleSense != defaultWeights.RoleSense {
		t.Errorf("weights %+v, want role_fit %v and role_sense %v", res.Weights, defaultWeights.RoleFit, defaultWeights.RoleSense)
	}

	res, err = s.Match(context.Background(), Request{JobDescription: body})
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "" || res.Weights.TitleSearch != 0 || res.Weights.RoleSense != 0 || res.Weights.RoleFamily != 0 {
		t.Fatalf("untitled JD: title %q weights %+v, want title_search, role_sense and role_family 0", res.Title, res.Weights)
	}
	for _, c := range res.Candidates {
		if !c.Explain.RoleUnknown || c.RoleFit != unknownRoleFit {
			t.Errorf("untitled JD: %s role unknown %v, role fit %v; want unknown, %v", c.ResumeID, c.Explain.RoleUnknown, c.RoleFit, unknownRoleFit)
		}
	}
	if a, b := res.Candidates[0].Score, res.Candidates[1].Score; a != b {
		t.Errorf("untitled JD: scores %v and %v, want equal", a, b)
	}
}

// A skill the résumé lists but no bullet shows is partial evidence from
// the skills list; a bullet that shows it is strong.
func TestListedSkillIsPartialEvidence(t *testing.T) {
	lists := resume("lists", "L", "X", "Engineer", "2018", "", "Wrote the onboarding wiki pages")
	lists.Skills = []string{"Terraform"}
	corpus := []*vitae.Resume{
		resume("shows", "S", "Z", "Engineer", "2018", "", "Wrote Terraform modules for every AWS account", "Wrote the onboarding wiki pages"),
		lists,
		resume("bare", "B", "Y", "Engineer", "2018", "", "Wrote the onboarding wiki pages"),
	}
	s := newIndexWith(t, corpus)
	res, err := s.Match(context.Background(), Request{JobDescription: "## Requirements\n- Terraform modules\n- Onboarding wiki pages\n"})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Candidate{}
	var order []string
	for _, c := range res.Candidates {
		by[c.ResumeID] = c
		order = append(order, c.ResumeID)
	}
	if !slices.Equal(order, []string{"shows", "lists", "bare"}) {
		t.Errorf("order %v, want shows, lists, bare", order)
	}
	l := by["lists"]
	if len(l.Matched) == 0 || l.Matched[0].Requirement != "Terraform modules" || l.Matched[0].Level != "partial" || l.Matched[0].BulletID != "" {
		t.Errorf("a listed skill is partial evidence from the skills list: matched %+v", l.Matched)
	}
	if sh := by["shows"]; len(sh.Matched) == 0 || sh.Matched[0].Level != "strong" {
		t.Errorf("a bullet that shows the skill is strong evidence: matched %+v", sh.Matched)
	}
}

// A bullet that shows part of a requirement stays its evidence when the
// skills list also names the skill, though the list, undated, earns more
// credit than the old bullet: the bullet shows the work, the list claims it.
func TestListedSkillKeepsItsBullet(t *testing.T) {
	old := resume("old", "O", "X", "Engineer", "2010-01", "2012-06", "Tech used: Terraform, Docker, Go", "Wrote the onboarding wiki pages")
	old.Skills = []string{"Terraform"}
	lists := resume("lists", "L", "X", "Engineer", "2010-01", "2012-06", "Wrote the onboarding wiki pages")
	lists.Skills = []string{"Terraform"}
	rs := []*vitae.Resume{old, lists}
	emb := searchtest.Trained(t, rs)
	eng := search.New(searchtest.Index(t, emb, rs), emb, search.Options{SemanticRatio: 0.5})
	s := New(eng, Options{SemanticRatio: 0.5, RecencyHalfLife: 5, StrongGate: true})
	res, err := s.Match(context.Background(), Request{JobDescription: "## Requirements\n- Terraform\n- Onboarding wiki pages\n"})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Candidate{}
	for _, c := range res.Candidates {
		by[c.ResumeID] = c
	}
	o, l := by["old"], by["lists"]
	if len(o.Matched) == 0 || len(l.Matched) == 0 {
		t.Fatalf("matched: old %+v, lists %+v", o.Matched, l.Matched)
	}
	e := o.Matched[0]
	if e.Requirement != "Terraform" || e.BulletID == "" || !e.Listed || e.Level != "partial" {
		t.Errorf("the bullet is the evidence, marked listed: %+v", e)
	}
	if e.Recency >= 1 {
		t.Errorf("recency %v: the role ended in 2012", e.Recency)
	}
	if le := l.Matched[0]; le.BulletID != "" || le.Listed || e.Credit != le.Credit {
		t.Errorf("credit %v, want the skills list's %v (%+v)", e.Credit, le.Credit, le)
	}
	if want := "partial evidence: this bullet shows part of what the requirement asks, and the skill is in their skills list"; e.Plain != want {
		t.Errorf("plain %q, want %q", e.Plain, want)
	}
}
