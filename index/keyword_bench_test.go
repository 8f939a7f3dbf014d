package index_test

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"vitae/bench"
	"vitae/index"
	"vitae/internal/cputime"
)

// BenchmarkKeywordRoleDepth times a keyword search scoring the role for
// every match (one query, RoleDepth -1) against scoring it for the
// text's best candidates only (two steps, at any index size) and against
// the exact top-k over the postings (topk.go, the default), on one
// generated index reopened for each, at a page of 10 (keyword mode) and
// of 100 (the keyword side of a hybrid search). Besides ns/op it reports
// the p50 and p99 of the searches' wall time and of their CPU time (on
// Linux; the figure to trust on a busy machine): the tail is what the
// two steps and the top-k are for. Each searches every query once before
// the timed loop (the top-k's bounds are cached then).
// VITAE_BENCH_BULLETS sets the index's size (default 10000; 100000 as
// BENCHMARKS.md reports).
func BenchmarkKeywordRoleDepth(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("VITAE_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		b.Skip(err)
	}
	dir := b.TempDir()
	ctx := context.Background()
	ix, _, err := bench.GeneratedIndex(ctx, dir, src, n, 1, index.Options{ANNThreshold: -1})
	if err != nil {
		b.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	evalQs, _ := bench.ReadEvalFile("../eval/queries-dev.jsonl") // optional
	queries := bench.Queries(evalQs, src, 170, 1)
	defer index.SetTwoStepsFrom(index.SetTwoStepsFrom(0))
	for _, size := range []int{10, 100} {
		for _, c := range []struct {
			name  string
			depth int
			exact bool
		}{{"one-query", -1, false}, {"two-steps", 0, false}, {"exact-topk", 0, true}} {
			b.Run(c.name+"/page-"+strconv.Itoa(size), func(b *testing.B) {
				defer index.SetExactTopK(index.SetExactTopK(c.exact))
				ix, err := index.Open(index.Options{Path: dir, ANNThreshold: -1, RoleDepth: c.depth, SkipVerify: true})
				if err != nil {
					b.Fatal(err)
				}
				defer ix.Close()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				var wall, cpu, first []time.Duration
				for _, q := range queries { // untimed: the first search of each query
					c := cputime.Thread()
					if _, err := ix.Lexical(ctx, index.LexicalRequest{Text: q, Size: size, IDsOnly: size > 10, Highlight: size == 10}); err != nil {
						b.Fatal(err)
					}
					first = append(first, cputime.Thread()-c)
				}
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					t, c := time.Now(), cputime.Thread()
					if _, err := ix.Lexical(ctx, index.LexicalRequest{Text: queries[i%len(queries)], Size: size, IDsOnly: size > 10, Highlight: size == 10}); err != nil {
						b.Fatal(err)
					}
					wall, cpu = append(wall, time.Since(t)), append(cpu, cputime.Thread()-c)
				}
				for _, m := range []struct {
					name string
					ds   []time.Duration
				}{{"wall", wall}, {"cpu", cpu}, {"first-cpu", first}} {
					slices.Sort(m.ds)
					ms := func(q float64) float64 { return float64(m.ds[int(q*float64(len(m.ds)-1))].Microseconds()) / 1000 }
					b.ReportMetric(ms(0.5), m.name+"-p50-ms")
					b.ReportMetric(ms(0.95), m.name+"-p95-ms")
					b.ReportMetric(ms(0.99), m.name+"-p99-ms")
				}
			})
		}
	}
}
