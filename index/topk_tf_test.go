package index

import (
	"math"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// A score read through the table is bit for bit clause.score's.
func TestTFTableIsBM25(t *testing.T) {
	for _, avg := range []float64{1, 3, 14, 15, 40} {
		c := &clause{idf: 2.718281828, weight: 0.3141592, avg: avg, tf: tfTableFor(avg)}
		for f := range uint64(tfFreqs) {
			for l := range uint64(tfLengths) {
				u := &cursor{c: c, freq: f, length: l, tabled: true}
				got, want := u.score(), c.score(f, lengthNorm(l))
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("avg %g freq %d length %d: table %v, full %v", avg, f, l, got, want)
				}
			}
		}
	}
}

// unionCount is the size of the union roaring builds.
func TestUnionCount(t *testing.T) {
	a, b := roaring.BitmapOf(1, 2, 3, 70000), roaring.BitmapOf(3, 4, 70000, 70001)
	tests := []struct {
		name string
		bms  []*roaring.Bitmap
		ones []uint32
	}{
		{"nothing", nil, nil},
		{"ones only, repeated", nil, []uint32{5, 5, 9}},
		{"one bitmap", []*roaring.Bitmap{a}, nil},
		{"one bitmap, ones in and out", []*roaring.Bitmap{a}, []uint32{2, 8, 8}},
		{"two bitmaps", []*roaring.Bitmap{a, b}, nil},
		{"two bitmaps, ones", []*roaring.Bitmap{a, b}, []uint32{4, 1, 6, 70001, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := roaring.New()
			for _, bm := range tt.bms {
				want.Or(bm)
			}
			want.AddMany(tt.ones)
			if got := unionCount(tt.bms, tt.ones); got != want.GetCardinality() {
				t.Errorf("unionCount = %d, want %d", got, want.GetCardinality())
			}
		})
	}
}
