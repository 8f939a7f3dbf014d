package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"vitae/bench"
	"vitae/embed"
	"vitae/index"
	"vitae/match"
	"vitae/search"
	"vitae/web"
)

// BenchmarkAPISearch100k times POST /api/v1/search through the whole
// router on a 100,000-bullet generated index (HNSW built), as `vitae
// bench` loads it: hybrid with facets (the API default), hybrid without,
// and keyword, each by 16 concurrent clients. Besides ns/op it reports
// cpu-ms/op, the process's CPU time (user + system, GC included) per
// request: the figure a 2-core machine's throughput follows.
//
// Building the index takes a minute; set VITAE_BENCH_CACHE to a
// directory to build it there once and reuse it on later runs.
func BenchmarkAPISearch100k(b *testing.B) {
	ix, l, queries := fixture100k(b)
	eng := search.New(ix, l, search.Options{})
	srv, err := web.New(eng, match.New(eng, match.Options{}), web.Config{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name, mode string
		facets     bool
	}{
		{"hybrid-facets", "hybrid", true},
		{"hybrid", "hybrid", false},
		{"keyword", "keyword", false},
	} {
		var bodies []string
		for _, q := range queries {
			data, _ := json.Marshal(map[string]any{"query": q, "mode": c.mode, "limit": 10, "facets": c.facets})
			bodies = append(bodies, string(data))
		}
		b.Run(c.name, func(b *testing.B) {
			var next atomic.Int64
			b.SetParallelism(8) // 16 clients on 2 cores
			b.ReportAllocs()
			cpu0 := cpuTime()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					body := bodies[int(next.Add(1))%len(bodies)]
					req := httptest.NewRequest(http.MethodPost, "/api/v1/search", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.RemoteAddr = "127.0.0.1:1234"
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Errorf("status %d: %s", w.Code, w.Body)
						return
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fixture100k is a 100,000-bullet generated index with its HNSW graph
// and embedder, and `vitae bench`'s queries; with VITAE_BENCH_CACHE set,
// built there once and reopened on later runs.
func fixture100k(tb testing.TB) (*index.Index, *embed.Local, []string) {
	tb.Helper()
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		tb.Skip(err)
	}
	evalQs, _ := bench.ReadEvalFile("../eval/queries-dev.jsonl") // optional
	queries := bench.Queries(evalQs, src, 170, 1)
	ctx := context.Background()
	cache := os.Getenv("VITAE_BENCH_CACHE")
	if cache != "" {
		if f, err := os.Open(filepath.Join(cache, "local.model")); err == nil {
			l, err := embed.LoadLocal(f)
			f.Close()
			if err != nil {
				tb.Fatal(err)
			}
			ix, err := index.Open(index.Options{Path: filepath.Join(cache, "index")})
			if err != nil {
				tb.Fatal(err)
			}
			tb.Cleanup(func() { ix.Close() })
			if _, err := bench.WarmANN(ctx, ix, l); err != nil {
				tb.Fatal(err)
			}
			return ix, l, queries
		}
	}
	dir := tb.TempDir()
	if cache != "" {
		dir = cache
	}
	ix, l, err := bench.GeneratedIndex(ctx, filepath.Join(dir, "index"), src, 100_000, 1, index.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := bench.WarmANN(ctx, ix, l); err != nil {
		tb.Fatal(err)
	}
	if cache != "" {
		f, err := os.Create(filepath.Join(cache, "local.model"))
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		if err := l.Save(f); err != nil {
			tb.Fatal(err)
		}
	}
	return ix, l, queries
}
