package vector

// dotF32 is the dot product of two vectors of equal length. It dominates
// kNN and HNSW construction: on x86-64 with AVX2 it runs in assembly, 32
// floats a step (dot_amd64.s); elsewhere in Go, in four independent sums
// so the CPU overlaps the multiply-adds (twice one running sum).
func dotF32(a, b []float32) float32 {
	b = b[:len(a)]
	if useAVX2 {
		return dotAVX2(a, b)
	}
	return dotGo(a, b)
}

func dotGo(a, b []float32) float32 {
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		aa, bb := a[i:i+4:i+4], b[i:i+4:i+4]
		s0 += aa[0] * bb[0]
		s1 += aa[1] * bb[1]
		s2 += aa[2] * bb[2]
		s3 += aa[3] * bb[3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}
