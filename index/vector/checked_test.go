package vector

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestCheckedBits(t *testing.T) {
	var c checked
	c.mark(3) // before grow: not kept, the row is checked again
	if c.has(3) {
		t.Fatal("a row past the set is marked")
	}
	c.grow(100)
	for _, i := range []int{0, 63, 64, 99} {
		c.mark(i)
	}
	c.grow(1000) // marks survive growth
	c.clear(63)
	for _, tc := range []struct {
		i    int
		want bool
	}{{0, true}, {1, false}, {63, false}, {64, true}, {99, true}, {500, false}, {5000, false}} {
		if got := c.has(tc.i); got != tc.want {
			t.Errorf("has(%d) = %v, want %v", tc.i, got, tc.want)
		}
	}
	c.reset()
	if c.has(0) {
		t.Error("reset kept a mark")
	}
}

// A float row damaged before its first re-scoring stops the search with
// ErrDamaged; one checked already is not read again (the trade disk.go
// describes) until Wipe zeroes it.
func TestRescoreChecksRowOnce(t *testing.T) {
	ctx := context.Background()
	vs, vecs, _ := diskStore(t, 200, 7)

	damage := func(i int) {
		row := slices.Clone(floatBytes(vs.vector(i)))
		row[0] ^= 0xff
		if err := vs.disk.f32.write(i, row); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := vs.Nearest(ctx, vecs[5], 10, nil); err != nil {
		t.Fatalf("clean rows: %v", err)
	}
	if !vs.checked.has(5) {
		t.Fatal("the nearest row was not marked as checked")
	}
	damage(5) // checked already: served as read
	if _, err := vs.Nearest(ctx, vecs[5], 10, nil); err != nil {
		t.Errorf("a checked row was checked again: %v", err)
	}
	vs.checked.clear(5) // as Wipe does
	if _, err := vs.Nearest(ctx, vecs[5], 10, nil); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged unchecked row: err %v, want ErrDamaged", err)
	}
}
