package index

import (
	"context"
	bolt "go.etcd.io/bbolt"
	"sync/atomic"
	"testing"
)

// keywordTotal counts bleve documents matching text.
func keywordTotal(tb testing.TB, ix *Index, text string) int {
	tb.Helper()
	res, err := ix.Lexical(context.Background(), LexicalRequest{Text: text, Size: 10})
	if err != nil {
		tb.Fatal(err)
	}
	return res.Total
}

// TestOpenRepairsInterruptedWrite simulates the crash the pending note
// exists for: bleve written, records not. Reopening undoes the write —
// new bullets leave bleve, changed ones return to their recorded text.
func TestOpenRepairsInterruptedWrite(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Upsert(context.Background(), sample()[:1]); err != nil {
		t.Fatal(err)
	}
	// What Upsert does before the records transaction, then "crash".
	ghost := resume("ghost", "Gus Host", "Nowhere", "Spectre", "2020", "", nil, "Haunted the zyxwraith cluster")
	changed := resume("alice", "Alice Smith", "Planet Labs", "Principal Engineer", "2016-01", "2018-08", nil, "Rewrote the qqvortex pipeline")
	touched := []string{ghost.Bullets[0].ID, changed.Bullets[0].ID}
	if err := ix.markPending(touched); err != nil {
		t.Fatal(err)
	}
	b := ix.bleve.NewBatch()
	for _, bl := range append(ghost.Bullets, changed.Bullets...) {
		if err := b.Index(bl.ID, toDoc(bl)); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.bleve.Batch(b); err != nil {
		t.Fatal(err)
	}
	if keywordTotal(t, ix, "zyxwraith") != 1 || keywordTotal(t, ix, "qqvortex") != 1 {
		t.Fatal("setup: the interrupted write should be visible before the repair")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix = open(t, Options{Path: dir})
	if n := keywordTotal(t, ix, "zyxwraith"); n != 0 {
		t.Errorf("bullet without a record still in bleve: %d hits", n)
	}
	if n := keywordTotal(t, ix, "qqvortex"); n != 0 {
		t.Errorf("unrecorded new text still in bleve: %d hits", n)
	}
	if n := keywordTotal(t, ix, "operationally-focused DevOps"); n != 1 {
		t.Errorf("recorded text not restored: %d hits", n)
	}
	st, _ := ix.Stats()
	if st.Resumes != 1 || st.Bullets != 2 {
		t.Errorf("records changed by the repair: %+v", st)
	}
	var left int
	ix.db.View(func(tx *bolt.Tx) error { left = tx.Bucket(bucketPending).Stats().KeyN; return nil })
	if left != 0 {
		t.Errorf("%d pending notes left after the repair", left)
	}
}

// cancelAfter is a context whose Err turns to Canceled after n checks: a
// request abandoned in the middle of a write.
type cancelAfter struct {
	context.Context
	n atomic.Int32
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestFailedUpsertLeavesNoOrphans: a write cancelled after some bullets
// reached bleve is undone at once, not at the next Open.
func TestFailedUpsertLeavesNoOrphans(t *testing.T) {
	ix := open(t, Options{BatchSize: 1})
	ctx := &cancelAfter{Context: context.Background()}
	ctx.n.Store(1) // the first résumé is written to bleve, the second check fails
	rs := sample()
	if _, err := ix.Upsert(ctx, rs); err == nil {
		t.Fatal("want the cancellation")
	}
	for _, q := range []string{"operationally-focused", "Kubernetes", "registered nurses"} {
		if n := keywordTotal(t, ix, q); n != 0 {
			t.Errorf("%q: %d bullets left in bleve by a failed write", q, n)
		}
	}
	if st, _ := ix.Stats(); st.Resumes != 0 || st.Bullets != 0 {
		t.Errorf("records after a failed write: %+v", st)
	}
	// The same write, retried, goes through whole.
	if _, err := ix.Upsert(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	if n := keywordTotal(t, ix, "Kubernetes"); n != 1 {
		t.Errorf("after the retry: %d", n)
	}
}
