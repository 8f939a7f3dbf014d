package search

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
)

// ranking is what a batch answer must share with Search: the order of
// the hits, their résumés and scores.
type ranking struct {
	ID, ResumeID string
	Score        float64
}

func rankingOf(res *vitae.Results) []ranking {
	var out []ranking
	for _, h := range res.Hits {
		out = append(out, ranking{h.ID, h.ResumeID, h.Score})
	}
	return out
}

func TestSearchBatchRanksAsSearch(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	ctx := context.Background()
	qs := []vitae.Query{
		{Text: "Leading a team of SREs or DevOps engineers", Limit: 100, Literal: true, KeepDuplicates: true},
		{Text: "reduced paging with SLO alerting", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Limit: 100},
		{Text: "nurses", Mode: vitae.ModeKeyword, Limit: 5},
		{Text: "supervised people", Mode: vitae.ModeSemantic, SemanticRatio: 1, Limit: 3},
		{Text: "team", Filters: vitae.Filters{Company: []string{"Mercy"}}},
		{Text: "wiki -onboarding"}, // syntax: the exclusion leaves nothing
		// A job title as matching asks it: keyword and hybrid, one walk.
		{Text: "Site Reliability Engineer", Mode: vitae.ModeKeyword, Limit: 100, Literal: true, KeepDuplicates: true},
		{Text: "Site Reliability Engineer", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Limit: 100, Literal: true, KeepDuplicates: true},
	}
	got, err := s.SearchBatch(ctx, qs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(qs) {
		t.Fatalf("%d answers for %d queries", len(got), len(qs))
	}
	found := 0
	for i, q := range qs {
		want, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		found += len(want.Hits)
		if diff := cmp.Diff(rankingOf(want), rankingOf(got[i])); diff != "" {
			t.Errorf("query %q: batch ranks differently (-search +batch):\n%s", q.Text, diff)
		}
		if got[i].IndexVersion != want.IndexVersion || got[i].NoMatch != want.NoMatch || got[i].Total != want.Total {
			t.Errorf("query %q: batch %s/%v/%d, search %s/%v/%d", q.Text, got[i].IndexVersion, got[i].NoMatch, got[i].Total,
				want.IndexVersion, want.NoMatch, want.Total)
		}
		for _, h := range got[i].Hits {
			if h.Text == "" || len(h.Highlights) > 0 || h.Details != nil {
				t.Errorf("query %q: hit %s is not bare: %+v", q.Text, h.ID, h)
			}
		}
	}
	if found < 10 {
		t.Errorf("the queries found %d hits in all; the comparison says little", found)
	}
}

func TestSearchBatchRefusesABadQuery(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	_, err := s.SearchBatch(context.Background(), []vitae.Query{{Text: "nurses"}, {Text: "  "}})
	if vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("an empty query in the batch: %v, want EINVALID", err)
	}
	res, err := s.SearchBatch(context.Background(), nil)
	if err != nil || len(res) != 0 {
		t.Errorf("an empty batch: %v, %v", res, err)
	}
}

func TestSearchBatchDegradesWithoutVectors(t *testing.T) {
	s, _ := newEngine(t, nil, Options{}) // no embedder: keyword only
	res, err := s.SearchBatch(context.Background(), []vitae.Query{{Text: "DevOps team", Mode: vitae.ModeHybrid}, {Text: "nurses", Mode: vitae.ModeKeyword}})
	if err != nil {
		t.Fatalf("a batch must degrade, not fail: %v", err)
	}
	if !res[0].Degraded || res[0].DegradedReason == "" || len(res[0].Hits) == 0 {
		t.Errorf("hybrid without vectors: degraded=%v reason=%q hits=%d", res[0].Degraded, res[0].DegradedReason, len(res[0].Hits))
	}
	if res[1].Degraded || len(res[1].Hits) == 0 {
		t.Errorf("keyword query: degraded=%v hits=%d", res[1].Degraded, len(res[1].Hits))
	}
}

// A batch runs a keyword search once: the same request gets the same
// answer, another request its own.
func TestBatchStoreSharesKeywordSearches(t *testing.T) {
	_, ix := newEngineWith(t, corpus)
	st := newBatchStore(ix)
	ctx := context.Background()
	req := index.LexicalRequest{Text: "team", Size: 100, IDsOnly: true}
	a, err := st.Lexical(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.Lexical(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if a != b || len(a.Hits) == 0 {
		t.Errorf("the same request searched twice (or found nothing: %d hits)", len(a.Hits))
	}
	req.Size = 2
	c, err := st.Lexical(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if c == a || len(c.Hits) != 2 {
		t.Errorf("another page got the first answer: %d hits", len(c.Hits))
	}
	want, err := ix.Lexical(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("the batch's answer differs from the store's (-store +batch):\n%s", diff)
	}
}
