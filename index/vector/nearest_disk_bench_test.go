package vector

import (
	"context"
	"slices"
	"strconv"
	"testing"
)

// BenchmarkNearestDisk is a hybrid search's vector side on a disk store
// with int8 rows (the default): 100 neighbours of 20,000 vectors of 256,
// the float rows re-scored from their mapped file, every query seen once
// before timing (a serving process is warm).
func BenchmarkNearestDisk(b *testing.B) {
	ctx := context.Background()
	vs := Open(b.TempDir(), Options{ANNThreshold: 1000, Quantize: true})
	b.Cleanup(func() { vs.CloseFiles() })
	b.Cleanup(vs.Close)
	vecs := randVecs(20000, 256, 3)
	entries := make([]Entry, len(vecs))
	for i, v := range vecs {
		entries[i] = Entry{ID: strconv.Itoa(i), Vec: Normalize(v)}
	}
	slots, err := vs.Stage(entries)
	if err != nil {
		b.Fatal(err)
	}
	vs.Commit("rand", entries, slots, slices.Repeat([]bool{true}, len(entries)))
	if err := vs.BuildANN(ctx); err != nil {
		b.Fatal(err)
	}
	qs := randVecs(200, 256, 11)
	for _, q := range qs {
		if _, err := vs.Nearest(ctx, q, 100, nil); err != nil {
			b.Fatal(err)
		}
	}
	k := 0
	for b.Loop() {
		if _, err := vs.Nearest(ctx, qs[k%len(qs)], 100, nil); err != nil {
			b.Fatal(err)
		}
		k++
	}
}
