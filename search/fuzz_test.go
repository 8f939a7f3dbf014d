package search

import (
	"context"
	"math"
	"strings"
	"testing"

	"vitae"
)

// coded fails t when err is not one of the vocabulary's client errors: a
// parser or a query may refuse input, but never with an internal error.
func coded(t *testing.T, err error) {
	t.Helper()
	if code := vitae.ErrorCode(err); code == vitae.EINTERNAL {
		t.Fatalf("error without a client code: %v", err)
	}
}

// FuzzSearchQuery drives the query and filter parsing (text analysis,
// mode, fusion, date range, filter lists, paging) through the real engine
// over a real bleve index: every input gives results or a coded error, and
// results respect the page asked for.
func FuzzSearchQuery(f *testing.F) {
	eng, _ := newEngineWith(f, corpus)
	f.Add("led DevOps team", "", "", "", "", "", "", 10, 0, 0.5, false)
	f.Add("reduced patient falls", "keyword", "rrf", "2015", "2020-06", "Mercy", "", 5, 0, 0.0, true)
	f.Add("*", "semantic", "weighted", "2019-13", "", "", "Kubernetes", 0, 3, 1.0, false)
	f.Add("devops~2 /re.*gex/ title:x +must -not \"phrase\" ^boost", "hybrid", "", "2020", "2010", "", "", 1000, 20000, -1.0, true)
	f.Add(strings.Repeat("a* ", 400), "", "", "", "", "", "", -1, -1, 2.0, false)
	f.Add("\x00\xff\xfe", "magic", "max", "\xff", "0000-00", "\x00", "", 1, 1, math.NaN(), true)
	f.Add("site reliability", "hybrid", "weighted", "", "", "", "", 10, 0, math.NaN(), false)
	f.Add("site reliability", "hybrid", "rrf", "", "", "", "", 10, 0, math.Inf(1), true)
	f.Fuzz(func(t *testing.T, text, mode, fusion, since, until, company, skill string, limit, offset int, ratio float64, group bool) {
		q := vitae.Query{Text: text, Mode: vitae.Mode(mode), Fusion: vitae.Fusion(fusion), Limit: limit, Offset: offset, SemanticRatio: ratio, Facets: true, Explain: true,
			Filters: vitae.Filters{Since: since, Until: until}}
		if company != "" {
			q.Filters.Company = []string{company}
		}
		if skill != "" {
			q.Filters.Skill = []string{skill}
		}
		if group {
			q.GroupBy = "candidate"
		}
		res, err := eng.Search(context.Background(), q)
		if err != nil {
			coded(t, err)
			return
		}
		if len(res.Hits) > max(limit, 10) || len(res.Hits) > eng.opts.MaxLimit {
			t.Fatalf("%d hits for limit %d", len(res.Hits), limit)
		}
		for _, h := range res.Hits {
			if h.ID == "" || h.ResumeID == "" {
				t.Fatalf("hit without IDs: %+v", h)
			}
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Fatalf("score %v for %s", h.Score, h.ID)
			}
		}
	})
}
