package match

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestYearsSkills pins what counts as a years requirement naming a skill
// (stop 28): a lexicon skill written as a name in the clause the years
// phrase governs; a field written in lower case, a generic "experience"
// and a skill "or similar" name none, and count the whole career.
func TestYearsSkills(t *testing.T) {
	z := newAnalyzer(false)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"At least 5 years experience with Kubernetes", []string{"Kubernetes"}},
		{"Minimum of five years of Python experience", []string{"Python"}},
		{"5+ years of Go", []string{"Go"}},
		{"100+ years of Go experience", []string{"Go"}},
		{"3+ years of experience with AWS or GCP", []string{"AWS", "GCP"}},
		{"3+ years running k8s in production", []string{"Kubernetes"}},                   // a tool's shape
		{"AWS: 3+ years", []string{"AWS"}},                                               // a capital inside: a name anywhere
		{"Strong Python skills (5+ years)", []string{"Python"}},                          // the skill before the years
		{"5+ years of Go; Kafka a plus", []string{"Go"}},                                 // the years' sentence only
		{"5+ years of Go, 2+ years of Kafka", []string{"Go"}},                            // the first years phrase's
		{"5+ years of backend development, ideally with Kafka", nil},                     // an aside
		{"5+ years with cloud platforms (e.g. AWS, GCP)", nil},                           // examples of a field
		{"5+ years of experience", nil},                                                  // generic
		{"5+ years of professional experience", nil},                                     // generic
		{"5+ years in software engineering", nil},                                        // a field
		{"5+ years hardware development experience", nil},                                // a field (domain)
		{"2+ years of experience in test development and test automation", nil},          // a field
		{"3-5 years experience designing usable interfaces for desktop and mobile", nil}, // a field
		{"5+ years of Python or similar language", nil},                                  // any like skill
		{"5+ Years Of Python Experience", nil},                                           // Title Case: no capital tells
		{"Python: 5+ years", nil},                                                        // a sentence's capital, not a name's
		{"You have 5+ years of Professional Design Experience with startups", nil},       // no skill
	} {
		_, got := z.yearsSkills(tc.text)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("yearsSkills(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
}

// withSkills gives every bullet of r the skills a JSON Resume's skills
// section lists (ingest appends them to each bullet) and r the list.
func withSkills(r *vitae.Resume, skills ...string) *vitae.Resume {
	r.Skills = skills
	for i := range r.Bullets {
		r.Bullets[i].Skills = append(r.Bullets[i].Skills, skills...)
	}
	return r
}

// roles joins the bullets of several roles into one résumé (the first's ID).
func roles(rs ...*vitae.Resume) *vitae.Resume {
	out := rs[0]
	for _, r := range rs[1:] {
		for _, b := range r.Bullets {
			b.ResumeID, b.ID = out.ID, out.ID+"-"+b.ID
			out.Bullets = append(out.Bullets, b)
		}
	}
	return out
}

// TestSkillYears pins stop 28's finding: "At least 5 years experience with
// Kubernetes" counted a 2-year career's total years; it now counts the
// years of the dated roles whose bullets or title show Kubernetes, merged
// where they overlap, and names them. A role that only lists the skill
// (Bullet.Skills, from the skills section) or names it as the skill of
// people hired shows none; a résumé with no dated role stays unknown.
func TestSkillYears(t *testing.T) {
	corpus := []*vitae.Resume{
		// 9 years in all, Kubernetes in the last 2.
		roles(
			resume("recent", "R", "Northwind", "Platform Engineer", "2022-01", "2024-01", "Ran Kubernetes clusters in production for 40 services"),
			resume("recent-old", "R", "Contoso", "Software Engineer", "2015-01", "2021-12", "Built the billing service in Java"),
		),
		// Two overlapping roles with Kubernetes, merged: 2016-01..2024-01.
		roles(
			resume("long", "L", "Initech", "Consultant", "2019-01", "2024-01", "Ran Kubernetes clusters in production for 40 services"),
			resume("long-2", "L", "Fabrikam", "DevOps Engineer", "2016-01", "2020-01", "Migrated workloads to Kubernetes for three clients"),
		),
		// The title shows it; the bullet does not.
		resume("titled", "T", "Globex", "Kubernetes Administrator", "2017-01", "2024-01", "Ran the clusters in production for 40 services"),
		// Kubernetes only in the skills list and as the skill of people hired.
		withSkills(roles(
			resume("listed", "S", "Umbrella", "Engineering Manager", "2014-01", "2024-01", "Hired 3 Kubernetes engineers for the platform team"),
			resume("listed-2", "S", "Umbrella", "Engineer", "2010-01", "2013-12", "Ran clusters in production for 40 services"),
		), "Kubernetes"),
		// No dated role at all.
		resume("undated", "U", "Acme", "DevOps Engineer", "", "", "Ran Kubernetes clusters in production for 40 services"),
	}
	const jd = "## Requirements\n- At least 5 years experience with Kubernetes\n- Ran clusters in production\n"
	got := matchOne(t, corpus, jd)
	for _, tc := range []struct {
		id       string
		kind     string
		have     float64
		unknown  bool
		roles    []string
		note     string
		evidence string // the note beside the evidence
	}{
		{"recent", "skill", 2.08, false, []string{"Platform Engineer, Northwind (2022-01–2024-01)"}, "2.1 of 5 years of Kubernetes", "2.1 of 5 years of Kubernetes"},
		{"long", "skill", 8.08, false, []string{"Consultant, Initech (2019-01–2024-01)", "DevOps Engineer, Fabrikam (2016-01–2020-01)"}, "8.1 of 5 years of Kubernetes", "8.1 of 5 years of Kubernetes"},
		{"titled", "skill", 7.08, false, []string{"Kubernetes Administrator, Globex (2017-01–2024-01)"}, "7.1 of 5 years of Kubernetes", ""},
		{"listed", "skill", 0, false, nil, "0.0 of 5 years of Kubernetes: no dated role shows it", ""},
		{"undated", "skill", 0, true, nil, "years unknown: no role is dated (5 asked)", ""},
	} {
		c, ok := got[tc.id]
		if !ok {
			t.Errorf("%s: not ranked", tc.id)
			continue
		}
		if len(c.Explain.Years) != 1 {
			t.Errorf("%s: years checks %+v, want one", tc.id, c.Explain.Years)
			continue
		}
		y := c.Explain.Years[0]
		if y.Kind != tc.kind || math.Abs(y.Have-tc.have) > 0.05 || y.Unknown != tc.unknown || y.Note() != tc.note {
			t.Errorf("%s: years %+v (%q), want kind %s, %v years, unknown %v, %q", tc.id, y, y.Note(), tc.kind, tc.have, tc.unknown, tc.note)
		}
		if diff := cmp.Diff(tc.roles, y.Roles); diff != "" {
			t.Errorf("%s: roles (-want +got):\n%s", tc.id, diff)
		}
		if diff := cmp.Diff([]string{"Kubernetes"}, y.Skills); diff != "" {
			t.Errorf("%s: skills (-want +got):\n%s", tc.id, diff)
		}
		if ev := evidenceFor(c, "At least 5 years"); tc.evidence != "" && (ev == nil || ev.Years != tc.evidence) {
			t.Errorf("%s: evidence %+v, want years %q", tc.id, ev, tc.evidence)
		}
	}
	// The same strong bullet, as recent: the years of Kubernetes decide.
	if r, l := got["recent"], got["long"]; r.Explain.YearsFit >= l.Explain.YearsFit || r.Score >= l.Score {
		t.Errorf("2 years of Kubernetes: years fit %v, score %v; 8 years: %v, %v; want the 8 years first",
			r.Explain.YearsFit, r.Score, l.Explain.YearsFit, l.Score)
	}
}

// TestSkillYearsGenericStaysCareer: years of experience, of a field or of
// a skill "or similar" count the whole career, as before stop 28; and
// Options.CareerYears counts the career for a named skill too.
func TestSkillYearsGenericStaysCareer(t *testing.T) {
	r := roles(
		resume("c", "C", "Northwind", "Platform Engineer", "2022-01", "2024-01", "Ran Kubernetes clusters in production for 40 services"),
		resume("c-old", "C", "Contoso", "Software Engineer", "2015-01", "2021-12", "Built the billing service in Java"),
	)
	corpus := []*vitae.Resume{r}
	for _, req := range []string{
		"5+ years of professional experience running clusters in production",
		"5+ years in software engineering, running Kubernetes clusters",
		"5+ years of Kubernetes or similar container orchestration",
	} {
		c := matchOne(t, corpus, "## Requirements\n- "+req+"\n")["c"]
		if len(c.Explain.Years) != 1 || c.Explain.Years[0].Kind != "total" || c.Explain.Years[0].Have < 8.9 {
			t.Errorf("%q: years %+v, want the total career (9 years)", req, c.Explain.Years)
		}
	}
	l := searchtest.Trained(t, corpus)
	eng := search.New(searchtest.Index(t, l, corpus), l, search.Options{SemanticRatio: 0.5})
	res, err := New(eng, Options{SemanticRatio: 0.5, CareerYears: true}).Match(context.Background(),
		Request{JobDescription: "## Requirements\n- At least 5 years experience with Kubernetes\n"})
	if err != nil || len(res.Candidates) != 1 || len(res.Candidates[0].Explain.Years) != 1 {
		t.Fatalf("career years: %v, %+v", err, res)
	}
	if y := res.Candidates[0].Explain.Years[0]; y.Kind != "total" || y.Have < 8.9 {
		t.Errorf("career years: %+v, want the total career", y)
	}
	if y := res.Candidates[0].Explain.Years[0]; !strings.HasSuffix(y.Note(), "in all") {
		t.Errorf("career years: note %q, want \"… in all\"", y.Note())
	}
}
