package match

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// fitJDs are stored jobs with a known order for the "strong" candidate
// of matchCorpus: the SRE job (every requirement), the platform job
// (one must-have of two), the nursing job (none), and one that no
// longer parses.
var fitJDs = []Job{
	{ID: "nurse", Title: "Night nurse", JobDescription: "# Nurse\n## Requirements\n- Reduced patient falls\n- Supervised nurses\n"},
	{ID: "sre", JobDescription: "# SRE Manager\n## Requirements\n- Run Kubernetes clusters in production\n- Lead a team of site reliability engineers\n## Nice to have\n- Terraform modules for AWS\n"},
	{ID: "broken", Title: "Broken", JobDescription: "{not json", Format: "json"},
	{ID: "platform", Title: "Platform engineer", JobDescription: "# Platform Engineer\n## Requirements\n- Automated deployments with Helm charts\n- Run Kubernetes clusters in production\n"},
}

// engineWith is newIndexWith that also returns the engine, to delete from.
func engineWith(tb testing.TB, rs []*vitae.Resume) (*search.Engine, *Matcher) {
	tb.Helper()
	l := searchtest.Trained(tb, rs)
	eng := search.New(searchtest.Index(tb, l, rs), l, search.Options{SemanticRatio: 0.5})
	return eng, New(eng, Options{SemanticRatio: 0.5})
}

// Fit scores a candidate as Match does: the same candidate, to the digit,
// for every candidate Match ranks.
func TestFitScoresAsMatch(t *testing.T) {
	_, m := engineWith(t, matchCorpus)
	ctx := context.Background()
	for _, j := range fitJDs[:2] {
		req := Request{JobDescription: j.JobDescription}
		res, err := m.Match(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Candidates) == 0 {
			t.Fatalf("%s: no candidates", j.ID)
		}
		for _, want := range res.Candidates {
			got, err := m.Fit(ctx, req, want.ResumeID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Candidates) != 1 {
				t.Fatalf("%s/%s: %d candidates, want 1", j.ID, want.ResumeID, len(got.Candidates))
			}
			if d := cmp.Diff(want, got.Candidates[0]); d != "" {
				t.Errorf("%s/%s: Fit differs from Match (-match +fit):\n%s", j.ID, want.ResumeID, d)
			}
			if d := cmp.Diff(res.Requirements, got.Requirements); d != "" || got.FitDefinition != res.FitDefinition || got.Weights != res.Weights {
				t.Errorf("%s: requirements, definition or weights differ:\n%s", j.ID, d)
			}
		}
	}
}

func TestFitsOrdersJobsAndKeepsBrokenOnes(t *testing.T) {
	eng, m := engineWith(t, matchCorpus)
	ctx := context.Background()
	fits, err := m.Fits(ctx, "strong", fitJDs)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, f := range fits {
		order = append(order, f.JobID)
	}
	if d := cmp.Diff([]string{"sre", "platform", "nurse", "broken"}, order); d != "" {
		t.Fatalf("order (-want +got):\n%s", d)
	}
	sre, platform, nurse, broken := fits[0], fits[1], fits[2], fits[3]
	if c := sre.Match.Candidates; sre.Title != "SRE Manager" || len(c) != 1 || c[0].Coverage.MustMet != 2 || c[0].Coverage.NiceMet != 1 || sre.Fit != c[0].Fit || !sre.MustEvident {
		t.Errorf("sre fit: %+v", sre)
	}
	if c := platform.Match.Candidates; len(c) != 1 || c[0].Coverage.MustMet < 1 || c[0].Coverage.MustMet == 2 && c[0].Coverage.Strong == 2 || platform.Fit >= sre.Fit {
		t.Errorf("platform fit: %d%%, %+v", platform.Fit, c)
	}
	if nurse.Match == nil || nurse.MustEvident || nurse.Fit != 0 || nurse.Title != "Night nurse" {
		t.Errorf("nurse fit: %+v", nurse)
	}
	if broken.Match != nil || broken.Error == "" {
		t.Errorf("a job that no longer parses keeps its error: %+v", broken)
	}

	// Erasure: a deleted résumé has no fits left.
	if err := eng.Delete(ctx, "strong"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fits(ctx, "strong", fitJDs); vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("Fits of a deleted résumé: %v, want not_found", err)
	}
	if _, err := m.Fit(ctx, Request{JobDescription: fitJDs[1].JobDescription}, "strong"); vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("Fit of a deleted résumé: %v, want not_found", err)
	}
	res, err := m.Match(ctx, Request{JobDescription: fitJDs[1].JobDescription})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Candidates {
		if c.ResumeID == "strong" {
			t.Errorf("a deleted résumé is still matched: %+v", c)
		}
	}
}

// TestFitsLeaveLengthOut: the length factor is the same for every job of
// one person, so Fits leaves it out; Fit, as Match, keeps it.
func TestFitsLeaveLengthOut(t *testing.T) {
	texts := []string{
		"Ran Kubernetes clusters in production for 40 services",
		"Led a team of six site reliability engineers",
		"Wrote Terraform modules for every AWS account",
	}
	for i := range 37 {
		texts = append(texts, fmt.Sprintf("Baked %d loaves of sourdough bread", i))
	}
	long := resume("long", "Long", "Northwind", "SRE Manager", "2015-01", "", texts...)
	_, m := engineWith(t, append([]*vitae.Resume{long}, matchCorpus[1:]...))
	ctx := context.Background()
	sre := fitJDs[1]
	one, err := m.Fit(ctx, Request{JobDescription: sre.JobDescription}, "long")
	if err != nil || len(one.Candidates) != 1 {
		t.Fatalf("Fit: %v, %+v", err, one)
	}
	fits, err := m.Fits(ctx, "long", []Job{sre})
	if err != nil || len(fits) != 1 || fits[0].Match == nil || len(fits[0].Match.Candidates) != 1 {
		t.Fatalf("Fits: %v, %+v", err, fits)
	}
	withLength, without := one.Candidates[0], fits[0].Match.Candidates[0]
	if withLength.Explain.Length >= 1 || withLength.Explain.Bullets != 40 {
		t.Errorf("Fit: length %v of %d bullets, want below 1 of 40", withLength.Explain.Length, withLength.Explain.Bullets)
	}
	if without.Explain.Length != 1 || fits[0].Match.Weights.Length != 0 || !strings.Contains(without.Explain.Formula, "length = 1 (not applied)") {
		t.Errorf("Fits: length %v, weight %v, formula %q: want the factor left out", without.Explain.Length, fits[0].Match.Weights.Length, without.Explain.Formula)
	}
	if without.Explain.Evidence != withLength.Explain.Evidence || fits[0].Fit <= withLength.Fit {
		t.Errorf("Fits: fit %d%% (evidence %v), Fit %d%% (evidence %v): want the same evidence, a higher fit",
			fits[0].Fit, without.Explain.Evidence, withLength.Fit, withLength.Explain.Evidence)
	}
}

// TestStoredTitleIsTheRole: a stored job whose description names no role
// is matched under the title it was stored with (role fit reads it); the
// description's own title wins over the stored one, and NewJob's stand-in
// title (the first requirement) names no role.
func TestStoredTitleIsTheRole(t *testing.T) {
	_, m := engineWith(t, matchCorpus)
	ctx := context.Background()
	text := "## Requirements\n- Run Kubernetes clusters in production\n- Lead a team of site reliability engineers\n"
	stand, err := NewJob("", text, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, title, want string
	}{
		{"no title given", text, "", ""},
		{"stored title", text, "SRE Manager", "SRE Manager"},
		{"the description's own", "# Platform Engineer\n" + text, "SRE Manager", "Platform Engineer"},
		{"stand-in title", text, stand.Title, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fits, err := m.Fits(ctx, "strong", []Job{{ID: "j", Title: tt.title, JobDescription: tt.text}})
			if err != nil || len(fits) != 1 || fits[0].Match == nil {
				t.Fatalf("Fits: %v, %+v", err, fits)
			}
			res := fits[0].Match
			if res.Title != tt.want || res.Weights.RoleFit != defaultWeights.RoleFit {
				t.Errorf("read as %q with role fit weight %v; want %q, weight %v", res.Title, res.Weights.RoleFit, tt.want, defaultWeights.RoleFit)
			}
			// No role named: every candidate's role fit is unknown, half
			// way, and the answer says so (a tryout's finding: with role
			// fit off, a role-less job topped everyone's list of fits).
			for _, c := range res.Candidates {
				if unknown := tt.want == ""; c.Explain.RoleUnknown != unknown || unknown && (c.RoleFit != unknownRoleFit || !strings.Contains(c.Explain.Formula, "names no role")) {
					t.Errorf("%s: role unknown %v, fit %v, formula %q; want unknown %v", c.ResumeID, c.Explain.RoleUnknown, c.RoleFit, c.Explain.Formula, unknown)
				}
				if got := Rescore(c.Explain, res.Weights); math.Abs(got-c.Score) > 0.002 {
					t.Errorf("%s: Rescore %v, score %v", c.ResumeID, got, c.Score)
				}
			}
		})
	}
}
