package eval

import (
	"context"
	"fmt"
	"math"

	"vitae"
)

// Tuning searches the parameters of a ranking for the best mean nDCG@10
// on a set of queries by coordinate ascent: each parameter in turn is
// moved up and down by a step while that improves the mean, the steps
// shrinking from Steps[0] to the last; Rounds passes over the parameters.
type Tuning struct {
	Names  []string
	Start  []float64
	Steps  []float64 // default 0.5, 0.2, 0.1, 0.05
	Rounds int       // default 3
	Mode   vitae.Mode
	// SemanticRatio is passed with every query (hybrid needs both
	// retrievers' candidates).
	SemanticRatio float64
	// Build returns a searcher ranking with the given parameters (in the
	// order of Names).
	Build func(params []float64) vitae.Searcher
	// Progress, when set, is told each improvement.
	Progress func(params []float64, ndcg float64)
}

// Tune runs the coordinate ascent and returns the best parameters and
// their mean nDCG@10. Parameters stay at or above zero.
func Tune(ctx context.Context, t Tuning, queries []Query) ([]float64, float64, error) {
	if len(queries) == 0 {
		return nil, 0, fmt.Errorf("tune: no queries")
	}
	if len(t.Steps) == 0 {
		t.Steps = []float64{0.5, 0.2, 0.1, 0.05}
	}
	if t.Rounds <= 0 {
		t.Rounds = 3
	}
	best := append([]float64(nil), t.Start...)
	bestScore, err := meanNDCG(ctx, t.Build(best), queries, t)
	if err != nil {
		return nil, 0, err
	}
	for round := 0; round < t.Rounds; round++ {
		improved := false
		for _, step := range t.Steps {
			for i := range best {
				for _, d := range []float64{step, -step} {
					try := append([]float64(nil), best...)
					try[i] = max(0, try[i]+d)
					if try[i] == best[i] {
						continue
					}
					score, err := meanNDCG(ctx, t.Build(try), queries, t)
					if err != nil {
						return nil, 0, err
					}
					if score > bestScore+1e-9 {
						best, bestScore, improved = try, score, true
						if t.Progress != nil {
							t.Progress(best, bestScore)
						}
					}
				}
			}
		}
		if !improved {
			break
		}
	}
	return best, bestScore, nil
}

// meanNDCG is Evaluate's nDCG@10 without its index checks: the tuner
// runs it hundreds of times on the same set.
func meanNDCG(ctx context.Context, s vitae.Searcher, queries []Query, t Tuning) (float64, error) {
	var sum float64
	for _, q := range queries {
		res, err := s.Search(ctx, vitae.Query{Text: q.Query, Mode: t.Mode, SemanticRatio: t.SemanticRatio, Limit: 50}) // as Evaluate asks: the reranked head is the same
		if err != nil {
			return 0, fmt.Errorf("query %s: %w", q.ID, err)
		}
		ranked := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ranked[i] = h.ResumeID + "#" + h.Ref
		}
		grades := make(map[string]int, len(q.Judgments))
		for _, j := range q.Judgments {
			grades[j.Ref] = j.Grade
		}
		sum += Score(ranked, grades).NDCG10
	}
	return sum / float64(len(queries)), nil
}

// Example is one candidate a ranking scored for a query: its grade (0
// when unjudged) and its signals.
type Example struct {
	Grade   int
	Signals []float64
}

// FitPairwise learns the weights of a linear ranking from graded
// candidates (RankNet with a linear score): it minimises the logistic
// loss of every pair a query's grades order, each pair weighted by its
// gain difference (2^g − 1) and each query's pairs summing to one, so
// every query counts the same, plus lambda·|w|²/2. A smooth loss over
// all pairs overfits a few dozen queries less than coordinate ascent on
// nDCG does (docs/quality.md). Plain gradient descent from zero; the
// result depends only on the examples.
func FitPairwise(queries [][]Example, lambda float64, iters int) []float64 {
	dim := 0
	for _, q := range queries {
		for _, e := range q {
			dim = max(dim, len(e.Signals))
		}
	}
	type pair struct {
		diff   []float64
		weight float64
	}
	var sets [][]pair
	for _, q := range queries {
		var ps []pair
		var total float64
		for _, a := range q {
			for _, b := range q {
				if a.Grade <= b.Grade {
					continue
				}
				d := make([]float64, dim)
				for k := range d {
					d[k] = at(a.Signals, k) - at(b.Signals, k)
				}
				wt := math.Exp2(float64(a.Grade)) - math.Exp2(float64(b.Grade))
				ps = append(ps, pair{d, wt})
				total += wt
			}
		}
		for i := range ps {
			ps[i].weight /= total
		}
		if len(ps) > 0 {
			sets = append(sets, ps)
		}
	}
	w := make([]float64, dim)
	if len(sets) == 0 {
		return w
	}
	const rate = 0.5
	grad := make([]float64, dim)
	for it := 0; it < iters; it++ {
		clear(grad)
		for _, ps := range sets {
			for _, p := range ps {
				var s float64
				for k, x := range p.diff {
					s += w[k] * x
				}
				g := p.weight / (1 + math.Exp(s)) // −∂loss/∂s
				for k, x := range p.diff {
					grad[k] -= g * x
				}
			}
		}
		for k := range w {
			w[k] -= rate * (grad[k]/float64(len(sets)) + lambda*w[k])
		}
	}
	return w
}

func at(v []float64, i int) float64 {
	if i < len(v) {
		return v[i]
	}
	return 0
}

// Folds cuts queries into n folds by query, dealing each family's
// queries round-robin, so every fold has its share of each family.
func Folds(queries []Query, n int) [][]Query {
	out := make([][]Query, n)
	seen := map[string]int{}
	for _, q := range queries {
		i := seen[q.Family] % n
		seen[q.Family]++
		out[i] = append(out[i], q)
	}
	return out
}

// CrossValidation is one k-fold run: fit on all folds but one, measure
// the one left out.
type CrossValidation struct {
	Folds int
	Mode  vitae.Mode
	// SemanticRatio is passed with every query.
	SemanticRatio float64
	// Fit learns parameters from the training folds' queries.
	Fit func(ctx context.Context, train []Query) ([]float64, error)
	// Build returns a searcher ranking with the parameters.
	Build func(params []float64) vitae.Searcher
}

// CrossValidate returns the mean nDCG@10 of every query, each measured
// by the parameters fitted without its fold, and each fold's parameters.
func CrossValidate(ctx context.Context, cv CrossValidation, queries []Query) (float64, [][]float64, error) {
	if cv.Folds < 2 || len(queries) < cv.Folds {
		return 0, nil, fmt.Errorf("cross-validate: %d queries cannot make %d folds", len(queries), cv.Folds)
	}
	folds := Folds(queries, cv.Folds)
	var sum float64
	var params [][]float64
	for i, held := range folds {
		var train []Query
		for j, f := range folds {
			if j != i {
				train = append(train, f...)
			}
		}
		p, err := cv.Fit(ctx, train)
		if err != nil {
			return 0, nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
		params = append(params, p)
		m, err := meanNDCG(ctx, cv.Build(p), held, Tuning{Mode: cv.Mode, SemanticRatio: cv.SemanticRatio})
		if err != nil {
			return 0, nil, err
		}
		sum += m * float64(len(held))
	}
	return sum / float64(len(queries)), params, nil
}
