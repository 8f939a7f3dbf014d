package index

import (
	"context"
	"errors"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"
)

// TestTermStats: the bullets and each term's document frequency, as
// Terms analyses text ("team" is in 4 of sample's 5 bullets, "teams"
// stemmed with it; "nurs" in 1, an unknown term in 0; a repeated term
// counted once).
func TestTermStats(t *testing.T) {
	ix := open(t, Options{})
	if _, err := ix.Upsert(context.Background(), sample()); err != nil {
		t.Fatal(err)
	}
	got, err := ix.TermStats(context.Background(), []string{"team", "nurs", "team", "zzyzx"})
	if err != nil {
		t.Fatal(err)
	}
	want := TermStats{Bullets: 5, DF: map[string]int{"team": 4, "nurs": 1, "zzyzx": 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TermStats (-want +got):\n%s", diff)
	}
}

// TestWithBleveReader: the one way the index opens a reader of the
// keyword index's snapshot gives one that sees every bullet and returns
// fn's error as it is.
func TestWithBleveReader(t *testing.T) {
	ix := open(t, Options{})
	if _, err := ix.Upsert(context.Background(), sample()); err != nil {
		t.Fatal(err)
	}
	ix.bleveMu.RLock()
	defer ix.bleveMu.RUnlock()
	var n uint64
	err := ix.withBleveReader(func(r bindex.IndexReader) (err error) {
		n, err = r.DocCount()
		return err
	})
	if err != nil || n != 5 {
		t.Errorf("DocCount %d, %v; want 5 bullets", n, err)
	}
	stop := errors.New("stop")
	if err := ix.withBleveReader(func(bindex.IndexReader) error { return stop }); err != stop {
		t.Errorf("error %v, want fn's", err)
	}
}
