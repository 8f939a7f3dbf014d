package match

import (
	"math"
	"testing"
)

// TestPartialCredit pins the credit of partial evidence: flat with the
// default rules, rising linearly from partial_credit at partial_at to
// partial_credit_top at strong_at with the strict ones, and never past it.
func TestPartialCredit(t *testing.T) {
	strict := defaultWeights
	flat := defaultWeights
	flat.PartialCreditTop = flat.PartialCredit
	tests := []struct {
		name  string
		w     Weights
		score float64
		want  float64
	}{
		{"strict, at partial_at", strict, partialAt, 0.5},
		{"strict, half way", strict, (partialAt + strongAt) / 2, 0.5625},
		{"strict, at strong_at (one item of a list, met fully)", strict, strongAt, 0.625},
		{"strict, past strong_at", strict, 0.95, 0.625},
		{"strict, below partial_at (skills list)", strict, 0.1, 0.5},
		{"default rules, near strong_at", flat, 0.69, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (scorer{w: tt.w}).partialCredit(tt.score); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("partialCredit(%.3f) = %.4f, want %.4f", tt.score, got, tt.want)
			}
		})
	}
}

// TestAdjustmentNotBelowZero: role fit and years take off at most all of
// the score; a candidate with neither scores 0, not below (a negative
// score would rank more evidence lower). The weights are those before
// stop 21, whose sum (1.05) the floor is for: the defaults (0.85) never
// reach it, but eval --loo's grid holds such sums.
func TestAdjustmentNotBelowZero(t *testing.T) {
	sc := testScorer(t, "# Site Reliability Engineer\n## Requirements\n- 10+ years running Kubernetes clusters in production\n")
	sc.w.RoleFit, sc.w.Experience = 0.9, 0.15
	// Half a year of the ten asked; a nurse: no role fit.
	r := resume("nurse", "N", "Y", "Nurse", "2024-01", "2024-06", "Ran Kubernetes clusters in production")
	c, ok := sc.candidate(r, roleScore{})
	if !ok || c.Explain.Evidence <= 0 {
		t.Fatalf("candidate %+v, %v: want evidence", c, ok)
	}
	if c.Explain.YearsFit > 0.1 || c.Explain.Adjustment != 0 || c.Score != 0 || c.Fit != 0 {
		t.Errorf("explain %+v, score %v, fit %d: want years fit ≤ 0.1, adjustment 0, score 0", c.Explain, c.Score, c.Fit)
	}
}

// testScorer is a scorer of a job description by the default rules and
// weights, as a Matcher without a backend would make it.
func testScorer(t *testing.T, jd string) scorer {
	t.Helper()
	parsed, err := ParseJD(jd, "")
	if err != nil {
		t.Fatal(err)
	}
	z := newAnalyzer(false)
	sc := scorer{jd: parsed, w: defaultWeights, z: z, levels: true}
	for _, rq := range parsed.Requirements {
		sc.reqs = append(sc.reqs, z.requirement(rq.Text))
	}
	return sc
}
