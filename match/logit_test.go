package match

import (
	"math"
	"testing"
)

// TestFitLogit: the fit is deterministic, finds the sign of a feature
// that goes with the label and none for a constant one, and refuses rows
// it cannot fit.
func TestFitLogit(t *testing.T) {
	x := [][]float64{{0, 1, 3}, {0.2, 0, 3}, {0.4, 1, 3}, {0.5, 0, 3}, {0.6, 1, 3}, {0.8, 0, 3}, {0.9, 1, 3}, {1, 0, 3}}
	y := []bool{false, false, true, false, true, true, false, true}
	a, err := FitLogit(x, y, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := FitLogit(x, y, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Weights {
		if a.Weights[i] != b.Weights[i] {
			t.Errorf("weight %d: %v then %v: the fit is not deterministic", i, a.Weights[i], b.Weights[i])
		}
	}
	if a.Weights[0] <= 0 {
		t.Errorf("weight of the feature that rises with the label: %v, want > 0", a.Weights[0])
	}
	if a.Weights[2] != 0 || a.Scale[2] != 1 {
		t.Errorf("constant feature: weight %v scale %v, want 0 and 1", a.Weights[2], a.Scale[2])
	}
	if lo, hi := a.Prob([]float64{0, 0, 3}), a.Prob([]float64{1, 0, 3}); !(lo < 0.5 && hi > 0.5) {
		t.Errorf("Prob at the ends: %.3f, %.3f; want below and above 0.5", lo, hi)
	}
	strong, err := FitLogit(x, y, 100)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(strong.Weights[0]) >= math.Abs(a.Weights[0]) {
		t.Errorf("L2 100: weight %v, not below L2 0.1's %v", strong.Weights[0], a.Weights[0])
	}
	for name, c := range map[string]struct {
		x [][]float64
		y []bool
	}{
		"no rows":      {nil, nil},
		"labels short": {x, y[:3]},
		"ragged rows":  {[][]float64{{1, 2}, {1}}, []bool{true, false}},
	} {
		if _, err := FitLogit(c.x, c.y, 1); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
