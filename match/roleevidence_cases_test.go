package match

import (
	"math"
	"testing"

	"vitae"
)

// TestRoleEvidenceReadBy: evidence outside any work role — a summary, a
// project under a role title, the skills list — is read by the résumé's
// work roles, never by a title outside work and never as a fit of 1: a
// nurse's summary, a nurse's SRE side project and a nurse's listed
// Kubernetes each count × the nurse role's fit.
func TestRoleEvidenceReadBy(t *testing.T) {
	nurse := func(id string) *vitae.Resume {
		return resume(id, id, "Ward", "Registered Nurse", "2020-01", "", "Planned the ward rota for the night shift")
	}
	summary, project, listed := nurse("summary"), nurse("project"), nurse("listed")
	summary.Bullets = append(summary.Bullets, vitae.Bullet{ID: "summary-s", ResumeID: "summary", Person: "summary", Section: vitae.SectionSummary,
		Text: "Ran Kubernetes clusters in production", Ref: "/basics/summary"})
	project.Bullets = append(project.Bullets, vitae.Bullet{ID: "project-p", ResumeID: "project", Person: "project", Section: vitae.SectionProject,
		Role: "Site Reliability Engineer", Text: "Ran Kubernetes clusters in production", Ref: "/projects/0/highlights/0"})
	listed.Skills = []string{"Kubernetes"}
	corpus := []*vitae.Resume{summary, project, listed,
		resume("fits", "F", "Z", "Site Reliability Engineer", "2020-01", "", "Ran Kubernetes clusters in production")}
	m := newIndexWith(t, corpus)
	jd := "# Site Reliability Engineer\n## Requirements\n- Kubernetes clusters in production\n- Ward rota planning\n"
	off, on := matchWith(t, m, Options{}, jd), matchWith(t, m, Options{RoleEvidence: 1}, jd)
	first := func(res *Result, id string) *Evidence {
		for _, c := range res.Candidates {
			for i, e := range c.Matched {
				if c.ResumeID == id && e.RequirementIndex == 0 {
					return &c.Matched[i]
				}
			}
		}
		return nil
	}
	for _, id := range []string{"summary", "project", "listed"} {
		before, after := first(off, id), first(on, id)
		if before == nil || after == nil || after.RoleFit == nil {
			t.Errorf("%s: evidence off %+v, on %+v; want both, on with its role fit", id, before, after)
			continue
		}
		if *after.RoleFit >= 0.5 {
			t.Errorf("%s: %q read with role fit %v, want the nurse role's (below 0.5)", id, after.Text, *after.RoleFit)
		}
		if want := before.Credit * *after.RoleFit; math.Abs(after.Credit-want) > 0.002 {
			t.Errorf("%s: %q credit %v, want %v × %v = %v", id, after.Text, after.Credit, before.Credit, *after.RoleFit, want)
		}
	}
	if e := first(on, "listed"); e != nil && e.Text != "Skills: Kubernetes" {
		t.Errorf("listed: evidence %q, want the skills list", e.Text)
	}
}

// TestRoleCoresLeaveTheParse: roleCores marks core on the answer's
// requirements, a copy: the parsed JD's, which the answer starts from,
// stay as parsed.
func TestRoleCoresLeaveTheParse(t *testing.T) {
	jd, err := ParseJD("# Data Engineer\n## Requirements\n- Build data pipelines\n- Written communication\n", "")
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{Requirements: jd.Requirements}
	sc := scorer{w: Weights{Core: 0.6}}
	roleCores(jd, &sc, res)
	if len(res.Requirements) != 2 || !res.Requirements[0].Core || res.Requirements[1].Core {
		t.Fatalf("answer's requirements %+v, want the first core", res.Requirements)
	}
	for _, rq := range jd.Requirements {
		if rq.Core {
			t.Errorf("parsed requirement %q marked core", rq.Text)
		}
	}
}
