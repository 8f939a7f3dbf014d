package vector

import (
	"math"
	"slices"
)

// Every slot has a float32 row (the vector as stored, unit length) and,
// when the store is quantized, an int8 row with a per-row scale: a quarter
// of the bytes, which searches walk; the float rows re-score the best
// candidates (rescore) and build the graph. sums holds each float row's
// CRC-32C: the row's identity for the graph file, and its checksum.

// set writes slot i of an in-memory store.
func (vs *Store) set(i int, vec []float32) {
	copy(vs.data[i*vs.dim:(i+1)*vs.dim], vec)
	vs.sums[i] = checksum(floatBytes(vec))
	if vs.opts.Quantize {
		vs.scale[i] = quantize(vs.q[i*vs.dim:(i+1)*vs.dim], vec)
	}
}

// quantize writes vec as int8 into row and returns the scale back.
func quantize(row []int8, vec []float32) float32 {
	var max float32
	for _, x := range vec {
		if a := float32(math.Abs(float64(x))); a > max {
			max = a
		}
	}
	scale := max / 127
	if scale == 0 {
		scale = 1
	}
	for j, x := range vec {
		row[j] = int8(math.Round(float64(x / scale)))
	}
	return scale
}

// rowEquals reports whether slot i holds vec.
func (vs *Store) rowEquals(i int, vec []float32) bool {
	return slices.Equal(vs.data[i*vs.dim:(i+1)*vs.dim], vec)
}

// vector returns slot i's float row (a view: not to be written).
func (vs *Store) vector(i int) []float32 {
	return vs.data[i*vs.dim : (i+1)*vs.dim : (i+1)*vs.dim]
}

// dot is slot i's similarity to q: by the int8 rows against qq (q
// quantized, scale qs) when given, else by the float rows.
func (vs *Store) dot(i int, q []float32, qq []int8, qs float32) float32 {
	if qq == nil {
		return dotF32(vs.data[i*vs.dim:(i+1)*vs.dim], q)
	}
	return float32(dotI8(vs.q[i*vs.dim:(i+1)*vs.dim], qq)) * vs.scale[i] * qs
}

// dotI8 is the int8 dot product: in AVX2 assembly (dot_amd64.s), else
// in Go unrolled by eight (four independent sums keep the pipeline full).
func dotI8(a, b []int8) int32 {
	b = b[:len(a)]
	if useAVX2 {
		return dotI8AVX2(a, b)
	}
	return dotI8Go(a, b)
}

func dotI8Go(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	j := 0
	for ; j+8 <= len(a); j += 8 {
		x, y := a[j:j+8:j+8], b[j:j+8:j+8]
		s0 += int32(x[0])*int32(y[0]) + int32(x[4])*int32(y[4])
		s1 += int32(x[1])*int32(y[1]) + int32(x[5])*int32(y[5])
		s2 += int32(x[2])*int32(y[2]) + int32(x[6])*int32(y[6])
		s3 += int32(x[3])*int32(y[3]) + int32(x[7])*int32(y[7])
	}
	for ; j < len(a); j++ {
		s0 += int32(a[j]) * int32(b[j])
	}
	return s0 + s1 + s2 + s3
}

// rowKey is slot i's identity: the checksum of its float row.
func (vs *Store) rowKey(i int) uint64 { return uint64(vs.sums[i]) }

// sameRow reports whether slots i and j hold the same vector.
func (vs *Store) sameRow(i, j int) bool {
	return vs.sums[i] == vs.sums[j] && slices.Equal(vs.vector(i), vs.vector(j))
}

func (vs *Store) quantizeQuery(q []float32) ([]int8, float32) {
	if !vs.opts.Quantize {
		return nil, 0
	}
	out := make([]int8, len(q))
	return out, quantize(out, q)
}
