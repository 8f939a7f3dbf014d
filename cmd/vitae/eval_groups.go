package main

import (
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

// runTune learns the hybrid ranking's weights on qs by coordinate ascent
// and prints them with their nDCG@10, beside the defaults'.
func runTune(cmd *cobra.Command, g *globals, a *app, qs []eval.Query, ratio float64) error {
	base := a.engineOptions()
	build := func(p []float64) vitae.Searcher {
		o := base
		o.Weights = search.Weights{Keyword: p[0], Vector: p[1], Soft: p[2], Parts: p[3], Role: p[4], Full: p[5]}
		return search.New(a.store, a.embedder, o)
	}
	d := search.DefaultWeights
	start := []float64{d.Keyword, d.Vector, d.Soft, d.Parts, d.Role, d.Full}
	best, score, err := eval.Tune(cmd.Context(), eval.Tuning{
		Names: []string{"keyword", "vector", "soft", "parts", "role", "full"}, Start: start,
		Mode: vitae.ModeHybrid, SemanticRatio: ratio, Build: build,
		Progress: func(p []float64, s float64) { a.log.Info("tune", "weights", p, "ndcg@10", round3(s)) },
	}, qs)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "queries %d  nDCG@10 %.3f (defaults %v)\n", len(qs), score, start)
	fmt.Fprintf(g.stdout, "search.Weights{Keyword: %g, Vector: %g, Soft: %g, Parts: %g, Role: %g, Full: %g}\n", best[0], best[1], best[2], best[3], best[4], best[5])
	return nil
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
