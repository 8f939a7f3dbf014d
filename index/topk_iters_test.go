package index

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// withSnapshot runs f on ix's current scorch snapshot.
func withSnapshot(t *testing.T, ix *Index, f func(snap *scorch.IndexSnapshot)) {
	t.Helper()
	adv, err := ix.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader is %T, not a scorch snapshot", r)
	}
	f(snap)
}

// drainIters empties the iterator pool and returns what it held.
func drainIters() []segment.PostingsIterator {
	var out []segment.PostingsIterator
	for {
		it, _ := iters.Get().(segment.PostingsIterator)
		if it == nil {
			return out
		}
		out = append(out, it)
	}
}

// Terms missing from a segment take nothing from the pool and put
// nothing in it: zap answers them with its one global empty iterator,
// which two searches must not share. The pool holds each iterator once.
func TestIterPoolNoEmptyNoDuplicates(t *testing.T) {
	ix := open(t, Options{RoleDepth: -1})
	ctx := context.Background()
	rs := rolesCorpus()
	// One segment a batch; "quokka" is in the last one only.
	rs = append(rs, resume("q", "Q", "Acme", "Keeper", "2020", "", nil, "Fed the quokka team"))
	for i := 0; i < len(rs); i += 4 {
		if _, err := ix.Upsert(ctx, rs[i:min(i+4, len(rs))]); err != nil {
			t.Fatal(err)
		}
	}
	var empty segment.PostingsIterator // zap's global one
	withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) {
		seg := snap.Segments()[0]
		d, err := seg.Segment().Dictionary(fText)
		if err != nil {
			t.Fatal(err)
		}
		pl, err := d.PostingsList([]byte("zzz"), seg.Deleted(), nil)
		if err != nil {
			t.Fatal(err)
		}
		empty = pl.Iterator(false, false, false, nil)
		if again := pl.Iterator(true, true, false, nil); again != empty {
			t.Skip("this zap builds an iterator per empty list; nothing shared to guard")
		}
	})
	drainIters()
	for _, text := range []string{"zzz team", "quokka team kubernetes", "quokka"} {
		for _, noTotal := range []bool{false, true} {
			lexicalRun(t, ix, LexicalRequest{Text: text, Size: 5, NoTotal: noTotal})
		}
	}
	seen := map[segment.PostingsIterator]bool{}
	for _, it := range drainIters() {
		if it == empty {
			t.Error("zap's global empty iterator is in the pool")
		}
		if seen[it] {
			t.Errorf("iterator %p is in the pool twice", it)
		}
		seen[it] = true
	}
}
