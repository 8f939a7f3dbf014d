package match

import (
	"context"
	"math"
	"testing"

	"vitae"
)

// TestRoleWeightsClamped: Core at or over 1, or NaN, and RoleEvidence NaN
// give finite scores; a titled JD none of whose requirements is core
// weighs as before (its weights were 0/0 at Core 1).
func TestRoleWeightsClamped(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("k8s", "K", "Z", "Site Reliability Engineer", "2020-01", "", "Ran Kubernetes clusters in production"),
		resume("tf", "T", "Y", "Registered Nurse", "2020-01", "", "Wrote Terraform modules for every AWS account"),
	}
	m := newIndexWith(t, corpus)
	noCore := "# Site Reliability Engineer\n## Requirements\n- Kubernetes in production\n- Terraform\n"
	withCore := "# Site Reliability Engineer\n## Requirements\n- Reliable Kubernetes in production\n- Terraform\n"
	off, err := New(m.b, Options{SemanticRatio: 0.5}).Match(context.Background(), Request{JobDescription: noCore})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, jd       string
		o              Options
		core, evidence float64
		sameAsOff      bool
	}{
		{"core 1, no core requirement", noCore, Options{Core: 1}, 0, 0, true},
		{"core +Inf, no core requirement", noCore, Options{Core: math.Inf(1)}, 0, 0, true},
		{"core NaN", withCore, Options{Core: math.NaN()}, 0, 0, false},
		{"core 1, a core requirement", withCore, Options{Core: 1}, maxCore, 0, false},
		{"core +Inf, a core requirement", withCore, Options{Core: math.Inf(1)}, maxCore, 0, false},
		{"role evidence NaN", noCore, Options{RoleEvidence: math.NaN()}, 0, 0, true},
		{"role evidence +Inf", noCore, Options{RoleEvidence: math.Inf(1)}, 0, 1, false},
	} {
		tt.o.SemanticRatio = 0.5
		res, err := New(m.b, tt.o).Match(context.Background(), Request{JobDescription: tt.jd})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if res.Weights.Core != tt.core || res.Weights.RoleEvidence != tt.evidence {
			t.Errorf("%s: core_weight %v, role_evidence %v; want %v, %v", tt.name, res.Weights.Core, res.Weights.RoleEvidence, tt.core, tt.evidence)
		}
		if len(res.Candidates) == 0 {
			t.Errorf("%s: no candidates", tt.name)
		}
		for i, c := range res.Candidates {
			if math.IsNaN(c.Score) || math.IsInf(c.Score, 0) || math.IsNaN(c.Explain.Evidence) {
				t.Errorf("%s: %s scores %v (evidence %v)", tt.name, c.ResumeID, c.Score, c.Explain.Evidence)
			}
			if tt.sameAsOff && (i >= len(off.Candidates) || c.Score != off.Candidates[i].Score) {
				t.Errorf("%s: %s scores %v, want as off", tt.name, c.ResumeID, c.Score)
			}
		}
	}
}

// TestRoleEvidenceOutsideRoles: evidence outside any work role (a
// summary) is read by the best of the résumé's work roles as role
// bullets are, from the title alone: an old SRE role's summary counts as
// that role's bullet would, not cut by the role's age.
func TestRoleEvidenceOutsideRoles(t *testing.T) {
	old := resume("old", "O", "X", "Site Reliability Engineer", "2004-01", "2007-12", "Kept the on-call rota fair")
	old.Bullets = append(old.Bullets, vitae.Bullet{ID: "old-s", ResumeID: "old", Person: "O", Section: vitae.SectionSummary, Text: "Ran Kubernetes clusters in production", Ref: "/basics/summary"})
	corpus := []*vitae.Resume{old, resume("fits", "F", "Z", "Site Reliability Engineer", "2020-01", "", "Ran Kubernetes clusters in production")}
	m := newIndexWith(t, corpus)
	res, err := New(m.b, Options{SemanticRatio: 0.5, RoleEvidence: 1, RecencyHalfLife: 5}).Match(context.Background(),
		Request{JobDescription: "# Site Reliability Engineer\n## Requirements\n- Run Kubernetes clusters in production\n"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Candidates {
		if c.ResumeID != "old" {
			continue
		}
		if len(c.Matched) != 1 || c.Matched[0].BulletID != "old-s" || c.Matched[0].RoleFit == nil {
			t.Fatalf("matched %+v, want the summary with its role fit", c.Matched)
		}
		if f := *c.Matched[0].RoleFit; f != 1 {
			t.Errorf("summary evidence: role fit %v (the résumé's role fit %v), want 1, its SRE role's", f, c.Explain.RoleFit)
		}
		return
	}
	t.Fatalf("candidates %+v: want old", res.Candidates)
}
