package search

import (
	"context"
	"fmt"
	"testing"

	"vitae"
)

// A query's total is the same on every page, in every mode; hybrid's is
// at least keyword mode's; grouped, it counts the candidates the pages
// hold. The corpus is wider than the pools (Candidates 8, RerankDepth 3),
// so deep pages rerank and fetch more than the first does.
func TestTotalStableAcrossPages(t *testing.T) {
	var rs []*vitae.Resume
	for i := range 12 {
		rs = append(rs, resume(fmt.Sprintf("p%02d", i), fmt.Sprintf("Person %d", i), "Acme", "Engineer", "2018", "2020",
			fmt.Sprintf("Led a team of %d DevOps engineers", i+2),
			fmt.Sprintf("Managed the release process for team %d", i),
			fmt.Sprintf("Headed a group of %d site reliability engineers", i+3),
			"Baked bread for the office"))
	}
	s, _ := newEngineWith(t, rs)
	s.opts.Candidates, s.opts.RerankDepth = 8, 3
	ctx := context.Background()
	kw, err := s.Search(ctx, vitae.Query{Text: "led team", Mode: vitae.ModeKeyword})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		q       vitae.Query
		atLeast int
	}{
		{"keyword", vitae.Query{Text: "led team", Mode: vitae.ModeKeyword}, kw.Total},
		{"hybrid", vitae.Query{Text: "led team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5}, kw.Total},
		{"semantic", vitae.Query{Text: "led team", Mode: vitae.ModeSemantic, SemanticRatio: 1}, 1},
		{"grouped", vitae.Query{Text: "led team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, GroupBy: "candidate"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first := -1
			shown := 0
			for offset := 0; offset < 60; offset += 4 {
				q := tc.q
				q.Offset, q.Limit = offset, 4
				res, err := s.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if first < 0 {
					first = res.Total
				}
				if res.Total != first {
					t.Errorf("offset %d: total %d, at offset 0 %d", offset, res.Total, first)
				}
				if q.GroupBy != "" {
					shown += len(res.Candidates)
				}
			}
			if first < tc.atLeast {
				t.Errorf("total %d, want at least %d", first, tc.atLeast)
			}
			if tc.q.GroupBy != "" && shown != first {
				t.Errorf("pages held %d candidates, total %d", shown, first)
			}
		})
	}
}
