//go:build !purego

package vector

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// useAVX2 picks the assembly dot product where the CPU has AVX2 and FMA
// (x86-64 since about 2013); build with -tags purego for Go code only.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func dotAVX2(a, b []float32) float32

//go:noescape
func dotI8AVX2(a, b []int8) int32

// prefetchRows asks the CPU to bring rows (size bytes each from base)
// into its caches: a search scores a node's unvisited neighbours one after
// another, and their rows lie far apart in memory.
//
//go:noescape
func prefetchRows(base unsafe.Pointer, rows []int32, size int)

// dotI8RowsAVX2 is dotI8AVX2 of q against several rows in one call
// (the Store.dotRows wrapper checks its bounds); len(q) is a multiple of 32.
//
//go:noescape
func dotI8RowsAVX2(q []int8, base unsafe.Pointer, rows []int32, out []int32)
