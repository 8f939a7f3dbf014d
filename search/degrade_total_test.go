package search

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"

	"vitae"
	"vitae/embed"
	"vitae/index"
)

// lexCount is the real index, its keyword searches counted.
type lexCount struct {
	*index.Index
	n atomic.Int64
}

func (c *lexCount) Lexical(ctx context.Context, req index.LexicalRequest) (*index.LexicalResult, error) {
	c.n.Add(1)
	return c.Index.Lexical(ctx, req)
}

// A hybrid search that degrades to keyword reports keyword mode's total
// and hits; without an embedder it knows so before the keyword walk and
// walks once.
func TestDegradedHybridTotal(t *testing.T) {
	_, ix := newEngine(t, nil, Options{})
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer down.Close()
	failing, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: down.URL + "/v1", Model: "m", MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	st := &lexCount{Index: ix}
	ctx := context.Background()
	for _, text := range []string{"DevOps team", "registered nurses", "release notes"} {
		want, err := New(st, nil, Options{SemanticRatio: 0.5}).Search(ctx, vitae.Query{Text: text, Mode: vitae.ModeKeyword})
		if err != nil {
			t.Fatal(err)
		}
		if want.Total == 0 {
			t.Fatalf("%q: keyword total 0", text)
		}
		for _, tc := range []struct {
			name  string
			emb   vitae.Embedder
			walks int64
		}{{"no embedder", nil, 1}, {"other model", failing, 1}} {
			st.n.Store(0)
			got, err := New(st, tc.emb, Options{SemanticRatio: 0.5}).Search(ctx, vitae.Query{Text: text, Mode: vitae.ModeHybrid, SemanticRatio: 0.5})
			if err != nil {
				t.Fatalf("%q %s: %v", text, tc.name, err)
			}
			if !got.Degraded || got.Total != want.Total || !slices.Equal(hitIDs(got.Hits), hitIDs(want.Hits)) {
				t.Errorf("%q %s: degraded %v, total %d, hits %v; keyword total %d, hits %v",
					text, tc.name, got.Degraded, got.Total, hitIDs(got.Hits), want.Total, hitIDs(want.Hits))
			}
			if n := st.n.Load(); n != tc.walks {
				t.Errorf("%q %s: %d keyword searches, want %d", text, tc.name, n, tc.walks)
			}
		}
	}
}

// A hybrid search over vectors of the embedder's model whose embed call
// fails (a real OpenAI-wire server answering 500) degrades to keyword
// mode's total and hits, and walks the keyword side once.
func TestDegradedHybridWalksOnce(t *testing.T) {
	const dim = 32
	p := &faultyProvider{next: embed.NewServer(embed.NewLocal(embed.LocalOptions{Dim: dim})), stop: make(chan struct{})}
	srv := httptest.NewServer(p)
	defer srv.Close()
	defer close(p.stop)
	emb, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "vitae-local", Dimensions: dim, MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, ix := newEngine(t, emb, Options{}) // healthy: every bullet has a vector
	st := &lexCount{Index: ix}
	if st.VectorModel() != emb.Model() {
		t.Fatalf("vectors of %q, embedder %q", st.VectorModel(), emb.Model())
	}
	p.mode.Store(int32(serverError))
	ctx := context.Background()
	for _, text := range []string{"DevOps team", "registered nurses"} {
		want, err := New(st, nil, Options{}).Search(ctx, vitae.Query{Text: text, Mode: vitae.ModeKeyword})
		if err != nil {
			t.Fatal(err)
		}
		if want.Total == 0 {
			t.Fatalf("%q: keyword total 0", text)
		}
		st.n.Store(0)
		got, err := New(st, emb, Options{SemanticRatio: 0.5}).Search(ctx, vitae.Query{Text: text, Mode: vitae.ModeHybrid, SemanticRatio: 0.5})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if !got.Degraded || got.Total != want.Total || !slices.Equal(hitIDs(got.Hits), hitIDs(want.Hits)) {
			t.Errorf("%q: degraded %v (%s), total %d, hits %v; keyword total %d, hits %v",
				text, got.Degraded, got.DegradedReason, got.Total, hitIDs(got.Hits), want.Total, hitIDs(want.Hits))
		}
		if n := st.n.Load(); n != 1 {
			t.Errorf("%q: %d keyword searches, want 1", text, n)
		}
	}
}
