package eval_test

import (
	"context"
	"errors"
	"testing"

	"vitae"
	"vitae/eval"
	"vitae/search"
	"vitae/search/searchtest"
)

// EvaluateRank sends each query's judged bullets, grade 0s too, to the
// engine's Rank and scores its order; a judged bullet the index lacks is
// unmatched, and a set mostly unindexed is refused.
func TestEvaluateRank(t *testing.T) {
	rs := threeResumes()
	l := searchtest.Trained(t, rs)
	eng := search.New(searchtest.Index(t, l, rs), l, search.Options{})
	ctx := context.Background()
	judged := []eval.Judgment{
		{Ref: "bo#/work/0/highlights/0", Grade: 0}, // the pool is every judged bullet
		{Ref: "cy#/work/0/highlights/0", Grade: 0},
		{Ref: "bo#/work/0/highlights/1", Grade: 2},
		{Ref: "zed#/work/0/highlights/0", Grade: 1}, // not indexed
	}
	qs := []eval.Query{{ID: "q1", Query: "cloud costs", Judgments: judged}}
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		rep, err := eval.EvaluateRank(ctx, eng, eng, qs, mode, 0.5)
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		row := rep.Rows[0]
		if row.MRR10 != 1 {
			t.Errorf("%s: MRR@10 %v, want the cost bullet first", mode, row.MRR10)
		}
		if len(row.Unmatched) != 1 || row.Unmatched[0] != "zed#/work/0/highlights/0" || rep.Judgments != 4 {
			t.Errorf("%s: unmatched %v of %d judgments, want zed's of 4", mode, row.Unmatched, rep.Judgments)
		}
		// Grade 1 of the unindexed bullet stays in the ideal ranking.
		if row.NDCG10 >= 1 || row.NDCG10 <= 0.5 {
			t.Errorf("%s: nDCG@10 %v, want below 1 (a relevant bullet unindexed) and above 0.5", mode, row.NDCG10)
		}
	}
	gone := []eval.Query{{ID: "q2", Query: "cloud costs", Judgments: []eval.Judgment{{Ref: "zed#/work/0/highlights/0", Grade: 2}}}}
	if _, err := eval.EvaluateRank(ctx, eng, eng, gone, vitae.ModeHybrid, 0.5); !errors.Is(err, eval.ErrNotIndexed) {
		t.Errorf("a set of unindexed bullets: error %v, want ErrNotIndexed", err)
	}
}

// threeResumes are three people of different trades, two bullets each:
// the small corpus the tests of a real engine here share.
func threeResumes() []*vitae.Resume {
	return []*vitae.Resume{
		searchtest.Resume("ann", "Ann", "Acme", "SRE Manager", "2020", "", "Managed a group of six site reliability engineers", "Wrote the on-call handbook"),
		searchtest.Resume("bo", "Bo", "Initech", "Engineer", "2019", "", "Built the billing service in Go", "Cut cloud costs by 30%"),
		searchtest.Resume("cy", "Cy", "Globex", "Analyst", "2018", "", "Reported sales figures to the board", "Trained new hires on Excel"),
	}
}
