package main

import (
	"context"
	"fmt"
	"io"

	"vitae/eval"
	"vitae/match"
)

// printEvidenceByKind prints, per split and per kind of requirement
// (match.KindOf), the grader's strong precision and recall: how far a
// bullet proves each kind (docs/matching.md, "The strong gate, fourth
// round: kinds").
func printEvidenceByKind(ctx context.Context, w io.Writer, l eval.Lookup, g eval.Grader, items []eval.EvidenceItem, split string) error {
	pairs, _, err := eval.ResolvePairs(ctx, l, items)
	if err != nil {
		return fmt.Errorf("evidence pairs by kind: %w", err)
	}
	kind := map[string]match.Kind{}
	grade := func(p eval.PairLabel) int {
		if pg, ok := g.(eval.PlacedGrader); ok { // the learned gate reads where the bullet sits
			lv, _ := pg.GradeAt(p.Requirement, p.Bullet, p.Place)
			return int(lv)
		}
		lv, _ := g.Grade(p.Requirement, p.Bullet)
		return int(lv)
	}
	fmt.Fprintf(w, "%-8s %-9s %5s  %s\n", "split", "kind", "pairs", "strong: precision / recall (predicted, relevant)")
	for _, s := range []string{"train", "heldout", "all"} {
		if split != "all" && s != split {
			continue
		}
		for _, k := range match.Kinds {
			var ps []eval.PairLabel
			for _, p := range pairs {
				if _, ok := kind[p.Requirement]; !ok {
					kind[p.Requirement] = match.KindOf(p.Requirement)
				}
				if (s == "all" || p.Split == s) && kind[p.Requirement] == k {
					ps = append(ps, p)
				}
			}
			if len(ps) == 0 {
				continue
			}
			st := eval.ScorePlaced(ps, grade).Levels[0] // strong first
			fmt.Fprintf(w, "%-8s %-9s %5d  %.3f / %.3f (%d, %d)\n", s, k, len(ps), st.Precision, st.Recall, st.Predicted, st.Relevant)
		}
	}
	return nil
}
