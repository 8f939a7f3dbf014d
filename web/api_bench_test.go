package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"vitae/bench"
	"vitae/index"
	"vitae/match"
	"vitae/search"
	"vitae/web"
)

// BenchmarkAPISearch10k times POST /api/v1/search through the whole
// router (middleware, JSON in and out, facets as the API defaults) on a
// 10,000-bullet generated index, in hybrid mode: the request a page or
// client makes. Sequential: `vitae bench` measures concurrent load.
func BenchmarkAPISearch10k(b *testing.B) {
	ix, l, queries := bench.Fixture10k(b, index.Options{})
	eng := search.New(ix, l, search.Options{})
	srv, err := web.New(eng, match.New(eng, match.Options{}), web.Config{})
	if err != nil {
		b.Fatal(err)
	}
	var bodies []string
	for _, q := range queries {
		data, _ := json.Marshal(map[string]any{"query": q, "limit": 10})
		bodies = append(bodies, string(data))
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/search", strings.NewReader(bodies[i%len(bodies)]))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = "127.0.0.1:1234"
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
