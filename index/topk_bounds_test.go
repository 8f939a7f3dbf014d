package index

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"vitae"
)

// TestBoundsHoldOlderLive pins, without depending on which pages a query
// happens to reach, what TestBoundsOnOlderSnapshot samples: a bound a
// newer snapshot cached for a segment an older snapshot shares is at
// least the saturation of every posting still live in the older one.
// The bullets the newer snapshot deletes are the term's only short ones
// ("qalpha qalpha"), so a bound over the newer snapshot's live postings
// alone falls below theirs in every block.
func TestBoundsHoldOlderLive(t *testing.T) {
	dir := t.TempDir()
	first, err := Open(Options{Path: dir, RoleDepth: -1})
	if err != nil {
		t.Fatal(err)
	}
	var rs []*vitae.Resume
	for r := range 40 {
		texts := []string{"qalpha qbeta qgamma qdelta qepsilon qzeta qeta qtheta qiota qkappa"}
		if r%4 == 0 {
			texts = append(texts, "qalpha qalpha")
		}
		rs = append(rs, resume(fmt.Sprintf("b%03d", r), "P", "Acme", "Engineer", "2020", "", nil, texts...))
	}
	if _, err := first.Upsert(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened: the old snapshot's segments are the persisted ones the
	// newer snapshots share.
	ix := open(t, Options{Path: dir, RoleDepth: -1})
	// setShort sets the short bullets' text and upserts them.
	setShort := func(text string) {
		var changed []*vitae.Resume
		for _, r := range rs {
			if len(r.Bullets) == 2 {
				r.Bullets[1].Text = text
				r.Hash += "'"
				changed = append(changed, r)
			}
		}
		if _, err := ix.Upsert(context.Background(), changed); err != nil {
			t.Fatal(err)
		}
	}
	checked := 0
	for try := 0; checked == 0; try++ {
		if try == 8 {
			t.Fatal("in 8 tries the merger folded every old segment away: no bound shared")
		}
		if try > 0 {
			setShort("qalpha qalpha") // back, for the old snapshot to hold them live
		}
		settled(t, ix)
		withSnapshot(t, ix, func(old *scorch.IndexSnapshot) {
			setShort("qomega")
			withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) {
				// The newer snapshot's bounds first, as a search on it
				// caches them.
				if _, err := planOn(t, snap, ix, []string{"qalpha"}).run(context.Background(), 10); err != nil {
					t.Fatal(err)
				}
			})
			checked += boundsHold(t, ix, old)
		})
	}
}

// boundsHold checks every cached bound of a segment old holds against
// old's live postings of the term, and returns how many it checked.
func boundsHold(t *testing.T, ix *Index, old *scorch.IndexSnapshot) int {
	t.Helper()
	ix.bounds.mu.RLock()
	defer ix.bounds.mu.RUnlock()
	n := 0
	for k, tb := range ix.bounds.m {
		i := slices.IndexFunc(old.Segments(), func(s *scorch.SegmentSnapshot) bool { return s.Segment() == k.seg })
		if i < 0 {
			continue
		}
		s := old.Segments()[i]
		dict, err := s.Segment().Dictionary(k.field)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := dict.PostingsList([]byte(k.term), s.Deleted(), nil)
		if err != nil {
			t.Fatal(err)
		}
		it := pl.Iterator(true, true, false, nil)
		b := 0
		for {
			p, err := it.Next()
			if err != nil {
				t.Fatal(err)
			}
			if p == nil {
				break
			}
			if bound, s := tb.at(p.Number(), &b), saturation(p.Frequency(), p.Norm(), k.avg); bound < s {
				t.Errorf("%s %q: bullet %d live in the old snapshot saturates at %.4f, the cached bound is %.4f", k.field, k.term, p.Number(), s, bound)
			}
			n++
		}
	}
	return n
}
