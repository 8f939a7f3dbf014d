//go:build !purego

package vector

import "golang.org/x/sys/cpu"

// useAVX2 picks the assembly dot product where the CPU has AVX2 and FMA
// (x86-64 since about 2013); build with -tags purego for Go code only.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func dotAVX2(a, b []float32) float32

//go:noescape
func dotI8AVX2(a, b []int8) int32
