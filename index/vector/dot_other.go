//go:build !amd64 || purego

package vector

import "unsafe"

const useAVX2 = false

func dotAVX2(a, b []float32) float32 { panic("unreachable") }

func dotI8AVX2(a, b []int8) int32 { panic("unreachable") }

func prefetchRows(base unsafe.Pointer, rows []int32, size int) {}

func dotI8RowsAVX2(q []int8, base unsafe.Pointer, rows []int32, out []int32) { panic("unreachable") }
