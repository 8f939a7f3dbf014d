package index_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"vitae/bench"
	"vitae/index"
	"vitae/internal/cputime"
)

// BenchmarkKeywordDepthKept times the top-k's keyword side against the
// page it is asked for, on the index a `vitae bench --keep` run left at
// VITAE_BENCH_INDEX (WORK/1000000/semantic for 1M): "search" is the
// bench's query set (the dev eval queries and 170 generated, as `vitae
// bench` sends them), "requirement" every line of the corpus's job
// descriptions (what match sends, one query per requirement). A hybrid
// search asks the keyword side for 100 hits, a page of 10 for 10;
// "common" is LexicalRequest.CommonShare, what match's batch sets. It
// reports the search thread's CPU time per query. Skipped unset.
func BenchmarkKeywordDepthKept(b *testing.B) {
	path := os.Getenv("VITAE_BENCH_INDEX")
	if path == "" {
		b.Skip("VITAE_BENCH_INDEX is not set")
	}
	ctx := context.Background()
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume")
	if err != nil {
		b.Skip(err)
	}
	eq, err := bench.ReadEvalFile("../eval/queries-dev.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	jobs, err := bench.ReadJobs("../../shared/corpus/jobs.jsonl")
	if err != nil {
		b.Skip(err)
	}
	var reqs []string
	for _, jd := range jobs {
		for _, line := range strings.Split(jd, "\n") {
			if r := []rune(strings.TrimSpace(line)); len(r) <= 900 && len(index.Terms(string(r))) > 0 {
				reqs = append(reqs, string(r))
			}
		}
	}
	sets := []struct {
		name    string
		queries []string
	}{{"search", bench.Queries(eq, src, 170, 1)}, {"requirement", reqs}}
	// The options the kept graph was built with: opened without its ANN
	// (ANNThreshold -1), an index drops its saved graph at Close, and the
	// next bench run rebuilds it (minutes at 1M).
	ix, err := index.Open(index.Options{Path: path, Quantize: true, SkipVerify: true, ANNThreshold: 50000,
		HNSW: index.HNSWOptions{M: 16, EfConstruction: 128, EfSearch: 256}})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	// Each query once first: the bounds of its terms' postings are
	// cached then (boundCache), so no variant pays for them.
	for _, set := range sets {
		for _, q := range set.queries {
			if _, err := ix.Lexical(ctx, index.LexicalRequest{Text: q, Size: 100, IDsOnly: true}); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		set   int
		size  int
		share float64
	}{{0, 100, 0}, {0, 50, 0}, {0, 10, 0}, {1, 100, 0}, {1, 50, 0}, {1, 100, 0.05}, {1, 100, 0.02}, {1, 100, 0.01}} {
		set := sets[c.set]
		{
			b.Run(fmt.Sprintf("%s/k=%d/common=%g", set.name, c.size, c.share), func(b *testing.B) {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				var cpu time.Duration
				for i := 0; b.Loop(); i++ {
					t := cputime.Thread()
					if _, err := ix.Lexical(ctx, index.LexicalRequest{Text: set.queries[i%len(set.queries)], Size: c.size, IDsOnly: true, CommonShare: c.share}); err != nil {
						b.Fatal(err)
					}
					cpu += cputime.Thread() - t
				}
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
