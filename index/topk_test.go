package index_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/bench"
	"vitae/index"
)

// page is one keyword search's answer, scores to the last bit.
type page struct {
	Total int
	Hits  []string // id score-bits
}

func keywordPage(tb testing.TB, ix *index.Index, req index.LexicalRequest) page {
	tb.Helper()
	res, err := ix.Lexical(context.Background(), req)
	if err != nil {
		tb.Fatal(err)
	}
	p := page{Total: res.Total}
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, fmt.Sprintf("%s %x %d %s", h.Bullet.ID, math.Float64bits(h.Score), h.Rank, h.Bullet.Person))
	}
	return p
}

// heapTerms is the most terms bleve's disjunction sums in the order of
// its clauses (searcher.DisjunctionHeapTakeover): the top-k is equal to
// the last bit up to it, and up to rounding above.
const heapTerms = 10

// nearlyEqual says how page b differs from a beyond the rounding of a
// sum of scores: a different total or score at a rank (relative 1e-12),
// a bullet with another score, or a bullet absent from a whose score is
// neither a's first nor its last (a tie across the page's start or end). Bullets of equal scores may
// come in any order.
func nearlyEqual(a, b page) string {
	if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
		return fmt.Sprintf("total %d, %d hits; want %d, %d", b.Total, len(b.Hits), a.Total, len(a.Hits))
	}
	near := func(x, y float64) bool { return math.Abs(x-y) <= 1e-12*math.Max(math.Abs(x), math.Abs(y)) }
	parse := func(h string) (id string, score float64) {
		var bits uint64
		fmt.Sscanf(h, "%s %x", &id, &bits)
		return id, math.Float64frombits(bits)
	}
	parseScore := func(h string) float64 { _, s := parse(h); return s }
	inA := map[string]float64{}
	for _, h := range a.Hits {
		id, s := parse(h)
		inA[id] = s
	}
	for i, h := range b.Hits {
		id, s := parse(h)
		if _, sa := parse(a.Hits[i]); !near(s, sa) {
			return fmt.Sprintf("rank %d: score %g, want %g", i+1, s, sa)
		}
		if sa, ok := inA[id]; ok && !near(s, sa) {
			return fmt.Sprintf("%s: score %g, want %g", id, s, sa)
		} else if _, first := parse(a.Hits[0]); !ok && !near(s, first) && !near(s, parseScore(a.Hits[len(a.Hits)-1])) {
			return fmt.Sprintf("%s (score %g) is not in the page and not tied with its start or end", id, s)
		}
	}
	return ""
}

// TestExactTopKIsBleveRanking compares the exact top-k with bleve's one
// query (RoleDepth -1) on a generated index of corpus bullets, for the
// eval sets' queries and generated ones, at several pages, before and
// after deletions, with every postings list decoded and with none: the
// same bullets, order, scores (bit for bit),
// stored fields and totals; above heapTerms terms, the same up to
// rounding (nearlyEqual). VITAE_TOPK_BULLETS sets the index's size
// (default 3000; BENCHMARKS.md reports 100000 too).
func TestExactTopKIsBleveRanking(t *testing.T) {
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("VITAE_TOPK_BULLETS")); err == nil && v > 0 {
		n = v
	}
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	ix, _, err := bench.GeneratedIndex(ctx, dir, src, n, 1, index.Options{ANNThreshold: -1, RoleDepth: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var queries []string
	for _, f := range []string{"../eval/queries-dev.jsonl", "../eval/queries.jsonl", "../eval/jobs-dev.jsonl"} {
		qs, _ := bench.ReadEvalFile(f) // optional
		for _, q := range qs {
			queries = append(queries, q.Query)
		}
	}
	evalQs, _ := bench.ReadEvalFile("../eval/queries-dev.jsonl")
	queries = append(queries, bench.Queries(evalQs, src, 170, 1)...) // BenchmarkKeywordRoleDepth's
	queries = append(queries, bench.Queries(nil, src, 120, 7)...)
	queries = append(queries, "engineer", "engineer engineer team", "the of and", "zzzunknown developer", "kubernetes")
	// Job descriptions' lines, as matching asks them (one query per
	// requirement): many have more than heapTerms terms.
	jobs, _ := bench.ReadJobs("../../shared/corpus/jobs.jsonl") // optional
	long := 0
	for _, jd := range jobs {
		for _, line := range strings.Split(jd, "\n") {
			if r := []rune(strings.TrimSpace(line)); len(index.Terms(string(r))) > heapTerms && len(r) <= 900 && long < 60 {
				queries, long = append(queries, string(r)), long+1
			}
		}
	}
	longQs := 0
	for _, q := range queries {
		if len(index.Terms(q)) > heapTerms {
			longQs++
		}
	}
	compare := func(t *testing.T) {
		t.Helper()
		diffs, pages := 0, 0
		for _, q := range queries {
			for _, pg := range []struct{ size, from int }{{10, 0}, {100, 0}, {10, 25}} {
				req := index.LexicalRequest{Text: q, Size: pg.size, From: pg.from}
				// bleve, top-k, bleve: a background merge may reorder
				// equal scores between two searches (againstBleve).
				index.SetExactTopK(false)
				before := keywordPage(t, ix, req)
				index.SetExactTopK(true)
				got := keywordPage(t, ix, req)
				index.SetExactTopK(false)
				after := keywordPage(t, ix, req)
				index.SetExactTopK(true)
				pages++
				if len(index.Terms(q)) > heapTerms {
					// bleve sums in its heap's order: equal up to rounding.
					if d := nearlyEqual(after, got); d != "" && nearlyEqual(before, got) != "" {
						if diffs++; diffs <= 3 {
							t.Errorf("%q size %d from %d: %s", q, pg.size, pg.from, d)
						}
					}
					continue
				}
				if d := cmp.Diff(after, got); d != "" && !cmp.Equal(before, got) {
					if diffs++; diffs <= 3 {
						t.Errorf("%q size %d from %d (-bleve +exact):\n%s", q, pg.size, pg.from, d)
					}
				}
			}
		}
		t.Logf("%d bullets: %d pages compared (%d queries of more than %d terms), %d differ", n, pages, longQs, heapTerms, diffs)
	}
	// Every list decoded (the walk over arrays), then as the index does
	// at this size (the iterators: its lists are short).
	both := func(t *testing.T) {
		was := index.SetMinDecoded(1)
		t.Run("decoded", compare)
		index.SetMinDecoded(was)
		t.Run("iterated", compare)
	}
	t.Run("built", both)
	// After deletions. ix.Delete rewrites the segments it touched
	// (erase.go), so no deleted bullet stays in a list here:
	// TestDecodedPostingsExactTopK covers the walk stepping over them.
	var victims []string
	if err := ix.EachResume(ctx, func(r *vitae.Resume) error {
		if len(victims) < 40 {
			victims = append(victims, r.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range victims {
		if err := ix.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("after deletes", both)
}
