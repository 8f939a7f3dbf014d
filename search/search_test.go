package search

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/search/searchtest"
)

var resume = searchtest.Resume

var corpus = []*vitae.Resume{
	resume("brian", "Brian", "Planet Labs", "Principal Engineer", "2016-01", "2018-08",
		"Led operationally-focused teams of DevOps engineers and SREs",
		"Architected an analytics platform for the data science team"),
	resume("dana", "Dana", "DUST Identity", "Engineering Manager", "2021-01", "",
		"Upon becoming a manager, I was responsible for the DevOps team",
		"Coordinated third party audits"),
	resume("jordan", "Jordan", "Northwind", "SRE Manager", "2020-03", "",
		"Managed a group of six site reliability engineers",
		"Cut paging volume by 45% with SLO-based alerting"),
	resume("pat", "Pat", "Acme", "Technical Writer", "2015", "2019",
		"Wrote the onboarding wiki pages for new hires",
		"Edited release notes every sprint"),
	resume("rosa", "Rosa", "Mercy", "Charge Nurse", "2012", "2020",
		"Supervised a team of 12 registered nurses",
		"Reduced patient falls by 30% through hourly rounding"),
}

// newEngineWith is an engine over rs in a real index, with the built-in
// embedder trained on their bullets.
func newEngineWith(tb testing.TB, rs []*vitae.Resume) (*Engine, *index.Index) {
	tb.Helper()
	l := searchtest.Trained(tb, rs)
	ix := searchtest.Index(tb, l, rs)
	return New(ix, l, Options{SemanticRatio: 0.5}), ix
}

// newEngine is an engine over corpus, added through Engine.Add with e.
func newEngine(tb testing.TB, e vitae.Embedder, opts Options) (*Engine, *index.Index) {
	tb.Helper()
	ix := searchtest.Index(tb, nil, nil)
	if opts.SemanticRatio == 0 {
		opts.SemanticRatio = 0.5
	}
	s := New(ix, e, opts)
	if _, err := s.Add(context.Background(), corpus); err != nil {
		tb.Fatal(err)
	}
	return s, ix
}

func trained(tb testing.TB) *embed.Local { return searchtest.Trained(tb, corpus) }

func hitIDs(hs []vitae.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

func TestSemanticFindsParaphrases(t *testing.T) {
	s, _ := newEngine(t, trained(t), Options{})
	ctx := context.Background()
	kw, err := s.Search(ctx, vitae.Query{Text: "led DevOps team", Mode: vitae.ModeKeyword, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range hitIDs(kw.Hits) {
		if id == "jordan-0" {
			t.Error("keyword search should not find 'Managed a group of site reliability engineers' (no shared word)")
		}
	}
	hy, err := s.Search(ctx, vitae.Query{Text: "led DevOps team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Limit: 5, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	top := map[string]bool{}
	for _, h := range hy.Hits {
		top[h.ID] = true
		if h.Details == nil {
			t.Fatalf("hybrid hit %s without score details", h.ID)
		}
	}
	for _, want := range []string{"brian-0", "dana-0", "jordan-0"} {
		if !top[want] {
			t.Errorf("hybrid top 5 misses %s: %v", want, hitIDs(hy.Hits))
		}
	}
	if top["pat-0"] {
		t.Errorf("hybrid top 5 has the wiki distractor: %v", hitIDs(hy.Hits))
	}
	for _, h := range hy.Hits {
		if h.ID == "dana-0" && len(h.Highlights) == 0 {
			t.Error("hybrid hits keep highlights")
		}
	}
}

func TestFusionMath(t *testing.T) {
	lex := []index.LexicalHit{{Bullet: vitae.Bullet{ID: "a"}, Score: 10}, {Bullet: vitae.Bullet{ID: "b"}, Score: 5}, {Bullet: vitae.Bullet{ID: "c"}, Score: 0}}
	vec := []index.Neighbor{{ID: "c", Score: 1}, {ID: "d", Score: 0.5}, {ID: "a", Score: 0}}
	ids := func(fs []fusedHit) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.id)
		}
		return out
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, ids(fuse(lex, vec, vitae.FusionWeighted, NormalizeMinMax, 0, 60))); diff != "" {
		t.Errorf("ratio 0 is keyword order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"c", "d", "a"}, ids(fuse(lex, vec, vitae.FusionWeighted, NormalizeMinMax, 1, 60))); diff != "" {
		t.Errorf("ratio 1 is vector order (-want +got):\n%s", diff)
	}
	// ratio 0.5: a = .5*1 + .5*0 = .5; b = .5*.5 = .25; c = 0 + .5*1 = .5; d = .5*.5 = .25
	got := fuse(lex, vec, vitae.FusionWeighted, NormalizeMinMax, 0.5, 60)
	want := map[string]float64{"a": 0.5, "b": 0.25, "c": 0.5, "d": 0.25}
	for _, f := range got {
		if math.Abs(f.details.Fused-want[f.id]) > 1e-9 {
			t.Errorf("weighted %s = %g, want %g", f.id, f.details.Fused, want[f.id])
		}
	}
	if diff := cmp.Diff([]string{"a", "c", "b", "d"}, ids(got)); diff != "" {
		t.Errorf("ties break by ID (-want +got):\n%s", diff)
	}
	// RRF k=60: a = 1/61 + 1/63, c = 1/63 + 1/61, b = 1/62, d = 1/62
	rrf := fuse(lex, vec, vitae.FusionRRF, NormalizeMinMax, 0.5, 60)
	for _, f := range rrf {
		w := map[string]float64{"a": 1.0/61 + 1.0/63, "c": 1.0/63 + 1.0/61, "b": 1.0 / 62, "d": 1.0 / 62}[f.id]
		if math.Abs(f.details.Fused-w) > 1e-12 {
			t.Errorf("rrf %s = %g, want %g", f.id, f.details.Fused, w)
		}
	}
}

func TestDegradedWhenProviderDown(t *testing.T) {
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer down.Close()
	local := embed.NewLocal(embed.LocalOptions{})
	up := httptest.NewServer(embed.NewServer(local))
	o, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: up.URL + "/v1", Model: "m", MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	s, ix := newEngine(t, o, Options{})
	up.Close()
	// Same model identity, now unreachable: point a second provider with
	// the same name at the failing server.
	o2, _ := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: down.URL + "/v1", Model: "m", MaxRetries: 1})
	s2 := New(ix, o2, Options{SemanticRatio: 0.5})
	_ = s
	res, err := s2.Search(context.Background(), vitae.Query{Text: "DevOps team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5})
	if err != nil {
		t.Fatalf("search must degrade, not fail: %v", err)
	}
	if !res.Degraded || res.DegradedReason == "" || len(res.Hits) == 0 {
		t.Errorf("degraded=%v reason=%q hits=%d", res.Degraded, res.DegradedReason, len(res.Hits))
	}
	add, err := s2.Add(context.Background(), []*vitae.Resume{resume("new", "New", "X", "Y", "2020", "", "Led the DevOps team at X")})
	if err != nil || !add.Degraded || add.Bullets != 1 {
		t.Errorf("add with provider down: %+v, %v", add, err)
	}
	kw, _ := s2.Search(context.Background(), vitae.Query{Text: "DevOps team at X", Mode: vitae.ModeKeyword})
	if len(kw.Hits) == 0 || kw.Hits[0].ID != "new-0" {
		t.Errorf("new bullet not keyword-searchable at once: %v", hitIDs(kw.Hits))
	}
}

func TestFiltersGroupingValidation(t *testing.T) {
	s, _ := newEngine(t, trained(t), Options{})
	ctx := context.Background()
	res, err := s.Search(ctx, vitae.Query{Text: "team", Mode: vitae.ModeSemantic, SemanticRatio: 1, Filters: vitae.Filters{Since: "2020"}, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ResumeID != "dana" && h.ResumeID != "jordan" && h.ResumeID != "rosa" {
			t.Errorf("since 2020 let through %s (%s–%s)", h.ID, h.Start, h.End)
		}
	}
	g, err := s.Search(ctx, vitae.Query{Text: "team engineers", GroupBy: "candidate", SemanticRatio: 0.5, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Candidates) == 0 || len(g.Candidates) > 3 {
		t.Fatalf("candidates: %d", len(g.Candidates))
	}
	for i := 1; i < len(g.Candidates); i++ {
		if g.Candidates[i].Score > g.Candidates[i-1].Score {
			t.Error("candidates not ranked")
		}
	}
	for _, tt := range []struct {
		q    vitae.Query
		code string
	}{
		{vitae.Query{Text: " "}, vitae.EINVALID},
		{vitae.Query{Text: "x", Mode: "fuzzy"}, vitae.EINVALID},
		{vitae.Query{Text: "x", SemanticRatio: 2}, vitae.EINVALID},
		{vitae.Query{Text: "x", Offset: -1}, vitae.EINVALID},
		{vitae.Query{Text: string(make([]byte, 2000))}, vitae.EINVALID},
		{vitae.Query{Text: "x", Filters: vitae.Filters{Since: "yesterday"}}, vitae.EINVALID},
		{vitae.Query{Text: "x", GroupBy: "company"}, vitae.EINVALID},
	} {
		if _, err := s.Search(ctx, tt.q); vitae.ErrorCode(err) != tt.code {
			t.Errorf("%+v: got %v, want %s", tt.q, err, tt.code)
		}
	}
	big, _ := s.Search(ctx, vitae.Query{Text: "team", Limit: 5000})
	if len(big.Hits) > 100 {
		t.Errorf("limit not capped: %d", len(big.Hits))
	}
}

func TestDeleteErasesEverywhere(t *testing.T) {
	srv := embed.NewServer(embed.NewLocal(embed.LocalOptions{}))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	cache, err := embed.OpenCache(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cache.Close()
	o, _ := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: ts.URL + "/v1", Model: "m"})
	e := cache.Wrap(o)
	s, ix := newEngine(t, e, Options{Cache: cache})
	ctx := context.Background()
	before, _ := cache.Len(e.Model())
	if err := s.Delete(ctx, "jordan"); err != nil {
		t.Fatal(err)
	}
	after, _ := cache.Len(e.Model())
	if before-after != 2 || cache.Has(e.Model(), "Managed a group of six site reliability engineers") {
		t.Errorf("cache entries %d → %d", before, after)
	}
	res, _ := s.Search(ctx, vitae.Query{Text: "site reliability engineers paging", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Limit: 100})
	for _, h := range res.Hits {
		if h.ResumeID == "jordan" {
			t.Errorf("erased person found: %s", h.ID)
		}
	}
	st, _ := ix.Stats()
	if st.Resumes != 4 || st.Bullets != 8 || st.Vectors != 8 {
		t.Errorf("stats after erasure: %+v", st)
	}
}

func TestRank(t *testing.T) {
	s, _ := newEngine(t, trained(t), Options{})
	ctx := context.Background()
	res, err := s.Rank(ctx, RankRequest{Query: "led DevOps team", Mode: vitae.ModeHybrid, Bullets: []RankBullet{
		{Text: "Baked bread for the farmers market"},
		{ID: "x", Text: "Led the DevOps team through a cloud migration"},
		{Text: "Managed a group of site reliability engineers"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 3 || res.Hits[0].ID != "x" || res.Hits[2].ID != "1" {
		t.Errorf("rank order: %+v", res.Hits)
	}
	// Scores are relative; match says whether a bullet matches at all.
	for _, h := range res.Hits {
		if want := h.ID != "1"; h.Match != want {
			t.Errorf("%q: match %v, want %v", h.Text, h.Match, want)
		}
	}
	if res.NoMatch {
		t.Error("no_match with two matching bullets")
	}
	none, err := s.Rank(ctx, RankRequest{Query: "led DevOps team", Mode: vitae.ModeHybrid, Bullets: []RankBullet{
		{Text: "Baked bread for the farmers market"}, {Text: "Organised the office summer party"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !none.NoMatch || none.Hits[0].Match || none.Hits[0].Score <= 0 {
		t.Errorf("unrelated bullets: no_match %v, first %+v; want no_match, the first unmatched yet scored", none.NoMatch, none.Hits[0])
	}
	if _, err := s.Rank(ctx, RankRequest{Query: "x", Bullets: make([]RankBullet, 1001)}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("too many bullets: %v", err)
	}
	if _, err := s.Rank(ctx, RankRequest{Query: "x"}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("no bullets: %v", err)
	}
	if _, err := s.Rank(ctx, RankRequest{Query: "!!!", Bullets: []RankBullet{{Text: "Baked bread"}}}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("a query without words: %v, want EINVALID as search answers", err)
	}
}
