package embed

import (
	"math"
	"math/rand/v2"
)

// The built-in embedder's vector arithmetic: deterministic random
// directions for words and concepts, and the sums of them.

// randomVec is a deterministic unit Gaussian direction for a key.
func randomVec(key string, dim int) []float32 {
	v := make([]float64, dim)
	draw(v, "", key)
	return normalize64(v)
}

// addRandom adds s times randomVec(prefix+key) to dst, drawing into rnd;
// the sum is the same, bit for bit, without the allocations.
func addRandom(dst, rnd []float64, prefix, key string, s float64) {
	n := draw(rnd, prefix, key)
	if n == 0 {
		return
	}
	inv := 1 / math.Sqrt(n)
	for i, x := range rnd {
		dst[i] += float64(float32(x*inv)) * s
	}
}

// draw fills v with the Gaussian sequence seeded by the FNV-1a hash of
// prefix+key and returns its squared norm.
func draw(v []float64, prefix, key string) float64 {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	seed := uint64(offset64)
	for i := 0; i < len(prefix); i++ {
		seed = (seed ^ uint64(prefix[i])) * prime64
	}
	for i := 0; i < len(key); i++ {
		seed = (seed ^ uint64(key[i])) * prime64
	}
	var pcg rand.PCG
	pcg.Seed(seed, seed^0x5bd1e995)
	rng := rand.New(&pcg)
	var n float64
	for i := range v {
		x := rng.NormFloat64()
		v[i] = x
		n += x * x
	}
	return n
}

func addScaled(dst []float64, v []float32, s float64) {
	for i, x := range v {
		dst[i] += float64(x) * s
	}
}

func normalize64(v []float64) []float32 {
	var n float64
	for _, x := range v {
		n += x * x
	}
	out := make([]float32, len(v))
	if n == 0 {
		return out
	}
	inv := 1 / math.Sqrt(n)
	for i, x := range v {
		out[i] = float32(x * inv)
	}
	return out
}
