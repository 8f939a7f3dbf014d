package match

import (
	"context"
	"fmt"
	"testing"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// The JD ranked first and second candidates who lead no one, met
// "partially" by bullets that lead no people (issue 14, leading evidence).
const (
	leadSREs    = "5+ years leading a team of SREs or DevOps engineers"
	mentorsToo  = "Promoted a collaborative and empathetic team environment, fostering knowledge sharing, improving team morale, and mentoring junior engineers."
	ledProject  = "Led a datacentre migration to a new colocation, coordinating infrastructure changes while maintaining service continuity and unlocking power and cooling capacity for newer GPU clusters."
	costSavings = "As a cost saving measure, worked to remove older generation EC2 instances from terraform deployments. Moved DB clusters to AWS Graviton instances, taking advantage of better price performance. Also, eliminated the need for AWS Data Migration Service for syncing production data to lower environment by switching to pgsync an open source tool which could be run on existing infrastructure at no additional cost."
)

// TestLeadingPeopleOnlyByLeading: a requirement that asks for nothing but
// leading people of a role is met only by a bullet that leads people,
// under every rule set: leading a project or doing the role's work is no
// evidence, mentoring is partial, leading the people asked is strong. A
// requirement to lead people that asks for other work too is still met in
// part by that work.
func TestLeadingPeopleOnlyByLeading(t *testing.T) {
	tests := []struct {
		name, req, bullet string
		want              Level
	}{
		{"leads a project", leadSREs, ledProject, None},
		{"the role's work", leadSREs, costSavings, None},
		{"a role word", leadSREs, "Infrastructure Management as AWS Administartor", None},
		{"mentors", leadSREs, mentorsToo, Partial},
		{"leads the people asked", leadSREs, "Led a team of 5 SREs", Strong},
		{"the other work asked", "Lead your team to evaluate and analyze new technology and software for feasibility, impact, and viability",
			"Evaluated and analyzed new software for feasibility and impact", Partial},
	}
	for name, g := range ruleSets() {
		for _, tt := range tests {
			if got, score := g.Grade(tt.req, tt.bullet); got != tt.want {
				t.Errorf("%s: %s: %q ← %.40q is %v (score %.2f), want %v", name, tt.name, tt.req, tt.bullet, got, score, tt.want)
			}
		}
	}
}

// TestLeadingCreditFromLeading pins the issue JD's three cases on résumés
// cut from theirs: a people-leading requirement's credit comes from
// evidence of leading people. A bullet that only mentors earns a small
// credit, one that leads a project none, and a manager's title held
// (not of the field asked) is partial evidence in place of a bullet that
// leads no one; a leader of the people asked is strong.
func TestLeadingCreditFromLeading(t *testing.T) {
	const small = 0.25 // the most a candidate who leads no one earns
	ahmed := resume("ahmed", "A", "SecureKey", "Engineering Manager", "2019-05", "2021-10", "Planned the quarterly roadmap with finance")
	ahmed.Bullets = append(ahmed.Bullets, resume("ahmed", "A", "Wonolo", "Senior DevOps Engineer", "2021-11", "", costSavings, "Ran Kubernetes in production for 40 services").Bullets...)
	for i := range ahmed.Bullets {
		ahmed.Bullets[i].ID = fmt.Sprintf("ahmed-%d", i) // one résumé of two roles: one ID and ref each
		ahmed.Bullets[i].Ref = fmt.Sprintf("/work/%d/highlights/%d", min(i, 1), i)
	}
	corpus := []*vitae.Resume{
		resume("olive", "O", "Acme", "DevOps Engineer", "2021-01", "", mentorsToo, "Ran Kubernetes in production for 40 services"),
		resume("alex", "W", "Northwind", "Site Reliability Engineer", "2018-01", "", ledProject, "Ran Kubernetes in production for 40 services"),
		ahmed,
		resume("leader", "L", "Contoso", "SRE Manager", "2015-01", "", "Led a team of 6 SREs", "Ran Kubernetes in production for 40 services"),
	}
	l := searchtest.Trained(t, corpus)
	eng := search.New(searchtest.Index(t, l, corpus), l, search.Options{SemanticRatio: 0.5})
	const jd = "# Senior Site Reliability Engineering Manager\n## Requirements\n- " + leadSREs + "\n- Kubernetes in production\n"
	for name, opts := range map[string]Options{
		"default": {SemanticRatio: 0.5},
		"shipped": {SemanticRatio: 0.5, StrongGate: true, ContextEvidence: true},
	} {
		res, err := New(eng, opts).Match(context.Background(), Request{JobDescription: jd})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]*Evidence{}
		for _, c := range res.Candidates {
			got[c.ResumeID] = evidenceFor(c, "5+ years leading")
		}
		if ev := got["olive"]; ev == nil || ev.Text != mentorsToo || ev.Credit > small {
			t.Errorf("%s: mentors: evidence %+v, want the mentoring bullet at a credit of at most %v", name, ev, small)
		}
		if ev := got["alex"]; ev != nil {
			t.Errorf("%s: leads a project: evidence %+v, want none", name, ev)
		}
		if ev := got["ahmed"]; ev == nil || ev.BulletID != "" || ev.Role != "Engineering Manager" || ev.Level != "partial" {
			t.Errorf("%s: a manager's title held: evidence %+v, want the role Engineering Manager, partial", name, ev)
		}
		if ev := got["leader"]; ev == nil || ev.Level != "strong" {
			t.Errorf("%s: leads SREs: evidence %+v, want strong", name, ev)
		}
	}
}
