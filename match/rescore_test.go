package match

import (
	"context"
	"math"
	"testing"

	"vitae"
)

// Rescore gives back each answer's score from its explain under the
// answer's weights, moves with the weights the way step 7 says, and
// Order keeps every candidate with must-have evidence first.
func TestRescoreFollowsTheFormula(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", "Ran Kubernetes clusters in production"),
		resume("devops", "D", "Z", "DevOps Engineer", "2018", "", "Ran Kubernetes clusters in production", "Built CI/CD pipelines in Jenkins"),
		resume("nurse", "N", "Y", "Nurse", "2018", "", "Ran Kubernetes clusters in production", "Built CI/CD pipelines in Jenkins"),
	}
	s := newIndexWith(t, corpus)
	jd := "# Site Reliability Engineer\n## Requirements\n- Run Kubernetes clusters in production\n## Nice to have\n- Built CI/CD pipelines\n"
	res, err := s.Match(context.Background(), Request{JobDescription: jd})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) != 3 {
		t.Fatalf("%d candidates, want 3", len(res.Candidates))
	}
	for _, c := range res.Candidates {
		if got := Rescore(c.Explain, res.Weights); math.Abs(got-c.Score) > 0.0015 {
			t.Errorf("%s: rescored %v, answer %v (explain %+v)", c.ResumeID, got, c.Score, c.Explain)
		}
		// Without role fit and years the score is evidence × length.
		w := res.Weights
		w.RoleFit, w.Experience = 0, 0
		if got, want := Rescore(c.Explain, w), round3(c.Explain.Evidence*c.Explain.Length); math.Abs(got-want) > 0.0015 {
			t.Errorf("%s: no role fit, rescored %v, want evidence × length %v", c.ResumeID, got, want)
		}
	}
	// A role word no pooled title carries ("analytics"): role words
	// weigh their share, and the score is the one Rescore gives back.
	an, err := s.Match(context.Background(), Request{JobDescription: "# Analytics Engineer\n## Requirements\n- Run Kubernetes clusters in production\n"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range an.Candidates {
		ex := c.Explain
		if ex.RoleWordsShare <= 0 || ex.RoleWordsShare >= 1 {
			t.Errorf("%s: share %v, want between 0 and 1", c.ResumeID, ex.RoleWordsShare)
		}
		if got := Rescore(ex, an.Weights); math.Abs(got-c.Score) > 0.0015 {
			t.Errorf("%s: rescored %v, answer %v (explain %+v)", c.ResumeID, got, c.Score, ex)
		}
		if c.ResumeID == "sre" && ex.RoleWords == ex.RoleSense {
			t.Errorf("sre: role words %v equal role sense: the share cannot show", ex.RoleWords)
		}
	}

	// The nurse has more evidence than the SRE but no role fit: above
	// the SRE once role fit weighs nothing (devops, with the nurse's
	// evidence, ties her and is first by ID).
	w := res.Weights
	w.RoleFit = 0
	cs := append([]Candidate(nil), res.Candidates...)
	for i := range cs {
		cs[i].Score = Rescore(cs[i].Explain, w)
	}
	Order(cs)
	if rank := candidateRanks(cs); rank["nurse"] > rank["sre"] {
		t.Errorf("without role fit the SRE with less evidence ranks above the nurse: %v", rank)
	}

	// Must-have evidence first, whatever the score.
	cs = []Candidate{
		{ResumeID: "a", Score: 0.9},
		{ResumeID: "b", Score: 0.1, Explain: Explain{MustEvident: true}},
		{ResumeID: "c", Score: 0.1, Explain: Explain{MustEvident: true}},
	}
	Order(cs)
	if cs[0].ResumeID != "b" || cs[1].ResumeID != "c" || cs[2].ResumeID != "a" {
		t.Errorf("order %s %s %s, want b c a", cs[0].ResumeID, cs[1].ResumeID, cs[2].ResumeID)
	}
}

// candidateRanks is each candidate's place in cs.
func candidateRanks(cs []Candidate) map[string]int {
	rank := map[string]int{}
	for i, c := range cs {
		rank[c.ResumeID] = i
	}
	return rank
}
