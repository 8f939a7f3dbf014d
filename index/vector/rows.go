package vector

import (
	"math"
	"slices"
)

// A slot's vector is held as float32, or as int8 with a per-row scale when
// the store is quantized (a quarter of the memory).

func (vs *Store) set(i int, vec []float32) {
	if !vs.opts.Quantize {
		copy(vs.data[i*vs.dim:(i+1)*vs.dim], vec)
		return
	}
	vs.scale[i] = quantize(vs.q[i*vs.dim:(i+1)*vs.dim], vec)
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

// rowEquals reports whether slot i holds vec, as it would be stored.
func (vs *Store) rowEquals(i int, vec []float32) bool {
	if !vs.opts.Quantize {
		return slices.Equal(vs.data[i*vs.dim:(i+1)*vs.dim], vec)
	}
	row := make([]int8, vs.dim)
	return quantize(row, vec) == vs.scale[i] && slices.Equal(row, vs.q[i*vs.dim:(i+1)*vs.dim])
}

// vector returns slot i as float32 (dequantized when needed).
func (vs *Store) vector(i int) []float32 {
	if !vs.opts.Quantize {
		return vs.data[i*vs.dim : (i+1)*vs.dim]
	}
	out := make([]float32, vs.dim)
	row := vs.q[i*vs.dim : (i+1)*vs.dim]
	for j, x := range row {
		out[j] = float32(x) * vs.scale[i]
	}
	return out
}

// dot is slot i's similarity to q; a quantized store compares int8 rows
// with qq (q quantized, scale qs) when given, else dequantizes row by row.
func (vs *Store) dot(i int, q []float32, qq []int8, qs float32) float32 {
	if !vs.opts.Quantize {
		return dotF32(vs.data[i*vs.dim:(i+1)*vs.dim], q)
	}
	row := vs.q[i*vs.dim : (i+1)*vs.dim]
	if qq == nil {
		var s float32
		for j, x := range row {
			s += float32(x) * q[j]
		}
		return s * vs.scale[i]
	}
	var s int32
	for j := range row {
		s += int32(row[j]) * int32(qq[j])
	}
	return float32(s) * vs.scale[i] * qs
}

// rowKey hashes slot i's stored row, to find identical vectors.
func (vs *Store) rowKey(i int) uint64 {
	h := uint64(14695981039346656037)
	mix := func(x uint32) { h = (h ^ uint64(x)) * 1099511628211 }
	if !vs.opts.Quantize {
		for _, x := range vs.data[i*vs.dim : (i+1)*vs.dim] {
			mix(math.Float32bits(x))
		}
		return h
	}
	for _, x := range vs.q[i*vs.dim : (i+1)*vs.dim] {
		mix(uint32(uint8(x)))
	}
	mix(math.Float32bits(vs.scale[i]))
	return h
}

// sameRow reports whether slots i and j hold the same vector.
func (vs *Store) sameRow(i, j int) bool {
	if !vs.opts.Quantize {
		return slices.Equal(vs.data[i*vs.dim:(i+1)*vs.dim], vs.data[j*vs.dim:(j+1)*vs.dim])
	}
	return vs.scale[i] == vs.scale[j] && slices.Equal(vs.q[i*vs.dim:(i+1)*vs.dim], vs.q[j*vs.dim:(j+1)*vs.dim])
}

func (vs *Store) quantizeQuery(q []float32) ([]int8, float32) {
	if !vs.opts.Quantize {
		return nil, 0
	}
	var max float32
	for _, x := range q {
		if a := float32(math.Abs(float64(x))); a > max {
			max = a
		}
	}
	s := max / 127
	if s == 0 {
		s = 1
	}
	out := make([]int8, len(q))
	for i, x := range q {
		out[i] = int8(math.Round(float64(x / s)))
	}
	return out, s
}
