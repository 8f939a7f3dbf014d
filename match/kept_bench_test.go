package match_test

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"testing"
	"time"

	"vitae/bench"
	"vitae/index"
	"vitae/internal/cputime"
	"vitae/match"
	"vitae/search"
)

// BenchmarkMatchKept matches the corpus's job descriptions against the
// index a `vitae bench --keep` run left at VITAE_BENCH_KEPT (WORK/1000000
// for 1M: its semantic index and trained model), int8 vectors and
// the saved graph as the 1M server runs, with search.Options.CommonShare off and at its default,
// alternating twice in one process. It reports the process's CPU time
// per match (cpu-ms/op: every goroutine, GC included), which other work
// on a shared machine inflates far less than the wall time. Skipped unset.
func BenchmarkMatchKept(b *testing.B) {
	dir := os.Getenv("VITAE_BENCH_KEPT")
	if dir == "" {
		b.Skip("VITAE_BENCH_KEPT is not set")
	}
	ctx := context.Background()
	// The 1M server's settings (config.yaml, BENCHMARKS.md "1M, stop 15"):
	// the saved graph is reused only with the options it was built with.
	debug.SetMemoryLimit(2500 << 20)
	ix, l, _, ok, err := bench.OpenKept(dir, index.Options{Quantize: true, SkipVerify: true, ANNThreshold: 50000,
		HNSW: index.HNSWOptions{M: 16, EfConstruction: 128, EfSearch: 256}})
	if err != nil {
		b.Fatal(err)
	}
	if !ok {
		b.Fatalf("%s holds no kept index (no saved model)", dir)
	}
	defer ix.Close()
	if st, err := ix.Stats(); err != nil || !st.Approximate {
		b.Fatalf("reopened without its graph (approximate %v): %v", st.Approximate, err)
	}
	all, err := bench.ReadJobs("../../shared/corpus/jobs.jsonl")
	if err != nil {
		b.Skip(err)
	}
	var jobs []string
	probe := match.New(search.New(ix, l, search.Options{}), match.Options{})
	for _, jd := range all { // the descriptions the parser finds requirements in
		if _, err := probe.Match(ctx, match.Request{JobDescription: jd, Limit: 10}); err == nil {
			jobs = append(jobs, jd)
		}
	}
	for round := 1; round <= 2; round++ {
		for _, share := range []float64{-1, search.DefaultCommonShare} {
			m := match.New(search.New(ix, l, search.Options{CommonShare: share}), match.Options{})
			b.Run(fmt.Sprintf("common=%g/round=%d", share, round), func(b *testing.B) {
				var cpu time.Duration
				for i := 0; b.Loop(); i++ {
					t := cputime.Process()
					if _, err := m.Match(ctx, match.Request{JobDescription: jobs[i%len(jobs)], Limit: 10}); err != nil {
						b.Fatal(err)
					}
					cpu += cputime.Process() - t
				}
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
