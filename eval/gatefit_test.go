package eval

import (
	"fmt"
	"math"
	"testing"
)

// gatePairs: four jobs whose picks are strong when their first feature is
// high; the second feature is noise; one labelled strong pair is no pick.
func gatePairs() []GatePair {
	var ps []GatePair
	for j := range 4 {
		for i := range 10 {
			x := float64(i) / 10
			ps = append(ps, GatePair{Job: fmt.Sprint("job", j), X: []float64{x, float64((i * 7) % 3)}, Pick: true, Strong: x >= 0.5})
		}
		ps = append(ps, GatePair{Job: fmt.Sprint("job", j), X: []float64{0, 0}, Strong: true})
	}
	return ps
}

// TestFitGate: at threshold 0 the curve is the picks' own precision and
// recall; a separable feature reaches the target under job-grouped
// cross-validation, so the chosen threshold is above 0, and the nested
// estimate chooses in every fold; recall counts the strong pair that is
// no pick.
func TestFitGate(t *testing.T) {
	f, err := FitGate(gatePairs(), 0.1, 0.85)
	if err != nil {
		t.Fatal(err)
	}
	if c := f.CV[0]; c.Predicted != 40 || c.Correct != 20 || c.Relevant != 24 {
		t.Errorf("at 0: %+v, want 40 picks, 20 right, 24 strong", c)
	}
	if f.At <= 0 {
		t.Fatalf("no threshold chosen: %+v", f.CV)
	}
	var at CurvePoint
	for _, c := range f.CV {
		if c.At == f.At {
			at = c
		}
	}
	if at.Precision < 0.85 || at.Predicted < minPicks {
		t.Errorf("chosen %.2f: %+v, want precision ≥ 0.85 over ≥ %d calls", f.At, at, minPicks)
	}
	if len(f.FoldAts) != 4 || f.Nested.Precision < 0.85 || f.Nested.Recall > 20.0/24 {
		t.Errorf("nested: %+v over %v", f.Nested, f.FoldAts)
	}
	again, err := FitGate(gatePairs(), 0.1, 0.85)
	if err != nil {
		t.Fatal(err)
	}
	if again.Model.Bias != f.Model.Bias || again.Model.Weights[0] != f.Model.Weights[0] {
		t.Error("two fits of the same pairs differ")
	}
}

// TestChoose: the lowest threshold reaching the target with enough calls;
// else the most precise one keeping minRecall; else 0.
func TestChoose(t *testing.T) {
	c := []CurvePoint{
		{At: 0, Precision: 0.5, Recall: 0.6, Predicted: 100},
		{At: 0.5, Precision: 0.7, Recall: 0.4, Predicted: 50},
		{At: 0.6, Precision: 0.8, Recall: 0.31, Predicted: 30},
		{At: 0.7, Precision: 0.9, Recall: 0.1, Predicted: 5},
	}
	if got := choose(c, 0.85); got != 0.6 {
		t.Errorf("no point reaches 0.85 with %d calls: got %.2f, want 0.6 (most precise at recall ≥ %.1f)", minPicks, got, minRecall)
	}
	if got := choose(c, 0.75); got != 0.6 {
		t.Errorf("target 0.75: got %.2f, want 0.6", got)
	}
	if got := choose(c[3:], 0.95); got != 0 {
		t.Errorf("nothing keeps the recall: got %.2f, want 0", got)
	}
	// The first rule: 0.5 reaches 0.85 with 20 calls, so it is chosen over
	// the more precise 0.6.
	reach := []CurvePoint{
		{At: 0, Precision: 0.6, Recall: 0.5, Predicted: 40},
		{At: 0.5, Precision: 0.86, Recall: 0.35, Predicted: 20},
		{At: 0.6, Precision: 0.95, Recall: 0.32, Predicted: 12},
	}
	if got := choose(reach, 0.85); got != 0.5 {
		t.Errorf("0.5 reaches 0.85 with 20 calls: got %.2f, want 0.5", got)
	}
	// Too few calls at 0.5: the next threshold that reaches it with enough.
	reach[1].Predicted = minPicks - 1
	if got := choose(reach, 0.85); got != 0.6 {
		t.Errorf("0.5 reaches 0.85 with %d calls: got %.2f, want 0.6 (12 calls)", minPicks-1, got)
	}
}

// TestOutOfFold: each job has a feature of its own that tells its strong
// pairs from the rest, so a model that has seen the job separates them
// and one that has not cannot. Each pair is scored by the fit on the
// other jobs' pairs alone, and the CV curve falls below the in-sample one.
func TestOutOfFold(t *testing.T) {
	const jobs = 4
	var ps []GatePair
	for j := range jobs {
		for i := range 10 {
			x := make([]float64, jobs)
			if i >= 5 {
				x[j] = 1
			}
			ps = append(ps, GatePair{Job: fmt.Sprint("job", j), X: x, Pick: true, Strong: i >= 5})
		}
	}
	oof, err := outOfFold(ps, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	for j := range jobs {
		job := fmt.Sprint("job", j)
		var rest []GatePair
		for _, p := range ps {
			if p.Job != job {
				rest = append(rest, p)
			}
		}
		m, err := fitPicks(rest, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range ps {
			if p.Job == job && math.Abs(oof[i]-m.Prob(p.X)) > 1e-12 {
				t.Errorf("pair %d of %s: %.4f out of fold, %.4f by the fit without %s", i, job, oof[i], m.Prob(p.X), job)
			}
		}
	}
	f, err := FitGate(ps, 0.1, 0.85)
	if err != nil {
		t.Fatal(err)
	}
	in, cv := f.InSample[3], f.CV[3] // at 0.5
	if in.At != 0.5 || in.Precision != 1 || in.Predicted != 20 || cv.Precision > 0.5 {
		t.Errorf("at 0.5: in sample %+v, CV %+v; want every strong in sample and no better than chance out of fold", in, cv)
	}
}

// TestFitGateNestedAtThreshold: a pick whose probability is exactly its
// fold's threshold is called strong, as the curves call it (prob ≥ at).
// Only job a has picks: held out, its pairs read 0 (no other job's picks
// to fit) and its fold chooses 0 (its training part has no pick), so
// each of its picks sits exactly at the threshold.
func TestFitGateNestedAtThreshold(t *testing.T) {
	pairs := []GatePair{
		{Job: "a", X: []float64{0.9}, Pick: true, Strong: true},
		{Job: "a", X: []float64{0.8}, Pick: true, Strong: true},
		{Job: "a", X: []float64{0.1}, Pick: true},
		{Job: "b", X: []float64{0.7}, Strong: true},
		{Job: "b", X: []float64{0.2}},
	}
	f, err := FitGate(pairs, 1, 0.85)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.FoldAts) != 2 || f.FoldAts[0] != 0 {
		t.Fatalf("fixture: fold thresholds %v, want job a's at 0", f.FoldAts)
	}
	if n := f.Nested; n.Predicted != 3 || n.Correct != 2 || n.Relevant != 3 {
		t.Errorf("nested: %+v, want job a's 3 picks at its threshold called strong, 2 right, 3 strong", n)
	}
}
