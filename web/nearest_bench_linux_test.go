package web_test

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"vitae"
	"vitae/internal/cputime"
)

// BenchmarkNearestFixture is the vector side of a hybrid search alone
// (Index.Nearest for the engine's 100 candidates) on APISearchHTTP's
// fixture, over the bench's queries embedded once. It reports the search
// thread's CPU time per search (cpu-us/op): the HNSW walk's cost, which
// other processes' load inflates less than wall time. The ANN threshold
// is set low so that the default 10k bullets walk the graph too (under
// the default 50k they would be scanned exactly); the bench fails if the
// index is not searching its graph.
func BenchmarkNearestFixture(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("VITAE_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	const annThreshold = 1000
	if n <= annThreshold {
		b.Fatalf("VITAE_BENCH_BULLETS=%d: at most the ANN threshold %d, scanned exactly", n, annThreshold)
	}
	ix, l, queries := loadFixtureANN(b, n, annThreshold)
	if st, err := ix.Stats(); err != nil || !st.Approximate {
		b.Fatalf("the index is not searching its HNSW graph (stats %+v, %v)", st, err)
	}
	ctx := context.Background()
	vecs, err := l.Embed(ctx, queries, vitae.InputQuery)
	if err != nil {
		b.Fatal(err)
	}
	search := func() time.Duration {
		t := cputime.Thread()
		for _, v := range vecs {
			if ns, err := ix.Nearest(ctx, v, 100, vitae.Filters{}); err != nil || len(ns) != 100 {
				b.Fatalf("%d neighbours: %v", len(ns), err)
			}
		}
		return cputime.Thread() - t
	}
	runtime.LockOSThread() // the thread's clock counts this goroutine only
	defer runtime.UnlockOSThread()
	search() // rows checked against their checksums once, caches warm
	var cpu time.Duration
	for b.Loop() {
		cpu += search()
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*len(vecs)), "cpu-us/op")
}
