package vector

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// The assembly int8 dot product of a query against several rows at once
// (the HNSW walk's) gives each row exactly the pure-Go sum (dotI8Go; dotI8
// is itself assembly here), extremes included.
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
			if want := dotI8Go(q, data[int(r)*dim:(int(r)+1)*dim]); out[j] != want {
				t.Errorf("dim %d, row %d: %d, dotI8Go %d", dim, r, out[j], want)
			}
		}
		if out[len(rows)] != 12345 {
			t.Errorf("dim %d: wrote past the rows", dim)
		}
	}
}

// dotRows checks what the assembly does not: a slot past the quantized
// rows (or negative), a query not a multiple of 32 long, or too few sums
// panic with a message before any row is read.
func TestDotRowsPanicsOutsideTheRows(t *testing.T) {
	vs := newStore(t, Options{Quantize: true})
	bulk(t, vs, randVecs(10, 64, 3))
	n := min(len(vs.scale), len(vs.q)/64) // the rows dotRows may read
	if n < 10 {
		t.Fatalf("%d quantized rows for 10 vectors", n)
	}
	q := make([]int8, 64)
	out := make([]int32, 4)
	for _, c := range []struct {
		name string
		q    []int8
		rows []int32
		out  []int32
	}{
		{"slot past the rows", q, []int32{0, int32(n), 1}, out},
		{"negative slot", q, []int32{-1, 0}, out},
		{"empty query", nil, []int32{0}, out},
		{"query not a multiple of 32", q[:48], []int32{0}, out},
		{"too few sums", q, []int32{0, 1, 2, 3, 4}, out},
	} {
		t.Run(c.name, func(t *testing.T) {
			top := uint32(0)
			for _, r := range c.rows {
				top = max(top, uint32(r))
			}
			defer func() {
				msg, ok := recover().(string)
				if !ok || !strings.HasPrefix(msg, "vector: dotRows") {
					t.Errorf("recovered %q, want dotRows's panic", msg)
				}
			}()
			vs.dotRows(c.q, c.rows, top, c.out)
		})
	}
}
