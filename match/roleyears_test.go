package match

import (
	"context"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// matchOne matches jd over corpus and returns the candidates by ID.
func matchOne(t *testing.T, corpus []*vitae.Resume, jd string) map[string]Candidate {
	t.Helper()
	res, err := newIndexWith(t, corpus).Match(context.Background(), Request{JobDescription: jd})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Candidate{}
	for _, c := range res.Candidates {
		out[c.ResumeID] = c
	}
	return out
}

// evidenceFor is c's evidence for the requirement starting with prefix.
func evidenceFor(c Candidate, prefix string) *Evidence {
	for i := range c.Matched {
		if strings.HasPrefix(c.Matched[i].Requirement, prefix) {
			return &c.Matched[i]
		}
	}
	return nil
}

// TestLeadingYearsAndRoles pins issue 14's second and fourth findings:
// strong evidence of leading says the years beside it ("0.0 of 5 years
// leading"), and a dated leadership role of the family the requirement
// names is strong evidence, shown as the role.
func TestLeadingYearsAndRoles(t *testing.T) {
	corpus := []*vitae.Resume{
		// Undated: the bullet leads people, the years are unknown.
		resume("undated", "U", "Acme", "Engineer", "", "", "Led a team of six site reliability engineers", "Ran Kubernetes in production for 40 services"),
		resume("manager", "M", "Northwind", "Engineering Manager, Infrastructure Engineering", "2015-01", "2021-05",
			"Ran Kubernetes in production for 40 services", "Planned the quarterly roadmap with finance"),
		resume("ic", "I", "Contoso", "Infrastructure Engineer", "2015-01", "2021-05",
			"Ran Kubernetes in production for 40 services", "Maintained the infrastructure of the payments platform"),
	}
	got := matchOne(t, corpus, "## Requirements\n- 5+ years leading a team of SREs or DevOps engineers\n- Kubernetes in production\n")
	ev := evidenceFor(got["undated"], "5+ years leading")
	if ev == nil || ev.Level != "strong" || ev.Years != "years unknown: no role is dated (5 asked)" {
		t.Errorf("undated leader: evidence %+v, want strong with \"years unknown: no role is dated (5 asked)\"", ev)
	}
	ev = evidenceFor(got["manager"], "5+ years leading")
	if ev == nil || ev.Level != "strong" || ev.Role != "Engineering Manager, Infrastructure Engineering" || ev.BulletID != "" {
		t.Errorf("infrastructure manager: evidence %+v, want strong from the role", ev)
	} else if !strings.HasPrefix(ev.Years, "6.") || !strings.HasSuffix(ev.Years, "of 5 years leading DevOps / SRE") {
		t.Errorf("infrastructure manager: years %q, want 6.x of 5 years leading DevOps / SRE", ev.Years)
	}
	if ev := evidenceFor(got["ic"], "5+ years leading"); ev != nil && ev.Level == "strong" {
		t.Errorf("infrastructure engineer: evidence %+v, want partial at most", ev)
	}
	if m, ic := got["manager"], got["ic"]; m.Score <= ic.Score {
		t.Errorf("manager scores %v, engineer %v: want the manager first", m.Score, ic.Score)
	}
}

// TestYearsOfTheRoleAsked pins issue 14's fifth finding: years asked for
// a named role count the roles whose title is of its family; years of a
// field or of a role "or similar" count the whole career (review 17);
// years of a skill count the roles that show it (stop 28,
// skillyears_test.go).
func TestYearsOfTheRoleAsked(t *testing.T) {
	pm := resume("pm", "P", "Northwind", "Product Manager", "2024-01", "", "Wrote product requirement documents for the billing app")
	pm.Bullets = append(pm.Bullets, resume("x", "P", "Contoso", "Software Engineer", "2000-01", "2023-12", "Wrote the billing service in Go").Bullets...)
	for _, tc := range []struct {
		jd, kind string
		lo, hi   float64
		role     string
	}{
		{"## Requirements\n- 5+ years as a product manager\n- Wrote product requirement documents\n", "role", 2, 4, "Product Manager, Northwind"},
		{"## Requirements\n- 3+ years in a product management role\n- Wrote product requirement documents\n", "role", 2, 4, "Product Manager, Northwind"},
		{"## Requirements\n- 5+ years product management experience\n- Wrote product requirement documents\n", "total", 20, 30, ""},
		{"## Requirements\n- 5+ years as a product manager or similar\n- Wrote product requirement documents\n", "total", 20, 30, ""},
		{"## Requirements\n- 5+ years of Go\n- Wrote product requirement documents\n", "skill", 20, 30, "Software Engineer, Contoso"},
	} {
		got := matchOne(t, []*vitae.Resume{pm}, tc.jd)["pm"]
		if len(got.Explain.Years) != 1 {
			t.Fatalf("%q: years checks %+v, want one", tc.jd, got.Explain.Years)
		}
		y := got.Explain.Years[0]
		if y.Kind != tc.kind || y.Have < tc.lo || y.Have > tc.hi || tc.role != "" && (len(y.Roles) != 1 || !strings.HasPrefix(y.Roles[0], tc.role)) {
			t.Errorf("%q: years %+v, want kind %s, %v..%v years, role %q", tc.jd, y, tc.kind, tc.lo, tc.hi, tc.role)
		}
	}
	// Options.CareerYears: the whole career, as before.
	corpus := []*vitae.Resume{pm}
	l := searchtest.Trained(t, corpus)
	eng := search.New(searchtest.Index(t, l, corpus), l, search.Options{SemanticRatio: 0.5})
	res, err := New(eng, Options{SemanticRatio: 0.5, CareerYears: true}).Match(context.Background(),
		Request{JobDescription: "## Requirements\n- 5+ years as a product manager\n- Wrote product requirement documents\n"})
	if err != nil || len(res.Candidates) != 1 || len(res.Candidates[0].Explain.Years) != 1 {
		t.Fatalf("career years: %v, %+v", err, res)
	}
	if y := res.Candidates[0].Explain.Years[0]; y.Kind != "total" || y.Have < 20 {
		t.Errorf("career years: %+v, want the total career", y)
	}
}

// TestYearsCapTakesTheCredit: with Options.YearsCap, strong evidence of
// leading without the years asked earns the years fit's share of its
// credit, and the evidence share of the score says so; without, the full.
func TestYearsCapTakesTheCredit(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("undated", "U", "Acme", "Engineer", "", "", "Led a team of six site reliability engineers", "Ran Kubernetes in production for 40 services"),
	}
	const jd = "## Requirements\n- 5+ years leading a team of SREs or DevOps engineers\n- Kubernetes in production\n"
	l := searchtest.Trained(t, corpus)
	eng := search.New(searchtest.Index(t, l, corpus), l, search.Options{SemanticRatio: 0.5})
	var full float64 // the evidence share without the cap
	for _, capped := range []bool{false, true} {
		res, err := New(eng, Options{SemanticRatio: 0.5, YearsCap: capped}).Match(context.Background(), Request{JobDescription: jd})
		if err != nil || len(res.Candidates) != 1 {
			t.Fatalf("cap %v: %v, %d candidates", capped, err, len(res.Candidates))
		}
		c := res.Candidates[0]
		ev := evidenceFor(c, "5+ years leading")
		if ev == nil || ev.Level != "strong" {
			t.Fatalf("cap %v: evidence %+v, want strong", capped, ev)
		}
		if !capped {
			full = c.Explain.Evidence
			if ev.Credit != 1 || full != 1 {
				t.Errorf("no cap: credit %v, evidence %v; want 1, 1", ev.Credit, full)
			}
			continue
		}
		// Undated, the years are unknown: the fit is unknownYearsFit.
		if ev.Credit != unknownYearsFit || c.Explain.Evidence >= full || c.Score >= 1 {
			t.Errorf("cap: credit %v, evidence %v (uncapped %v); want %v and less", ev.Credit, c.Explain.Evidence, full, unknownYearsFit)
		}
	}
}

// TestRoleAfterASkill: a role word after a skill phrase whose last word
// makes a role with it is that role: "group fitness instructor" is a
// fitness instructor, so a teacher's years are not a fitness trainer's
// (a tryout found a web-school teacher credited "6.1 of 3 years in such
// roles" for a personal-trainer job).
func TestRoleAfterASkill(t *testing.T) {
	z := newAnalyzer(false)
	const req = "3+ years of experience as a fitness trainer or group fitness instructor"
	fam := z.namedRoles(req)
	if fam["Teaching"] || !fam["Fitness Trainer"] {
		t.Fatalf("roles of %q: %v, want the fitness trainer's alone", req, fam)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		role string
		want bool
	}{
		{"Teacher", false},
		{"Personal Trainer", true},
		{"Group Fitness Instructor", true},
	} {
		b := vitae.Bullet{Section: vitae.SectionWork, Role: tt.role, Start: "2019-01", End: "2024-12", Text: "Ran sessions"}
		have, _ := z.roleYears([]vitae.Bullet{b}, now, fam)
		if got := have > 5; got != tt.want {
			t.Errorf("%s: %.1f years in such roles, want counted %v", tt.role, have, tt.want)
		}
	}
}

// TestNeverHeldTheRole: strong evidence for years in a role is partial
// when no dated role of the candidate is of that kind ("0.0 of 4 years in
// such roles" beside a tick, a tryout's find), and the coverage counts it
// so; the same bullet under the role's title stays strong.
func TestNeverHeldTheRole(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("pm", "P", "Northwind", "UX Designer", "2015-01", "2024-06", "Led UX efforts on business intelligence systems, designing data visualizations and end-user interactions"),
		resume("eng", "E", "Contoso", "Software Engineer", "2015-01", "2024-06", "Led UX efforts on business intelligence systems, designing data visualizations and end-user interactions"),
	}
	got := matchOne(t, corpus, "## Requirements\n- 4+ years of experience as a product designer or UX/UI designer\n- Data visualizations\n")
	for id, want := range map[string]string{"pm": "strong", "eng": "partial"} {
		c := got[id]
		strongs := map[string]int{"strong": 2, "partial": 1}[want] // the data visualizations are strong for both
		ev := evidenceFor(c, "4+ years of experience as a product designer")
		if ev == nil || ev.Level != want {
			t.Errorf("%s: evidence %+v, want %s", id, ev, want)
			continue
		}
		if c.Coverage.MustStrong != strongs || c.Coverage.Strong != strongs {
			t.Errorf("%s: coverage %+v, want %d must-haves strong", id, c.Coverage, strongs)
		}
	}
	if got["pm"].Score <= got["eng"].Score {
		t.Errorf("scores pm %v, eng %v: the designer should lead", got["pm"].Score, got["eng"].Score)
	}
}
