package eval

import (
	"context"
	"fmt"

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
