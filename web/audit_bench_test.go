package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"vitae/audit"
	"vitae/bench"
	"vitae/index"
	"vitae/match"
	"vitae/search"
	"vitae/web"
)

// BenchmarkAuditedSearch10k times POST /api/v1/search on the 10,000-bullet
// generated index with the audit log off and on (texts kept, the default
// batched commits), on one index so the two differ only by the log. The
// ratio of the two ns/op is the log's cost to search throughput
// (target: under 5%).
func BenchmarkAuditedSearch10k(b *testing.B) {
	ix, l, queries := bench.Fixture10k(b, index.Options{})
	eng := search.New(ix, l, search.Options{})
	log, err := audit.Open(audit.Options{Dir: b.TempDir(), StoreText: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { log.Close() })
	var bodies []string
	for _, q := range queries {
		data, _ := json.Marshal(map[string]any{"query": q, "limit": 10})
		bodies = append(bodies, string(data))
	}
	for _, tc := range []struct {
		name string
		cfg  web.Config
	}{{"off", web.Config{}}, {"on", web.Config{Audit: log}}} {
		srv, err := web.New(eng, match.New(eng, match.Options{}), tc.cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
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
		})
	}
}
