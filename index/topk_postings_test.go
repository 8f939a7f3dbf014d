package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"vitae"
)

// The walk over decoded lists gives the iterators' page, scores to the
// bit, and the full ranking's: random short and long queries over a Zipf
// corpus, every list decoded, the decoded lists kept across deletions
// (the arrays hold deleted bullets; the walk steps over them).
func TestDecodedPostingsExactTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 19))
	vocab := vocabulary('w', 300)
	ix := open(t, Options{RoleDepth: -1})
	rs := zipfCorpus(t, ix, rng, vocab, 150)
	was := minDecoded
	minDecoded = 1
	t.Cleanup(func() { minDecoded = was })
	var pc postingsCache
	withDeletions := 0
	// All of a stage's queries run on one snapshot: scorch's merger may
	// fold the segments with deletions away between two of them.
	check := func(stage string, snap *scorch.IndexSnapshot) {
		for q := range 80 {
			n := 1 + rng.IntN(10) // a search box's
			if q%3 == 0 {
				n = 11 + rng.IntN(30) // a requirement's
			}
			words := make([]string, n)
			for i := range words {
				words[i] = vocab[rng.IntN(1+rng.IntN(len(vocab)))]
			}
			terms := Terms(strings.Join(words, " "))
			k := []int{10, 100}[q%2]
			share := []float64{0, 0.02, 0.2}[q%3]
			p := planOn(t, snap, ix, terms)
			p.markCommon(share)
			iterated, decoded := runBoth(t, p, &pc, k)
			want := fullRanking(t, p, k)
			if fmt.Sprint(decoded) != fmt.Sprint(iterated) || fmt.Sprint(decoded) != fmt.Sprint(want) {
				t.Fatalf("%s, query %d (%d terms, share %g, k %d):\ndecoded %v\niterated %v\nfull %v", stage, q, len(terms), share, k, decoded, iterated, want)
			}
			if decodedOnDeletions(p.snap, &pc) {
				withDeletions++
			}
		}
	}
	withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) { check("fresh", snap) })
	if len(pc.m) == 0 {
		t.Fatal("no list was decoded")
	}
	// Replaced bullets stay in their segments, marked deleted (a Delete
	// rewrites the segments it touched: erase.go), until a merge folds
	// them away: upsert again until a snapshot keeps some.
	checked := false
	for try := 0; !checked; try++ {
		if try == 5 {
			t.Fatal("no snapshot kept a segment with deletions after 5 upserts")
		}
		for _, r := range rs[:40] {
			slices.Reverse(r.Bullets)
			for i := range r.Bullets {
				r.Bullets[i].Text += " " + vocab[i]
			}
			r.Hash += "'"
		}
		if _, err := ix.Upsert(context.Background(), rs[:40]); err != nil {
			t.Fatal(err)
		}
		withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) {
			if !slices.ContainsFunc(snap.Segments(), func(s *scorch.SegmentSnapshot) bool { return deletedOf(s.Deleted()) != nil }) {
				return
			}
			checked = true
			check("after replacing 40 résumés", snap)
		})
	}
	if withDeletions == 0 {
		t.Error("no query walked a decoded list holding deleted bullets")
	}
}

// runPage is p's page of k.
func runPage(t *testing.T, p *topkPlan, k int) []hit {
	t.Helper()
	page, err := p.run(context.Background(), k)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// runBoth is p's page of k walked over the iterators, then over the long
// lists decoded into pc.
func runBoth(t *testing.T, p *topkPlan, pc *postingsCache, k int) (iterated, decoded []hit) {
	t.Helper()
	iterated = runPage(t, p, k)
	p.useDecoded(pc)
	return iterated, runPage(t, p, k)
}

// decodedOnDeletions reports whether pc holds a decoded list of one of
// snap's segments that holds a bullet deleted there.
func decodedOnDeletions(snap *scorch.IndexSnapshot, pc *postingsCache) bool {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	for _, s := range snap.Segments() {
		del := deletedOf(s.Deleted())
		if del == nil {
			continue
		}
		for k, e := range pc.m {
			if k.seg == s.Segment() && e.arr != nil && slices.ContainsFunc(e.arr.docs, del.Contains) {
				return true
			}
		}
	}
	return false
}

// Past the budget the cache drops lists and still answers exactly.
func TestDecodedPostingsBudget(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := vocabulary('b', 200)
	ix := open(t, Options{RoleDepth: -1})
	zipfCorpus(t, ix, rng, vocab, 100)
	wasMin, wasBudget := minDecoded, decodedBudget
	minDecoded, decodedBudget = 1, 4<<10
	t.Cleanup(func() { minDecoded, decodedBudget = wasMin, wasBudget })
	var pc postingsCache
	asked := map[postingsKey]bool{}
	for q := range 40 {
		terms := Terms(strings.Join([]string{vocab[q%7], vocab[rng.IntN(len(vocab))], vocab[rng.IntN(20)]}, " "))
		withPlan(t, ix, terms, func(p *topkPlan) {
			want, got := runBoth(t, p, &pc, 50)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("query %d: decoded %v\nwant %v", q, got, want)
			}
		})
		pc.mu.RLock()
		var held, largest int64
		for k, e := range pc.m {
			asked[k] = true
			if e.arr != nil {
				held, largest = held+e.arr.bytes(), max(largest, e.arr.bytes())
			}
		}
		pc.mu.RUnlock()
		if held > max(decodedBudget, largest) {
			t.Fatalf("query %d: %d bytes held, budget %d", q, held, decodedBudget)
		}
	}
	if len(pc.m) >= len(asked) {
		t.Errorf("%d lists kept of %d asked: none was dropped", len(pc.m), len(asked))
	}
}

func TestPostingArraySearch(t *testing.T) {
	a := &postingArray{docs: []uint32{2, 3, 5, 8, 13, 21, 34, 55, 89, 144}}
	for from := range len(a.docs) + 1 { // against a linear scan
		for d := range uint64(150) {
			want := from
			for want < len(a.docs) && uint64(a.docs[want]) < d {
				want++
			}
			if got := a.search(from, d); got != want {
				t.Fatalf("search(%d, %d) = %d, want %d", from, d, got, want)
			}
		}
	}
	if got := a.search(0, 1<<40); got != len(a.docs) {
		t.Errorf("search past uint32 = %d, want %d", got, len(a.docs))
	}
}

// Searches that decode, share and drop lists at once answer as one alone
// (run with -race).
func TestDecodedPostingsConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	vocab := vocabulary('c', 150)
	ix := open(t, Options{RoleDepth: -1})
	zipfCorpus(t, ix, rng, vocab, 80)
	var queries []string
	for q := range 30 {
		queries = append(queries, strings.Join([]string{vocab[q%5], vocab[rng.IntN(len(vocab))], vocab[rng.IntN(30)]}, " "))
	}
	ctx := context.Background()
	answer := func(q string) string {
		res, err := ix.Lexical(ctx, LexicalRequest{Text: q, Size: 20, IDsOnly: true})
		if err != nil {
			t.Error(err)
			return ""
		}
		// Equal scores break by segment and number there, which a
		// background merge renumbers between two searches: the page is
		// compared with each tie in ID order and the tie at its end cut,
		// as its members depend on that order.
		hits := res.Hits
		if len(hits) == 20 {
			last := hits[len(hits)-1].Score
			for len(hits) > 0 && hits[len(hits)-1].Score == last {
				hits = hits[:len(hits)-1]
			}
		}
		var lines []string
		for i := 0; i < len(hits); {
			j := i
			var ids []string
			for ; j < len(hits) && hits[j].Score == hits[i].Score; j++ {
				ids = append(ids, hits[j].Bullet.ID)
			}
			slices.Sort(ids)
			lines = append(lines, fmt.Sprintf("%x %s", hits[i].Score, strings.Join(ids, " ")))
			i = j
		}
		return strings.Join(lines, "\n")
	}
	want := make([]string, len(queries))
	for i, q := range queries { // iterated: no list is long enough
		want[i] = answer(q)
	}
	wasMin, wasBudget := minDecoded, decodedBudget
	minDecoded, decodedBudget = 1, 8<<10
	t.Cleanup(func() { minDecoded, decodedBudget = wasMin, wasBudget })
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 3 * len(queries) {
				k := (i + w*7) % len(queries)
				if got := answer(queries[k]); got != want[k] {
					t.Errorf("%q: decoded, concurrently:\n%s\nwant\n%s", queries[k], got, want[k])
					return
				}
			}
		})
	}
	wg.Wait()
	ix.decoded.mu.RLock()
	defer ix.decoded.mu.RUnlock()
	if len(ix.decoded.m) == 0 {
		t.Error("no list was decoded")
	}
}

// A list whose frequency or field length does not fit 16 bits is not
// packed: get gives nil, its cursor iterates, and the page is the
// iterators' walk's.
func TestDecodedPostingsOverflow(t *testing.T) {
	ix := open(t, Options{RoleDepth: -1})
	long := strings.Repeat("zebra ", 70_000)
	rs := []*vitae.Resume{
		resume("o1", "P", "Acme", "Keeper", "2020", "", nil, long, "zebra yak", "yak yak"),
		resume("o2", "Q", "Acme", "Keeper", "2020", "", nil, "zebra zebra yak", "yak"),
	}
	if _, err := ix.Upsert(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	was := minDecoded
	minDecoded = 1
	t.Cleanup(func() { minDecoded = was })
	var pc postingsCache
	withPlan(t, ix, Terms("zebra yak"), func(p *topkPlan) {
		iterated, decoded := runBoth(t, p, &pc, 10)
		if fmt.Sprint(decoded) != fmt.Sprint(iterated) || len(decoded) != 5 {
			t.Fatalf("decoded %v\niterated %v (want 5 hits)", decoded, iterated)
		}
		lists, packed := map[string]int{}, map[string]int{}
		for i, c := range p.text {
			for j, s := range p.snap.Segments() {
				pl := p.textPL[i][j]
				if pl == nil || pl.Count() == 0 {
					continue
				}
				arr, err := pc.get(s.Segment(), c.field, c.term, pl.Count())
				if err != nil {
					t.Fatal(err)
				}
				if lists[string(c.term)]++; arr != nil {
					packed[string(c.term)]++
				}
			}
		}
		if lists["zebra"] == 0 || packed["zebra"] != 0 {
			t.Errorf("zebra: %d of %d lists packed, want none of one or more", packed["zebra"], lists["zebra"])
		}
		if packed["yak"] == 0 {
			t.Error("yak's lists were not packed: the test decodes nothing")
		}
	})
}

// A search on an older snapshot, after a newer one's retain dropped its
// segments, answers from the lists it decodes but keeps none of them.
func TestDecodedPostingsOldSnapshot(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	vocab := vocabulary('o', 100)
	ix := open(t, Options{RoleDepth: -1})
	zipfCorpus(t, ix, rng, vocab, 60)
	was := minDecoded
	minDecoded = 1
	t.Cleanup(func() { minDecoded = was })
	var pc postingsCache
	terms := Terms(strings.Join(vocab[:6], " "))
	withSnapshot(t, ix, func(old *scorch.IndexSnapshot) {
		p := planOn(t, old, ix, terms)
		want := runPage(t, p, 20)
		p.useDecoded(&pc) // retains old's segments
		// A newer snapshot's retain, its first segment merged away.
		var segs []segment.Segment
		for _, s := range old.Segments()[1:] {
			segs = append(segs, s.Segment())
		}
		pc.retain(segs)
		got := runPage(t, p, 20)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("old snapshot, decoded %v\nwant %v", got, want)
		}
	})
	if len(pc.m) == 0 && len(pc.live) > 0 {
		t.Error("no list of a live segment was kept")
	}
	for k := range pc.m {
		if !slices.Contains(pc.live, k.seg) {
			t.Fatalf("a list of a dropped segment is kept (%s %q)", k.field, k.term)
		}
	}
}

// The bytes the cache counts are the bytes it holds once it has had to
// make room: retain drops lists without counting them, so evict counts
// again before dropping any. Two lists fit the budget once a third,
// retained away, is no longer held: none is dropped.
func TestDecodedPostingsBudgetAfterRetain(t *testing.T) {
	vocab := vocabulary('r', 3) // a: in every bullet; c, d: in a third each
	ix := open(t, Options{RoleDepth: -1})
	var rs []*vitae.Resume
	for r := range 30 {
		text := vocab[0]
		if r%3 > 0 {
			text += " " + vocab[r%3]
		}
		rs = append(rs, resume(fmt.Sprintf("r%02d", r), "P", "Acme", "Keeper", "2020", "", nil, text))
	}
	if _, err := ix.Upsert(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	wasMin, wasBudget := minDecoded, decodedBudget
	minDecoded, decodedBudget = 1, 2*10*8 // c's and d's lists, 10 postings each
	t.Cleanup(func() { minDecoded, decodedBudget = wasMin, wasBudget })
	withPlan(t, ix, Terms(vocab[0]), func(p *topkPlan) {
		var pc postingsCache
		seg, field := p.snap.Segments()[0].Segment(), p.text[0].field
		get := func(w string) *postingArray {
			t.Helper()
			arr, err := pc.get(seg, field, []byte(Terms(w)[0]), seg.Count())
			if err != nil || arr == nil {
				t.Fatalf("%s: no list decoded (%v)", w, err)
			}
			return arr
		}
		pc.retain([]segment.Segment{seg})
		if a := get(vocab[0]); a.bytes() != 30*8 {
			t.Fatalf("fixture: a's list holds %d bytes, want %d", a.bytes(), 30*8)
		}
		pc.retain(nil) // a newer snapshot without seg: a is dropped uncounted
		pc.retain([]segment.Segment{seg})
		get(vocab[1])
		get(vocab[2])
		pc.mu.RLock()
		defer pc.mu.RUnlock()
		var held int64
		for _, e := range pc.m {
			if e.arr != nil {
				held += e.arr.bytes()
			}
		}
		if len(pc.m) != 2 || pc.bytes != held {
			t.Errorf("%d lists held, %d bytes counted for %d held; want c's and d's, counted as held", len(pc.m), pc.bytes, held)
		}
	})
}
