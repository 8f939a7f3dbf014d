package index_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"vitae/bench"
	"vitae/index"
	"vitae/internal/cputime"
)

// BenchmarkKeywordLong times the keyword side of job matching: one query
// per line of the corpus's job descriptions that has more than 10 terms
// (what a requirement query mostly is), a page of 100 bullets, IDs only.
// "bleve" is the keyword search before the top-k took such queries
// (bleve's searchers: one query, or two steps for 11–16 terms from 50k
// bullets), "topk" the top-k; both on the same index, interleaved per
// b.N. It reports the search thread's CPU time per query.
//
// VITAE_BENCH_BULLETS sets the index's size (default 10000). Set
// VITAE_BENCH_CACHE to reuse an index built by BenchmarkAPISearchLoad
// (web/) under it, as a 100k build takes minutes.
func BenchmarkKeywordLong(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("VITAE_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	dir := filepath.Join(os.Getenv("VITAE_BENCH_CACHE"), strconv.Itoa(n), "index")
	if _, err := os.Stat(dir); os.Getenv("VITAE_BENCH_CACHE") == "" || err != nil {
		src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
		if err != nil {
			b.Skip(err)
		}
		dir = b.TempDir()
		ix, _, err := bench.GeneratedIndex(ctx, dir, src, n, 1, index.Options{ANNThreshold: -1})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	jobs, err := bench.ReadJobs("../../shared/corpus/jobs.jsonl")
	if err != nil {
		b.Skip(err)
	}
	var queries []string
	for _, jd := range jobs {
		for _, line := range strings.Split(jd, "\n") {
			if r := []rune(strings.TrimSpace(line)); len(r) <= 900 && len(index.Terms(string(r))) > 10 {
				queries = append(queries, string(r))
			}
		}
	}
	ix, err := index.Open(index.Options{Path: dir, ANNThreshold: -1, SkipVerify: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for _, c := range []struct {
		name  string
		exact bool
	}{{"bleve", false}, {"topk", true}} {
		b.Run(c.name, func(b *testing.B) {
			defer index.SetExactTopK(index.SetExactTopK(c.exact))
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var cpu time.Duration
			for i := 0; b.Loop(); i++ {
				t := cputime.Thread()
				if _, err := ix.Lexical(ctx, index.LexicalRequest{Text: queries[i%len(queries)], Size: 100, IDsOnly: true}); err != nil {
					b.Fatal(err)
				}
				cpu += cputime.Thread() - t
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
