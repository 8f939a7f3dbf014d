package vector

import (
	"fmt"
	"unsafe"
)

// dotRows writes into out the int8 dot product of q with each of vs's
// quantized rows (len(q) int8s each) named in rows, in one assembly call
// (dotI8RowsAVX2). The assembly checks no bounds, so this does what the
// row-by-row slice expressions did, once a call: top is the largest of
// uint32(row) over rows, which the caller tracks as it gathers them (a
// negative slot is a huge one), and a slot past the rows panics here, a
// recoverable panic rather than a read of memory past them.
func (vs *Store) dotRows(q []int8, rows []int32, top uint32, out []int32) {
	if len(q) == 0 || len(q)%32 != 0 || len(out) < len(rows) {
		panic(fmt.Sprintf("vector: dotRows of %d rows into %d sums, query of %d (want a positive multiple of 32)", len(rows), len(out), len(q)))
	}
	if len(rows) == 0 {
		return
	}
	if n := min(len(vs.scale), len(vs.q)/len(q)); uint64(top) >= uint64(n) {
		panic(fmt.Sprintf("vector: dotRows of slot %d in a store of %d quantized rows of %d", int32(top), n, len(q)))
	}
	dotI8RowsAVX2(q, unsafe.Pointer(unsafe.SliceData(vs.q)), rows, out)
}
