//go:build amd64 && !purego

package vector

import (
	"context"
	"math"
	"testing"
)

// A quantized graph search scores a node's neighbours in one assembly call
// (dotRows); with AVX2 off it scores them one by one in Go. Both must find
// the same candidates with the same score bits on each layer-0 walk, and so
// Nearest the same neighbours. (Nearest's scores are re-scored by the float
// rows, whose AVX2 and Go sums round differently: not the rows compared.)
func TestHNSWBatchedRowsMatchRowByRow(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 here: the walk scores row by row only")
	}
	ctx := context.Background()
	vs := newStore(t, Options{Quantize: true, ANNThreshold: 1000})
	bulk(t, vs, randVecs(3000, 64, 8))
	if err := vs.BuildANN(ctx); err != nil {
		t.Fatal(err)
	}
	h := vs.graph.Load()
	if h == nil {
		t.Fatal("no graph after BuildANN")
	}
	type walk struct {
		found []cand
		near  []Neighbor
	}
	run := func(avx2 bool, q []float32) walk {
		defer func(was bool) { useAVX2 = was }(useAVX2)
		useAVX2 = avx2
		sc := h.getScratch()
		defer h.scratch.Put(sc)
		qn := Normalize(q)
		sc.qq, sc.qs = vs.quantizeQuery(qn)
		defer func() { sc.qq = nil }()
		found := append([]cand(nil), h.searchLayer(sc, qn, []int{h.entry}, 100, 0, false)...)
		near, err := vs.Nearest(ctx, q, 20, nil)
		if err != nil {
			t.Fatal(err)
		}
		return walk{found, near}
	}
	for qi, q := range randVecs(20, 64, 21) {
		batched, single := run(true, q), run(false, q)
		if len(batched.found) == 0 || len(batched.found) != len(single.found) {
			t.Fatalf("query %d: %d candidates batched, %d row by row", qi, len(batched.found), len(single.found))
		}
		for j, c := range batched.found {
			if s := single.found[j]; c.i != s.i || math.Float32bits(c.s) != math.Float32bits(s.s) {
				t.Errorf("query %d, candidate %d: slot %d score %x batched, slot %d score %x row by row",
					qi, j, c.i, math.Float32bits(c.s), s.i, math.Float32bits(s.s))
			}
		}
		if len(batched.near) != len(single.near) {
			t.Fatalf("query %d: %d neighbours batched, %d row by row", qi, len(batched.near), len(single.near))
		}
		for j, n := range batched.near {
			if s := single.near[j]; n.ID != s.ID {
				t.Errorf("query %d, neighbour %d: %s batched, %s row by row", qi, j, n.ID, s.ID)
			}
		}
	}
}
