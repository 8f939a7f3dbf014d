package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/spf13/cobra"

	"vitae"
	"vitae/eval"
	"vitae/search"
)

// groupRow is one split × family line of the eval table: nDCG@10 per mode.
type groupRow struct {
	Split   string             `json:"split"`
	Family  string             `json:"family"`
	Queries int                `json:"queries"`
	NDCG10  map[string]float64 `json:"ndcg@10"`
}

// groupTable summarises every mode's rows by split and family; empty
// when the set has neither.
func groupTable(reports []*eval.Report) []groupRow {
	var out []groupRow
	index := map[[2]string]int{}
	for _, r := range reports {
		for _, gr := range eval.Groups(r.Rows) {
			k := [2]string{gr.Split, gr.Family}
			i, ok := index[k]
			if !ok {
				i = len(out)
				index[k] = i
				out = append(out, groupRow{Split: gr.Split, Family: gr.Family, Queries: gr.Queries, NDCG10: map[string]float64{}})
			}
			out[i].NDCG10[string(r.Mode)] = gr.NDCG10
		}
	}
	if len(out) <= 1 {
		return nil // one group: the overall line says it all
	}
	return out
}

// printGroups prints the split × family table with hybrid over keyword.
func printGroups(w io.Writer, reports []*eval.Report, rows []groupRow) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%-9s %-16s %7s", "split", "family", "queries")
	for _, r := range reports {
		fmt.Fprintf(w, " %9s", r.Mode)
	}
	fmt.Fprintf(w, " %14s\n", "hybrid/keyword")
	for _, row := range rows {
		split, family := row.Split, row.Family
		if split == "" {
			split = "all"
		}
		if family == "" {
			family = "all"
		}
		fmt.Fprintf(w, "%-9s %-16s %7d", split, family, row.Queries)
		for _, r := range reports {
			fmt.Fprintf(w, " %9.3f", row.NDCG10[string(r.Mode)])
		}
		k, kok := row.NDCG10[string(vitae.ModeKeyword)]
		h, hok := row.NDCG10[string(vitae.ModeHybrid)]
		if kok && hok && k > 0 {
			fmt.Fprintf(w, " %13.2f×", h/k)
		}
		fmt.Fprintln(w)
	}
}

// tuneOptions are the flags of vitae eval --tune.
type tuneOptions struct {
	method string  // pairwise or ascent
	lambda float64 // pairwise: L2
	folds  int     // cross-validation folds; 0 or 1: none
}

// runTune learns the hybrid ranking's weights on qs — a pairwise linear
// ranker over the reranked candidates' signals, or coordinate ascent on
// nDCG@10 — and prints them with their nDCG@10 beside the defaults', and
// with --folds the cross-validated nDCG@10 of the method and of the
// configured weights.
func runTune(cmd *cobra.Command, g *globals, a *app, qs []eval.Query, ratio float64, o tuneOptions) error {
	ctx := cmd.Context()
	base := a.engineOptions()
	build := func(p []float64) vitae.Searcher {
		opts := base
		opts.Weights = search.WeightsOf(p)
		return search.New(a.store, a.embedder, opts)
	}
	configured := search.New(a.store, a.embedder, base)
	start := configured.Weights().Values()
	var fit func(ctx context.Context, train []eval.Query) ([]float64, error)
	switch o.method {
	case "pairwise":
		examples := map[string][]eval.Example{} // by query ID: signals do not depend on the weights
		for _, q := range qs {
			sigs, err := configured.Signals(ctx, vitae.Query{Text: q.Query, Mode: vitae.ModeHybrid, SemanticRatio: ratio, Limit: 50})
			if err != nil {
				return fmt.Errorf("query %s: %w", q.ID, err)
			}
			grades := map[string]int{}
			for _, j := range q.Judgments {
				grades[j.Ref] = j.Grade
			}
			for _, s := range sigs {
				examples[q.ID] = append(examples[q.ID], eval.Example{Grade: grades[s.ResumeID+"#"+s.Ref], Signals: s.Values()})
			}
		}
		fit = func(_ context.Context, train []eval.Query) ([]float64, error) {
			var data [][]eval.Example
			for _, q := range train {
				data = append(data, examples[q.ID])
			}
			w := eval.FitPairwise(data, o.lambda, 300)
			for i := range w {
				w[i] = math.Round(w[i]*100) / 100
			}
			return w, nil
		}
	case "ascent":
		fit = func(ctx context.Context, train []eval.Query) ([]float64, error) {
			best, _, err := eval.Tune(ctx, eval.Tuning{
				Names: search.WeightNames, Start: start,
				Mode: vitae.ModeHybrid, SemanticRatio: ratio, Build: build,
				Progress: func(p []float64, s float64) { a.log.Info("tune", "weights", p, "ndcg@10", round3(s)) },
			}, train)
			return best, err
		}
	default:
		return &exitError{code: 2, err: fmt.Errorf("--tune-method %q: want pairwise or ascent", o.method)}
	}
	if o.folds > 1 {
		cv := eval.CrossValidation{Folds: o.folds, Mode: vitae.ModeHybrid, SemanticRatio: ratio, Fit: fit, Build: build}
		score, params, err := eval.CrossValidate(ctx, cv, qs)
		if err != nil {
			return err
		}
		cv.Fit = func(context.Context, []eval.Query) ([]float64, error) { return start, nil }
		fixed, _, err := eval.CrossValidate(ctx, cv, qs)
		if err != nil {
			return err
		}
		fmt.Fprintf(g.stdout, "%d-fold cross-validation by query: %s %.3f, configured weights %.3f (fitted on all of them: in-sample)\n", o.folds, o.method, score, fixed)
		for i, p := range params {
			fmt.Fprintf(g.stdout, "  fold %d: %v\n", i+1, p)
		}
	}
	best, err := fit(ctx, qs)
	if err != nil {
		return err
	}
	score, err := eval.Evaluate(ctx, build(best), a.engine, qs, vitae.ModeHybrid, ratio)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "queries %d  nDCG@10 %.3f (configured %v)\n", len(qs), score.NDCG10, start)
	fmt.Fprintf(g.stdout, "search.Weights{Keyword: %g, Vector: %g, Soft: %g, Parts: %g, Role: %g, Full: %g}\n", best[0], best[1], best[2], best[3], best[4], best[5])
	return nil
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
