package vector

import (
	"context"
	"errors"
	"os"
	"slices"
	"testing"

	"vitae"
)

// Re-scoring by rows read (a float file past preadFrom) answers as by
// rows mapped, scores to the bit, and still finds a damaged row.
func TestRescoreReadRowsAsMapped(t *testing.T) {
	ctx := context.Background()
	vs, vecs, entries := diskStore(t, 300, 11)
	was := preadFrom
	defer func() { preadFrom = was }()
	search := func(from int, q []float32) []Neighbor {
		t.Helper()
		preadFrom = from
		got, err := vs.Nearest(ctx, q, 20, nil)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, q := range vecs[:40] {
		mapped, read := search(1<<62, q), search(0, q)
		if len(mapped) == 0 || !slices.Equal(mapped, read) {
			t.Fatalf("rows read answer %v, rows mapped %v", read, mapped)
		}
	}
	// The read path is the one taken: with its file closed, re-scoring
	// past preadFrom fails, and through the mapping it still answers.
	f := vs.disk.f32.f
	closed, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	vs.disk.f32.f = closed
	preadFrom = 0
	if _, err := vs.Nearest(ctx, vecs[3], 10, nil); vitae.ErrorCode(err) != vitae.EUNAVAILABLE {
		t.Errorf("rows read from a closed file: err %v, want EUNAVAILABLE", err)
	}
	if got := search(1<<62, vecs[3]); len(got) == 0 {
		t.Error("rows mapped: no answer")
	}
	vs.disk.f32.f = f
	i := slices.IndexFunc(vs.ids, func(id string) bool { return id == entries[7].ID })
	row := slices.Clone(floatBytes(vs.vector(i)))
	row[0] ^= 0xff
	if err := vs.disk.f32.write(i, row); err != nil {
		t.Fatal(err)
	}
	vs.checked.clear(i)
	preadFrom = 0
	if _, err := vs.Nearest(ctx, vecs[7], 10, nil); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged row read: err %v, want ErrDamaged", err)
	}
}
