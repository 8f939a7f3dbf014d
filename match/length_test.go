package match

import (
	"fmt"
	"math"
	"testing"
)

// TestLengthFactor pins the length factor: 1 up to length_from bullets,
// then (length_from / bullets)^length, and 1 when ablated.
func TestLengthFactor(t *testing.T) {
	off := defaultWeights
	off.Length = 0
	tests := []struct {
		name    string
		bullets int
		w       Weights
		want    float64
	}{
		{"no bullets", 0, defaultWeights, 1},
		{"at length_from", 10, defaultWeights, 1},
		{"40 bullets", 40, defaultWeights, math.Pow(0.25, 0.3)},
		{"100 bullets", 100, defaultWeights, math.Pow(0.1, 0.3)},
		{"ablated", 100, off, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lengthFactor(tt.bullets, tt.w); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("lengthFactor(%d) = %.4f, want %.4f", tt.bullets, got, tt.want)
			}
		})
	}
}

// TestLongResumeScoresLess: the same evidence, role fit and years in a
// résumé of many bullets scores less than in a short one, and its
// explain shows the factor in the adjustment.
func TestLongResumeScoresLess(t *testing.T) {
	sc := testScorer(t, "# Site Reliability Engineer\n## Requirements\n- Kubernetes clusters in production\n")
	texts := []string{"Ran Kubernetes clusters in production"}
	short := resume("short", "S", "X", "Site Reliability Engineer", "2020-01", "", texts...)
	for i := range 39 {
		texts = append(texts, fmt.Sprintf("Baked %d loaves of sourdough bread", i))
	}
	long := resume("long", "L", "X", "Site Reliability Engineer", "2020-01", "", texts...)
	role := roleScore{fit: 1, words: 1}
	cs, ok1 := sc.candidate(short, role)
	cl, ok2 := sc.candidate(long, role)
	if !ok1 || !ok2 || cs.Explain.Evidence != cl.Explain.Evidence || cs.Explain.Evidence <= 0 {
		t.Fatalf("short %+v, long %+v: want the same evidence", cs.Explain, cl.Explain)
	}
	if cs.Explain.Length != 1 || cs.Explain.Bullets != 1 {
		t.Errorf("short: length %v of %d bullets, want 1 of 1", cs.Explain.Length, cs.Explain.Bullets)
	}
	if want := round3(math.Pow(0.25, 0.3)); cl.Explain.Length != want || cl.Explain.Bullets != 40 {
		t.Errorf("long: length %v of %d bullets, want %v of 40", cl.Explain.Length, cl.Explain.Bullets, want)
	}
	if cl.Score >= cs.Score || cl.Explain.Adjustment != round3(cs.Explain.Adjustment*cl.Explain.Length) {
		t.Errorf("long score %v (adjustment %v), short %v (adjustment %v): want the long one lower by its length factor",
			cl.Score, cl.Explain.Adjustment, cs.Score, cs.Explain.Adjustment)
	}
}

// TestLengthFormula: the formula says how length came about, and never
// divides by no bullets.
func TestLengthFormula(t *testing.T) {
	off := defaultWeights
	off.Length = 0
	tests := []struct {
		bullets int
		w       Weights
		want    string
	}{
		{0, defaultWeights, "length = 1 (0 bullets, at most 10)"},
		{10, defaultWeights, "length = 1 (10 bullets, at most 10)"},
		{40, defaultWeights, "length = min(1, 10 / 40 bullets)^0.3"},
		{40, off, "length = 1 (not applied)"},
		{5, off, "length = 1 (5 bullets, at most 10)"}, // as Match says it: Fits and Match agree on short résumés
	}
	for _, tt := range tests {
		if got := lengthFormula(tt.bullets, tt.w); got != tt.want {
			t.Errorf("lengthFormula(%d) = %q, want %q", tt.bullets, got, tt.want)
		}
	}
}
