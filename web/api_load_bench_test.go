package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vitae/bench"
	"vitae/embed"
	"vitae/index"
	"vitae/internal/cputime"
	"vitae/match"
	"vitae/search"
	"vitae/web"
)

// BenchmarkAPISearchLoad times POST /api/v1/search through the whole
// router on a generated index (HNSW built above its threshold), as
// `vitae bench` loads it: hybrid with facets (the API default), hybrid
// without, and keyword, each by 16 concurrent clients. Besides ns/op it
// reports cpu-ms/op, the process's CPU time (user + system, GC included)
// per request: the figure a 2-core machine's throughput follows, and
// steadier than wall time when the machine is shared.
//
// VITAE_BENCH_BULLETS sets the index's size (default 10000; 100000 as
// BENCHMARKS.md reports). A 100k build takes minutes: set
// VITAE_BENCH_CACHE to a directory to build it there once and reuse it.
// VITAE_BENCH_QUANTIZE=1 searches int8 rows re-scored by float, as the
// configuration's default (index.quantize) does.
func BenchmarkAPISearchLoad(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("VITAE_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	ix, l, queries := loadFixture(b, n)
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
			cpu0 := cputime.Process()
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
					// A stale VITAE_BENCH_CACHE (vectors the build no longer
					// reads) degrades hybrid to keyword without an error.
					if bytes.Contains(w.Body.Bytes(), []byte(`"degraded":true`)) {
						b.Errorf("degraded answer: %.300s", w.Body)
						return
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(cputime.Process()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkAPISearchHTTP is `vitae bench`'s HTTP load (bench.LoadSearch:
// 32 clients over loopback, hybrid, with and without facets) on the
// fixture of BenchmarkAPISearchLoad, for 5 s per b.N (use -benchtime 1x).
// It reports searches/s and cpu-ms/op, the process's CPU time per
// request, client included: at 2 cores, 1,000 searches/s needs 2 ms.
//
// VITAE_BENCH_KEPT=W/1000000 serves the index a `vitae bench --keep` run
// left there instead (opened as the bench opens it, the heap's soft limit
// at 2500 MiB as BENCHMARKS.md's 1M runs set it).
func BenchmarkAPISearchHTTP(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("VITAE_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	var (
		ix      *index.Index
		l       *embed.Local
		queries []string
	)
	if kept := os.Getenv("VITAE_BENCH_KEPT"); kept != "" {
		ix, l, queries = loadKept(b, kept)
	} else {
		ix, l, queries = loadFixture(b, n)
	}
	eng := search.New(ix, l, search.Options{})
	srv, err := web.New(eng, match.New(eng, match.Options{}), web.Config{SemanticRatio: 0.5})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	// Warm the caches; a kept 1M index also checks its float rows' checksum
	// (~1 GB) once, on the first re-scoring.
	warm := 2 * time.Second
	if os.Getenv("VITAE_BENCH_KEPT") != "" {
		warm = 5 * time.Second
	}
	if _, err := bench.LoadSearch(ctx, srv, queries, "hybrid", true, 32, warm); err != nil {
		b.Fatal(err)
	}
	for _, facets := range []bool{true, false} {
		b.Run("facets="+strconv.FormatBool(facets), func(b *testing.B) {
			var reqs int64
			var secs float64
			cpu0 := cputime.Process()
			for b.Loop() {
				res, err := bench.LoadSearch(ctx, srv, queries, "hybrid", facets, 32, 5*time.Second)
				if err != nil {
					b.Fatal(err)
				}
				if res.Errors > 0 {
					b.Fatalf("%d errors in %d requests", res.Errors, res.Requests)
				}
				reqs, secs = reqs+res.Requests, secs+res.Seconds
			}
			b.ReportMetric(float64(reqs)/secs, "searches/s")
			b.ReportMetric(float64(cputime.Process()-cpu0)/float64(time.Millisecond)/float64(reqs), "cpu-ms/op")
		})
	}
}

// loadKept opens the index and model a `vitae bench --keep` run left at
// dir with the configuration's defaults, as the bench does, and warms its
// graph.
func loadKept(tb testing.TB, dir string) (*index.Index, *embed.Local, []string) {
	tb.Helper()
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		tb.Skip(err)
	}
	evalQs, _ := bench.ReadEvalFile("../eval/queries-dev.jsonl")
	queries := bench.Queries(evalQs, src, 170, 1)
	prev := debug.SetMemoryLimit(2500 << 20)
	tb.Cleanup(func() { debug.SetMemoryLimit(prev) })
	// The index's defaults (ANN threshold, HNSW), as config.yaml's;
	// quantized as config.yaml serves.
	ix, l, _, ok, err := bench.OpenKept(dir, index.Options{Quantize: true})
	if err != nil {
		tb.Fatal(err)
	}
	if !ok {
		tb.Fatalf("no kept index at %s", dir)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := bench.WarmANN(context.Background(), ix, l); err != nil {
		tb.Fatal(err)
	}
	return ix, l, queries
}

// benchQuantize is VITAE_BENCH_QUANTIZE=1: the fixture searches int8 rows.
func benchQuantize() bool { return os.Getenv("VITAE_BENCH_QUANTIZE") == "1" }

// loadFixture is an n-bullet generated index with its HNSW graph (above
// the threshold) and embedder, and `vitae bench`'s queries; with
// VITAE_BENCH_CACHE set, built in a directory of it named for n once and
// reopened on later runs.
func loadFixture(tb testing.TB, n int) (*index.Index, *embed.Local, []string) {
	tb.Helper()
	return loadFixtureANN(tb, n, 0)
}

// loadFixtureANN is loadFixture with the index's ANN threshold (0: the
// default); a fixture cached with another threshold is another directory.
func loadFixtureANN(tb testing.TB, n, annThreshold int) (*index.Index, *embed.Local, []string) {
	tb.Helper()
	opts := index.Options{Quantize: benchQuantize(), ANNThreshold: annThreshold}
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		tb.Skip(err)
	}
	evalQs, _ := bench.ReadEvalFile("../eval/queries-dev.jsonl") // optional
	queries := bench.Queries(evalQs, src, 170, 1)
	ctx := context.Background()
	cache := os.Getenv("VITAE_BENCH_CACHE")
	if cache != "" {
		cache = filepath.Join(cache, strconv.Itoa(n))
		if annThreshold != 0 {
			cache += "-ann" + strconv.Itoa(annThreshold)
		}
		if f, err := os.Open(filepath.Join(cache, "local.model")); err == nil {
			l, err := embed.LoadLocal(f)
			f.Close()
			if err != nil {
				tb.Fatal(err)
			}
			opts.Path = filepath.Join(cache, "index")
			ix, err := index.Open(opts)
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
		if err := os.MkdirAll(cache, 0o755); err != nil {
			tb.Fatal(err)
		}
		dir = cache
	}
	ix, l, err := bench.GeneratedIndex(ctx, filepath.Join(dir, "index"), src, n, 1, opts)
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
