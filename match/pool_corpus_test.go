package match

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPoolHoldsWhoFitsBest pins a tryout's finding: over the corpus, the
// drone-deploy DevOps/SRE job left out of its whole top 100 a DevOps
// engineer whom the reverse direction (Fit, one résumé) scored as a top
// 5 candidate: the pool's order favours long résumés, and at 150 short
// profiles that fit the role fell outside it. Every résumé Fit scores
// above the match's 10th candidate is in the match, at the same score.
func TestPoolHoldsWhoFitsBest(t *testing.T) {
	m := corpusMatcher(t)
	dir, _ := corpusDir()
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "jobs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	jd := ""
	for _, line := range strings.Split(string(raw), "\n") {
		var j struct{ ID, Text string }
		if json.Unmarshal([]byte(line), &j) == nil && j.ID == "the31337-drone-deploy-devops-engineer-sre" {
			jd = j.Text
		}
	}
	if jd == "" {
		t.Fatal("no drone-deploy job in jobs.jsonl")
	}
	ctx := context.Background()
	res, err := m.Match(ctx, Request{JobDescription: jd, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) < 10 {
		t.Fatalf("%d candidates, want at least 10", len(res.Candidates))
	}
	tenth := res.Candidates[9].Score
	in := map[string]float64{}
	for _, c := range res.Candidates {
		in[c.ResumeID] = c.Score
	}
	// The three the pool of 150 left out (all three fit a DevOps/SRE job).
	for _, id := range []string{"captainigl00-resume", "aw1cks-curriculum-vitae", "horia-delicoti-cv"} {
		f, err := m.Fit(ctx, Request{JobDescription: jd}, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Candidates) != 1 {
			t.Errorf("%s: Fit found no evidence", id)
			continue
		}
		fit := f.Candidates[0].Score
		if fit <= tenth {
			continue
		}
		if got, ok := in[id]; !ok {
			t.Errorf("%s: Fit scores %.3f, above the match's 10th (%.3f), yet the match leaves it out", id, fit, tenth)
		} else if got != fit {
			t.Errorf("%s: match scores %.3f, Fit %.3f", id, got, fit)
		}
	}
}
