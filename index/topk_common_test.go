package index_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"vitae/bench"
	"vitae/index"
)

// TestCommonShareNarrowsCandidatesOnly checks what CommonShare changes in
// a long query's ranking: only which bullets are candidates. Every hit
// keeps its exact score and its order in the ranking of every bullet
// (a deep page without CommonShare), so the page is that ranking without
// some bullets (those only common terms match); at least one query's
// page must differ, or the share did nothing; queries of at most 10
// terms are not touched.
func TestCommonShareNarrowsCandidatesOnly(t *testing.T) {
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		t.Skip(err)
	}
	jobs, err := bench.ReadJobs("../../shared/corpus/jobs.jsonl")
	if err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	ix, _, err := bench.GeneratedIndex(ctx, t.TempDir(), src, 3000, 1, index.Options{ANNThreshold: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var long []string
	for _, jd := range jobs {
		for _, line := range strings.Split(jd, "\n") {
			if r := []rune(strings.TrimSpace(line)); len(index.Terms(string(r))) > 10 && len(r) <= 900 && len(long) < 60 {
				long = append(long, string(r))
			}
		}
	}
	if len(long) == 0 {
		t.Skip("no job description line of more than 10 terms")
	}
	search := func(q string, size int, share float64) *index.LexicalResult {
		t.Helper()
		res, err := ix.Lexical(ctx, index.LexicalRequest{Text: q, Size: size, IDsOnly: true, CommonShare: share})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	const share = 0.02
	narrowed := 0
	for _, q := range long {
		deep := search(q, 1000, 0)
		at := map[string]int{}
		for i, h := range deep.Hits {
			at[h.Bullet.ID] = i
		}
		for _, size := range []int{10, 100} {
			got, all := search(q, size, share), search(q, size, 0)
			last := -1
			for _, h := range got.Hits {
				i, ok := at[h.Bullet.ID]
				switch {
				case !ok && len(deep.Hits) == 1000 && h.Score <= deep.Hits[999].Score:
					continue // ranked below the deep page
				case !ok:
					t.Fatalf("%q: %s (score %g) is not in the ranking of every bullet", q, h.Bullet.ID, h.Score)
				case math.Float64bits(h.Score) != math.Float64bits(deep.Hits[i].Score):
					t.Fatalf("%q: %s scores %g, %g without the share", q, h.Bullet.ID, h.Score, deep.Hits[i].Score)
				case i <= last:
					t.Fatalf("%q: %s comes before a bullet it follows without the share", q, h.Bullet.ID)
				}
				last = i
			}
			if ranking(got) != ranking(all) {
				narrowed++
			}
		}
	}
	t.Logf("%d long queries, %d pages narrowed", len(long), narrowed)
	if narrowed == 0 {
		t.Errorf("CommonShare %g changed no page of %d long queries", share, len(long))
	}
	short := "kubernetes terraform on-call rotation"
	if a, b := search(short, 100, 0), search(short, 100, share); len(a.Hits) == 0 || ranking(a) != ranking(b) {
		t.Errorf("%q (at most 10 terms): no hits, or the share changed its page", short)
	}
}

// ranking is a page's bullets and scores, to the last bit.
func ranking(res *index.LexicalResult) string {
	var b strings.Builder
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "%s %x\n", h.Bullet.ID, math.Float64bits(h.Score))
	}
	return b.String()
}

// TestCommonShareAllCommon: a long query whose every term is common (a
// share below any term's) ranks as without the share, not empty.
func TestCommonShareAllCommon(t *testing.T) {
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	ix, _, err := bench.GeneratedIndex(ctx, t.TempDir(), src, 2000, 1, index.Options{ANNThreshold: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const q = "led managed built designed developed team engineers platform customers company services systems data"
	if n := len(index.Terms(q)); n <= 10 {
		t.Fatalf("the query has %d terms; it must have more than 10", n)
	}
	var pages [2]*index.LexicalResult
	for i, share := range []float64{0, 1e-9} {
		if pages[i], err = ix.Lexical(ctx, index.LexicalRequest{Text: q, Size: 20, IDsOnly: true, CommonShare: share}); err != nil {
			t.Fatal(err)
		}
	}
	if len(pages[0].Hits) == 0 || ranking(pages[1]) != ranking(pages[0]) {
		t.Fatalf("every term common: %d hits %q, want the %d hits without the share %q", len(pages[1].Hits), ranking(pages[1]), len(pages[0].Hits), ranking(pages[0]))
	}
}
