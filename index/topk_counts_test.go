package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"vitae"
)

// vocabulary is n distinct made-up words starting with lead (no two
// share their first four letters; a q inside: no stopword), for the
// Zipf corpora of the top-k tests.
func vocabulary(lead byte, n int) []string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%c%cq%c%c", lead, 'a'+i%26, 'a'+i/26%26, 'a'+i/5%26)
	}
	return ws
}

// zipfCorpus is n résumés of made-up words drawn by Zipf's law (a few
// words in most bullets, most in a few), roles drawn from the same
// words, upserted in batches so the index has several segments.
func zipfCorpus(t *testing.T, ix *Index, rng *rand.Rand, vocab []string, n int) []*vitae.Resume {
	t.Helper()
	word := func() string {
		// P(i) ∝ 1/(i+1): inverse of the harmonic CDF, near enough.
		return vocab[int(math.Exp(rng.Float64()*math.Log(float64(len(vocab)+1))))-1]
	}
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	var rs []*vitae.Resume
	for r := range n {
		texts := make([]string, 5+rng.IntN(15))
		for i := range texts {
			texts[i] = words(3 + rng.IntN(25))
		}
		rs = append(rs, resume(fmt.Sprintf("z%03d", r), "P", "Acme", words(1+rng.IntN(3)), "2020", "", nil, texts...))
	}
	for i := 0; i < len(rs); i += 30 {
		if _, err := ix.Upsert(context.Background(), rs[i:min(i+30, len(rs))]); err != nil {
			t.Fatal(err)
		}
	}
	return rs
}

// fullRanking scores every bullet of every segment the plan's rare
// clauses (not common, text or role) match, by the score's definition
// and without any bound, and keeps the k best: what the walk must equal.
func fullRanking(t *testing.T, p *topkPlan, k int) []hit {
	t.Helper()
	h := &topHeap{k: k}
	for j, s := range p.snap.Segments() {
		open := func(cs []*clause, pls [][]segment.PostingsList, role bool) []*cursor {
			var us []*cursor
			for i, c := range cs {
				u := &cursor{c: c, role: role, it: pls[i][j].Iterator(true, true, false, nil)}
				if err := u.next(); err != nil {
					t.Fatal(err)
				}
				us = append(us, u)
			}
			return us
		}
		text, role := open(p.text, p.textPL, false), open(p.role, p.rolePL, true)
		for d := range s.Segment().Count() {
			var sum, rsum float64
			m, mr, rare := 0, 0, false
			for _, us := range [][]*cursor{text, role} {
				for _, u := range us {
					if err := u.seek(d); err != nil {
						t.Fatal(err)
					}
					if !u.on || u.doc != d {
						continue
					}
					rare = rare || !u.c.common
					if u.role {
						rsum, mr = rsum+u.score(), mr+1
					} else {
						sum, m = sum+u.score(), m+1
					}
				}
			}
			if !rare || m == 0 {
				continue
			}
			score := 0 + sum*(float64(m)/float64(len(text)))
			if mr > 0 {
				score += rsum * (float64(mr) / float64(len(role)))
			}
			if x := (hit{score: score, seg: j, doc: d}); !h.full() || worse(h.hs[0], x) {
				h.push(x)
			}
		}
	}
	return h.sorted()
}

// The walk's page of a long query with common clauses, counted per
// bullet or bounded whole, is the full ranking's, scores to the bit:
// random queries over a Zipf corpus, before and after deletions.
func TestCommonCountsExactTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 20))
	vocab := vocabulary('q', 400)
	ix := open(t, Options{RoleDepth: -1})
	rs := zipfCorpus(t, ix, rng, vocab, 150)
	t.Cleanup(func() { commonCountsOn = true }) // a failure must not leave counts off for later tests
	made := commonCountsMade.Load()
	counted := 0
	check := func(stage string) {
		for q := range 60 {
			words := make([]string, 11+rng.IntN(40))
			for i := range words {
				// Mostly frequent words, so a query has common ones.
				words[i] = vocab[rng.IntN(1+rng.IntN(len(vocab)))]
			}
			terms := Terms(strings.Join(words, " "))
			share := []float64{0.005, 0.02, 0.05, 0.2}[q%4]
			k := []int{10, 100}[q%2]
			got := map[bool][]hit{}
			var want []hit
			// One snapshot for the three: a merge may renumber bullets.
			withPlan(t, ix, terms, func(p *topkPlan) {
				p.markCommon(share)
				for _, on := range []bool{true, false} {
					commonCountsOn = on
					hs, err := p.run(context.Background(), k)
					if err != nil {
						t.Fatal(err)
					}
					got[on] = hs
				}
				want = fullRanking(t, p, k)
				for _, c := range p.text {
					if c.common {
						counted++
						break
					}
				}
			})
			commonCountsOn = true
			for on, hs := range got {
				if fmt.Sprint(hs) != fmt.Sprint(want) {
					t.Fatalf("%s, query %d (%d terms, share %g, k %d), counts %v:\n got %v\nwant %v", stage, q, len(terms), share, k, on, hs, want)
				}
			}
		}
	}
	check("fresh")
	for _, r := range rs[:40] {
		if err := ix.Delete(context.Background(), r.ID); err != nil {
			t.Fatal(err)
		}
	}
	check("after deleting 40 résumés")
	if counted < 60 {
		t.Errorf("%d of 120 queries had common clauses; the test must exercise the counts", counted)
	}
	if n := commonCountsMade.Load() - made; n < int64(counted) {
		t.Errorf("counts were built for %d segments over %d queries with common clauses: the walks fell back to whole bounds", n, counted)
	}
}

// withPlan runs f on the plan of terms over ix's current snapshot.
func withPlan(t *testing.T, ix *Index, terms []string, f func(*topkPlan)) {
	t.Helper()
	withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) { f(planOn(t, snap, ix, terms)) })
}

// planOn is the plan of terms over snap, with ix's bounds.
func planOn(t *testing.T, snap *scorch.IndexSnapshot, ix *Index, terms []string) *topkPlan {
	t.Helper()
	tokens := make([][]byte, len(terms))
	for i, s := range terms {
		tokens[i] = []byte(s)
	}
	p, err := newTopkPlan(snap, tokens, &ix.bounds)
	if err != nil || p == nil {
		t.Fatalf("no plan (%v)", err)
	}
	return p
}

// Bounds a newer snapshot computed still bound an older snapshot's
// bullets that the newer one has deleted: the older snapshot's pages
// are the full ranking's.
func TestBoundsOnOlderSnapshot(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	vocab := vocabulary('n', 120)
	// Reopened, so the old snapshot's segments are the persisted ones
	// the newer snapshots share (not in-memory ones the persister swaps).
	dir := t.TempDir()
	first, err := Open(Options{Path: dir, RoleDepth: -1})
	if err != nil {
		t.Fatal(err)
	}
	rs := zipfCorpus(t, first, rng, vocab, 60)
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	ix := open(t, Options{Path: dir, RoleDepth: -1})
	queries := make([][]string, 60)
	for q := range queries {
		words := make([]string, 1+rng.IntN(4))
		for i := range words {
			words[i] = vocab[rng.IntN(1+rng.IntN(30))]
		}
		queries[q] = Terms(strings.Join(words, " "))
	}
	compared := 0
	for try := 0; compared == 0; try++ {
		if try == 8 {
			t.Fatal("in 8 tries the merger folded every old segment away: no bound shared")
		}
		settled(t, ix)
		withSnapshot(t, ix, func(old *scorch.IndexSnapshot) {
			// A third of the résumés replaced by rare words: their
			// bullets stay in the old segments, deleted.
			var replaced []*vitae.Resume
			for i := try % 3; i < len(rs); i += 3 {
				r := rs[i]
				for i := range r.Bullets {
					r.Bullets[i].Text = vocab[len(vocab)-1-i%10]
				}
				r.Hash += "'"
				replaced = append(replaced, r)
			}
			if _, err := ix.Upsert(context.Background(), replaced); err != nil {
				t.Fatal(err)
			}
			shared := false
			withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) {
				for _, s := range old.Segments() {
					shared = shared || slices.ContainsFunc(snap.Segments(), func(n *scorch.SegmentSnapshot) bool { return n.Segment() == s.Segment() })
				}
				if !shared {
					return
				}
				for _, terms := range queries { // the newer snapshot's bounds first
					if _, err := planOn(t, snap, ix, terms).run(context.Background(), 10); err != nil {
						t.Fatal(err)
					}
				}
			})
			if !shared {
				return
			}
			for q, terms := range queries {
				p := planOn(t, old, ix, terms)
				got, err := p.run(context.Background(), 10)
				if err != nil {
					t.Fatal(err)
				}
				if want := fullRanking(t, p, 10); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("old snapshot, query %d %v:\ngot %v\nfull %v", q, terms, got, want)
				}
				compared++
			}
		})
	}
}

// settled waits until ix's merger has folded its segments into one (the
// old snapshot's segment then outlives the next batch), for at most 10 s.
func settled(t *testing.T, ix *Index) {
	t.Helper()
	for range 1000 {
		n := 0
		withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) { n = len(snap.Segments()) })
		if n <= 1 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}
