package vector

import (
	"math"
	"slices"
	"testing"
)

// sortCands orders best first, a NaN after every number, and ties (two
// NaNs too) by slot, whatever order they came in.
func TestSortCandsTiesAndNaN(t *testing.T) {
	nan := float32(math.NaN())
	cs := []cand{{5, nan}, {9, 0.5}, {2, nan}, {4, 0.5}, {1, -1}, {3, 0.9}}
	sortCands(cs)
	var got []int
	for _, c := range cs {
		got = append(got, c.i)
	}
	if want := []int{3, 4, 9, 1, 2, 5}; !slices.Equal(got, want) {
		t.Errorf("slots %v, want %v", got, want)
	}
}
