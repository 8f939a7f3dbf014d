package eval_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/eval"
	"vitae/search"
	"vitae/search/searchtest"
)

func TestFitPairwise(t *testing.T) {
	// Signal 0 orders every query's grades, signal 1 reverses them,
	// signal 2 is the same for every candidate.
	q := func(xs ...[3]float64) []eval.Example {
		var out []eval.Example
		for g, x := range xs {
			out = append(out, eval.Example{Grade: g, Signals: x[:]})
		}
		return out
	}
	data := [][]eval.Example{
		q([3]float64{0.1, 0.9, 0.5}, [3]float64{0.5, 0.4, 0.5}, [3]float64{0.9, 0.2, 0.5}),
		q([3]float64{0.0, 1.0, 0.3}, [3]float64{0.7, 0.1, 0.3}),
	}
	for _, tc := range []struct {
		name   string
		lambda float64
	}{{"light L2", 0.001}, {"heavy L2", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			w := eval.FitPairwise(data, tc.lambda, 300)
			if len(w) != 3 {
				t.Fatalf("%d weights, want 3", len(w))
			}
			if w[0] <= 0 || w[1] >= 0 || w[2] != 0 {
				t.Errorf("weights %v: want the ordering signal up, the reversed one down, the constant one 0", w)
			}
			if again := eval.FitPairwise(data, tc.lambda, 300); !cmp.Equal(w, again) {
				t.Errorf("not deterministic: %v then %v", w, again)
			}
		})
	}
	light, heavy := eval.FitPairwise(data, 0.001, 300), eval.FitPairwise(data, 1, 300)
	if heavy[0] >= light[0] {
		t.Errorf("L2 1 gives weight %g, 0.001 gives %g: want it shrunk", heavy[0], light[0])
	}
	if w := eval.FitPairwise([][]eval.Example{{{Grade: 1, Signals: []float64{1}}}}, 0.01, 10); !cmp.Equal(w, []float64{0}) {
		t.Errorf("no pairs: %v, want zeros", w)
	}
}

func TestFolds(t *testing.T) {
	var qs []eval.Query
	for i := range 6 {
		qs = append(qs, eval.Query{ID: fmt.Sprint("s", i), Family: "skill"}, eval.Query{ID: fmt.Sprint("l", i), Family: "leadership"})
	}
	got := eval.Folds(qs, 3)
	var ids [][]string
	for _, f := range got {
		var fold []string
		for _, q := range f {
			fold = append(fold, q.ID)
		}
		ids = append(ids, fold)
	}
	want := [][]string{{"s0", "l0", "s3", "l3"}, {"s1", "l1", "s4", "l4"}, {"s2", "l2", "s5", "l5"}}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("folds (-want +got):\n%s", diff)
	}
}

// Cross-validation on a real engine: every query is measured once, by the
// parameters fitted without its fold.
func TestCrossValidate(t *testing.T) {
	rs := threeResumes()
	l := searchtest.Trained(t, rs)
	ix := searchtest.Index(t, l, rs)
	var qs []eval.Query
	for i, tc := range []struct{ text, ref string }{
		{"site reliability engineers", "ann#/work/0/highlights/0"},
		{"billing service", "bo#/work/0/highlights/0"},
		{"cloud costs", "bo#/work/0/highlights/1"},
		{"sales figures", "cy#/work/0/highlights/0"},
	} {
		qs = append(qs, eval.Query{ID: fmt.Sprint(i), Query: tc.text, Family: "skill", Judgments: []eval.Judgment{{Ref: tc.ref, Grade: 2}}})
	}
	var fitted [][]string
	cv := eval.CrossValidation{
		Folds: 2, Mode: vitae.ModeHybrid, SemanticRatio: 0.5,
		Fit: func(_ context.Context, train []eval.Query) ([]float64, error) {
			var ids []string
			for _, q := range train {
				ids = append(ids, q.ID)
			}
			fitted = append(fitted, ids)
			return search.DefaultWeights.Values(), nil
		},
		Build: func(p []float64) vitae.Searcher {
			return search.New(ix, l, search.Options{Weights: search.WeightsOf(p)})
		},
	}
	score, params, err := eval.CrossValidate(context.Background(), cv, qs)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"1", "3"}, {"0", "2"}}, fitted); diff != "" {
		t.Errorf("training folds (-want +got):\n%s", diff)
	}
	if len(params) != 2 {
		t.Errorf("%d folds' parameters, want 2", len(params))
	}
	if score < 0.99 {
		t.Errorf("nDCG@10 %.3f: each query's one relevant bullet should rank first", score)
	}
	cv.Folds = 5
	if _, _, err := eval.CrossValidate(context.Background(), cv, qs); err == nil {
		t.Error("5 folds of 4 queries: want an error")
	}
}
