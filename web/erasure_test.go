package web

import (
	"context"
	"net/http/httptest"
	"testing"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/match"
	"vitae/search"
)

// TestErasureLeavesNothing uploads a person through the API with a cached
// OpenAI-wire provider (the built-in embedder served on loopback), erases
// them with DELETE, and looks for them everywhere they were: keyword and
// semantic search, the résumé and page routes, stats, the bullet store,
// the vector store and the embedding cache.
func TestErasureLeavesNothing(t *testing.T) {
	ctx := context.Background()
	provider := httptest.NewServer(embed.NewServer(embed.NewLocal(embed.LocalOptions{Dim: 64})))
	t.Cleanup(provider.Close)
	oa, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: provider.URL + "/v1", Model: "vitae-local", Dimensions: 64})
	if err != nil {
		t.Fatal(err)
	}
	cache, err := embed.OpenCache(t.TempDir() + "/cache.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cache.Close() })
	emb := cache.Wrap(oa)
	ix, err := index.Open(index.Options{Path: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	eng := search.New(ix, emb, search.Options{Cache: cache})
	srv, err := New(eng, match.New(eng, match.Options{}), Config{APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	other := `{"basics":{"name":"Ola Other"},"work":[{"name":"Globex","position":"SRE","startDate":"2018-01","highlights":["Ran the on-call rotation for the storage team","Cut paging volume by a third"]}]}`
	person := `{"basics":{"name":"Erin Erased"},"work":[{"name":"Umbrella","position":"Data Engineer","startDate":"2020-01","highlights":["Built the quarkflux ingestion pipeline for clinical trials","Migrated the warehouse to columnar storage"]}]}`
	for id, body := range map[string]string{"ola-other": other, "erin-erased": person} {
		if s, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/resumes?id=" + id, body: body, key: "k"}); s != 201 {
			t.Fatalf("upload %s: %d %v", id, s, out)
		}
	}
	r, err := eng.Resume(ctx, "erin-erased")
	if err != nil || len(r.Bullets) != 2 {
		t.Fatalf("uploaded: %v %+v", err, r)
	}
	var ids, texts []string
	for _, b := range r.Bullets {
		ids, texts = append(ids, b.ID), append(texts, b.Text)
	}
	vecs, err := emb.Embed(ctx, texts, vitae.InputDocument) // from the cache
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		if !cache.Has(emb.Model(), text) {
			t.Fatalf("setup: %q not cached", text)
		}
	}
	before, _ := eng.Stats(ctx)
	if before.Resumes != 2 || before.Bullets != 4 || before.Vectors != 4 {
		t.Fatalf("setup stats: %+v", before)
	}

	if s, out, _ := do(t, ts, call{method: "DELETE", path: "/api/v1/resumes/erin-erased", key: "k"}); s != 200 {
		t.Fatalf("delete: %d %v", s, out)
	}

	// Search, in every mode, by text and by name.
	for _, mode := range []string{"keyword", "semantic", "hybrid"} {
		for _, q := range []string{"quarkflux ingestion pipeline clinical trials", "Erin Erased", "columnar warehouse migration"} {
			_, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"` + q + `","mode":"` + mode + `","limit":100}`})
			for _, h := range out["hits"].([]any) {
				if h.(map[string]any)["resume_id"] == "erin-erased" {
					t.Errorf("%s search %q still finds the erased person", mode, q)
				}
			}
		}
	}
	if s, _, _ := do(t, ts, call{method: "GET", path: "/api/v1/resumes/erin-erased"}); s != 404 {
		t.Errorf("GET résumé after erasure: %d", s)
	}
	if s, _, _ := do(t, ts, call{method: "GET", path: "/resumes/erin-erased"}); s != 404 {
		t.Errorf("résumé page after erasure: %d", s)
	}
	// Stats: exactly the person's résumé, bullets and vectors are gone.
	_, st, _ := do(t, ts, call{method: "GET", path: "/api/v1/stats"})
	if st["resumes"] != float64(1) || st["bullets"] != float64(2) || st["vectors"] != float64(2) {
		t.Errorf("stats after erasure: %v", st)
	}
	// Stored bullets and bleve's stored fields.
	if got, err := ix.Bullets(ids); err != nil || len(got) != 0 {
		t.Errorf("bullet store after erasure: %v %v", got, err)
	}
	lex, err := ix.Lexical(ctx, index.LexicalRequest{Text: "quarkflux", Size: 10})
	if err != nil || lex.Total != 0 {
		t.Errorf("keyword index after erasure: %v %+v", err, lex)
	}
	// The vector store: the person's own vectors find only other people.
	for i, v := range vecs {
		ns, err := ix.Nearest(ctx, v, 10, vitae.Filters{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			if n.ID == ids[i] {
				t.Errorf("vector of %s still in the vector store", ids[i])
			}
		}
	}
	// The embedding cache.
	for _, text := range texts {
		if cache.Has(emb.Model(), text) {
			t.Errorf("cached vector of %q survived erasure", text)
		}
	}
	// The other person is untouched.
	if _, err := eng.Resume(ctx, "ola-other"); err != nil {
		t.Errorf("the other résumé: %v", err)
	}
}
