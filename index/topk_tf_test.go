package index

import (
	"math"
	"testing"
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
