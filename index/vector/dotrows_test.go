package vector

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

// The assembly int8 dot product of a query against several rows at once
// (the HNSW walk's) gives each row exactly dotI8's sum, extremes included.
func TestDotI8RowsMatchesDotI8(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2 here (or -tags purego): the walk scores row by row")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, dim := range []int{32, 64, 256, 384} {
		const n = 50
		q, data := make([]int8, dim), make([]int8, n*dim)
		for i := range q {
			q[i] = int8(rng.IntN(255) - 127)
		}
		for i := range data {
			data[i] = int8(rng.IntN(255) - 127)
			if i < dim { // row 0: the extremes
				data[i] = -127
			}
		}
		q[0], q[dim-1] = -127, -127
		rows := []int32{3, 0, 49, 17, 17, 8}
		out := make([]int32, len(rows)+1)
		out[len(rows)] = 12345 // past the rows: untouched
		dotI8RowsAVX2(q, unsafe.Pointer(&data[0]), rows, out)
		for j, r := range rows {
			if want := dotI8(q, data[int(r)*dim:(int(r)+1)*dim]); out[j] != want {
				t.Errorf("dim %d, row %d: %d, dotI8 %d", dim, r, out[j], want)
			}
		}
		if out[len(rows)] != 12345 {
			t.Errorf("dim %d: wrote past the rows", dim)
		}
	}
}
