package match

import (
	"context"
	"math"
	"testing"

	"vitae"
)

// TestRequirementWeightsAreShown pins ux22's finding that the evidence
// number could not be rebuilt from the answer: each requirement carries
// the weight it counts with, a requirement naming a role counts fully
// (the lexicon lookup used to miss role families such as DevOps / SRE),
// one naming no skill, tool or role counts × soft, and the evidence is
// Σ weight × credit / Σ weight over the answer's own numbers.
func TestRequirementWeightsAreShown(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("lead", "L", "Northwind", "Site Reliability Engineer", "2015-01", "2024-01",
			"Led a team of six site reliability engineers", "Ran Kubernetes in production for 40 services",
			"Known for clear written communication with stakeholders"),
	}
	jd := "## Requirements\n- 5+ years leading a team of SREs or DevOps engineers\n- Kubernetes in production\n- Excellent communication skills\n## Nice to have\n- Terraform\n"
	res, err := newIndexWith(t, corpus).Match(context.Background(), Request{JobDescription: jd})
	if err != nil {
		t.Fatal(err)
	}
	w := res.Weights
	want := []float64{w.MustHave, w.MustHave, w.MustHave * w.Soft, w.NiceToHave}
	if len(res.Requirements) != len(want) {
		t.Fatalf("requirements %+v, want %d", res.Requirements, len(want))
	}
	for i, r := range res.Requirements {
		if math.Abs(r.Weight-want[i]) > 1e-9 {
			t.Errorf("%q: weight %v, want %v", r.Text, r.Weight, want[i])
		}
	}
	if len(res.Candidates) == 0 {
		t.Fatal("no candidate")
	}
	c := res.Candidates[0]
	var sum, wsum float64
	for _, r := range res.Requirements {
		wsum += r.Weight
	}
	for _, e := range c.Matched {
		sum += res.Requirements[e.RequirementIndex].Weight * e.Credit
	}
	if got := sum / wsum; math.Abs(got-c.Explain.Evidence) > 0.002 {
		t.Errorf("Σ weight × credit / Σ weight = %.3f from the answer, explain.evidence %.3f", got, c.Explain.Evidence)
	}
}

// TestSpecificAsksARole pins review22a's fifth finding: a role the
// candidate works with is not a role asked of them, so the requirement
// still names no skill, tool or role of theirs and weighs × soft.
func TestSpecificAsksARole(t *testing.T) {
	z := newAnalyzer(false)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"5+ years leading a team of SREs or DevOps engineers", true},
		{"Experience as a product manager", true},
		{"Collaborate with our product manager", false},
		{"Collaborate with our product manager on the roadmap", true}, // the roadmap is a skill,
		{"Work closely with the data engineering team", false},
		{"A passion for complexity", false},
		{"Kubernetes in production", true},
	} {
		if got := z.requirement(tc.text).specific(); got != tc.want {
			t.Errorf("specific(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
