package eval

import (
	"fmt"
	"slices"

	"vitae/match"
)

// GatePair is one labelled pair as the learned strong gate reads it.
type GatePair struct {
	Job    string
	X      []float64 // match.FeatureNames
	Pick   bool      // a strong pick of the rules the gate judges
	Strong bool      // labelled strong
}

// CurvePoint is strong precision and recall at one probability
// threshold; recall counts every pair labelled strong, picked or not,
// as `vitae eval --evidence` does.
type CurvePoint struct {
	At        float64 `json:"at"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Relevant  int     `json:"relevant"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// GateFit is a learned gate fitted on pairs: the model on all of them,
// its curve in sample and under cross-validation grouped by job (each
// job's pairs scored by a model fitted without them), the threshold
// chosen on that curve, and a nested estimate where each fold chooses
// its own threshold by an inner cross-validation of its training part.
type GateFit struct {
	Model    match.Logit
	InSample []CurvePoint
	CV       []CurvePoint
	At       float64    // the threshold chosen on the CV curve (choose)
	Nested   CurvePoint // At is the mean of the folds' thresholds
	FoldAts  []float64  // each outer fold's threshold
}

// Thresholds are the probabilities the curve is read at.
var Thresholds = []float64{0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95}

// minPicks is how many strong calls a threshold must keep to be chosen:
// a precision over a handful of calls says nothing.
const minPicks = 10

// minRecall is the train recall a fallback threshold keeps: about half of
// what the strong gate finds, which held out has been near 0.15.
const minRecall = 0.3

// FitGate fits the gate on pairs with L2 penalty l2 and chooses the
// threshold for strong precision ≥ target under job-grouped
// cross-validation.
func FitGate(pairs []GatePair, l2, target float64) (*GateFit, error) {
	m, err := fitPicks(pairs, l2)
	if err != nil {
		return nil, err
	}
	f := &GateFit{Model: m}
	f.InSample = curve(pairs, func(i int) float64 { return m.Prob(pairs[i].X) })
	oof, err := outOfFold(pairs, l2)
	if err != nil {
		return nil, err
	}
	f.CV = curve(pairs, func(i int) float64 { return oof[i] })
	f.At = choose(f.CV, target)
	// Nested: each job left out is scored at the threshold its training
	// part chooses by its own job-grouped cross-validation.
	got := make([]float64, len(pairs)) // 1: above its fold's threshold
	for _, job := range jobs(pairs) {
		var in []GatePair
		for _, p := range pairs {
			if p.Job != job {
				in = append(in, p)
			}
		}
		inner, err := outOfFold(in, l2)
		if err != nil {
			return nil, err
		}
		at := choose(curve(in, func(i int) float64 { return inner[i] }), target)
		f.FoldAts = append(f.FoldAts, at)
		for i, p := range pairs {
			if p.Job == job && oof[i] >= at {
				got[i] = 1
			}
		}
	}
	f.Nested = curve(pairs, func(i int) float64 { return got[i] }, 1)[0]
	f.Nested.At = 0
	for _, a := range f.FoldAts {
		f.Nested.At += a / float64(len(f.FoldAts))
	}
	return f, nil
}

// fitPicks fits the model on the strong picks of pairs.
func fitPicks(pairs []GatePair, l2 float64) (match.Logit, error) {
	var x [][]float64
	var y []bool
	for _, p := range pairs {
		if p.Pick {
			x, y = append(x, p.X), append(y, p.Strong)
		}
	}
	m, err := match.FitLogit(x, y, l2)
	if err != nil {
		return m, fmt.Errorf("fit the learned gate on %d picks: %w", len(x), err)
	}
	return m, nil
}

// outOfFold is each pair's probability under the model fitted without
// its job's pairs; 0 where the other jobs have no pick to fit.
func outOfFold(pairs []GatePair, l2 float64) ([]float64, error) {
	p := make([]float64, len(pairs))
	for _, job := range jobs(pairs) {
		var rest []GatePair
		picks := 0
		for _, q := range pairs {
			if q.Job != job {
				rest = append(rest, q)
				picks += b2i(q.Pick)
			}
		}
		if picks == 0 {
			continue
		}
		m, err := fitPicks(rest, l2)
		if err != nil {
			return nil, fmt.Errorf("fold %s: %w", job, err)
		}
		for i, q := range pairs {
			if q.Job == job {
				p[i] = m.Prob(q.X)
			}
		}
	}
	return p, nil
}

// jobs lists the jobs of pairs, sorted: the folds in one order.
func jobs(pairs []GatePair) []string {
	var js []string
	for _, p := range pairs {
		if !slices.Contains(js, p.Job) {
			js = append(js, p.Job)
		}
	}
	slices.Sort(js)
	return js
}

// curve reads strong precision and recall at each of ats (Thresholds by
// default), a pick being strong when prob(i) ≥ the threshold.
func curve(pairs []GatePair, prob func(i int) float64, ats ...float64) []CurvePoint {
	if ats == nil {
		ats = Thresholds
	}
	out := make([]CurvePoint, len(ats))
	for t, at := range ats {
		c := CurvePoint{At: at}
		for i, p := range pairs {
			if p.Strong {
				c.Relevant++
			}
			if p.Pick && prob(i) >= at {
				c.Predicted++
				if p.Strong {
					c.Correct++
				}
			}
		}
		if c.Predicted > 0 {
			c.Precision = float64(c.Correct) / float64(c.Predicted)
		}
		if c.Relevant > 0 {
			c.Recall = float64(c.Correct) / float64(c.Relevant)
		}
		out[t] = c
	}
	return out
}

// choose is the lowest threshold of a curve whose precision reaches
// target with at least minPicks calls; when none does, the threshold of
// the highest precision at a recall of minRecall or more (the gate that
// is nearest the target and still calls a useful share strong); 0 for
// none of either.
func choose(c []CurvePoint, target float64) float64 {
	for _, p := range c {
		if p.At > 0 && p.Predicted >= minPicks && p.Precision >= target {
			return p.At
		}
	}
	at, best := 0.0, 0.0
	for _, p := range c {
		if p.At > 0 && p.Recall >= minRecall && p.Precision > best {
			at, best = p.At, p.Precision
		}
	}
	return at
}

// DropOne is the job-grouped CV precision / recall at threshold at with
// each feature left out in turn (its column held at 0): what each adds.
func DropOne(pairs []GatePair, l2, at float64) ([]CurvePoint, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	out := make([]CurvePoint, len(pairs[0].X))
	for f := range out {
		ps := make([]GatePair, len(pairs))
		for i, p := range pairs {
			ps[i] = p
			ps[i].X = slices.Clone(p.X)
			ps[i].X[f] = 0
		}
		oof, err := outOfFold(ps, l2)
		if err != nil {
			return nil, err
		}
		out[f] = curve(ps, func(i int) float64 { return oof[i] }, at)[0]
	}
	return out, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
