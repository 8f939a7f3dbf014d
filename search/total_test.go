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

// Pages continue one list: the reranked head is the same whatever the
// page's end (a tryout saw bullets shown on three pages and others never),
// so pages of 2 read, in order, what one page of the whole pool shows.
func TestPagesContinueOneList(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	s.opts.RerankDepth = 2
	ctx := context.Background()
	for _, text := range []string{"led DevOps team", "reduced cloud costs", "kubernetes in production", "managed engineers"} {
		for _, mode := range []vitae.Mode{vitae.ModeHybrid, vitae.ModeSemantic} {
			q := vitae.Query{Text: text, Mode: mode, SemanticRatio: 0.5, Limit: 10}
			whole, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var want, paged []string
			for _, h := range whole.Hits {
				want = append(want, h.ID)
			}
			for off := 0; off < len(want); off += 2 {
				q.Offset, q.Limit = off, 2
				res, err := s.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					paged = append(paged, h.ID)
				}
			}
			if fmt.Sprint(paged) != fmt.Sprint(want) {
				t.Errorf("%s %q: pages of 2 read\n%v\none page of 10 reads\n%v", mode, text, paged, want)
			}
		}
	}
}
