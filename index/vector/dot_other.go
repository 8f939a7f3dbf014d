//go:build !amd64 || purego

package vector

const useAVX2 = false

func dotAVX2(a, b []float32) float32 { panic("unreachable") }
