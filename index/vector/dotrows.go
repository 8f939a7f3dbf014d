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
// recoverable panic rather than a read of memory past them. The walk pays
// one branch a call; the messages are built in badRows, off its path.
func (vs *Store) dotRows(q []int8, rows []int32, top uint32, out []int32) {
	if len(q) == 0 || len(q)%32 != 0 || len(out) < len(rows) ||
		(len(rows) > 0 && uint64(top) >= uint64(min(len(vs.scale), len(vs.q)/len(q)))) {
		vs.badRows(q, rows, top, out)
	}
	dotI8RowsAVX2(q, unsafe.Pointer(unsafe.SliceData(vs.q)), rows, out)
}

// badRows panics with what dotRows found wrong.
//
//go:noinline
func (vs *Store) badRows(q []int8, rows []int32, top uint32, out []int32) {
	if len(q) == 0 || len(q)%32 != 0 || len(out) < len(rows) {
		panic(fmt.Sprintf("vector: dotRows of %d rows into %d sums, query of %d (want a positive multiple of 32)", len(rows), len(out), len(q)))
	}
	panic(fmt.Sprintf("vector: dotRows of slot %d in a store of %d quantized rows of %d", int32(top), min(len(vs.scale), len(vs.q)/len(q)), len(q)))
}
