package vector

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The assembly dot product agrees with the Go one at every length (the
// 32-, 8- and 1-float steps and their seams) to float32 rounding.
func TestDotMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 300; n++ {
		a, b := make([]float32, n), make([]float32, n+3) // b may be longer
		var exact float64
		for i := range a {
			a[i], b[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64())
			exact += float64(a[i]) * float64(b[i])
		}
		got, ref := dotF32(a, b), dotGo(a, b[:n])
		tol := 1e-5 * (1 + math.Sqrt(float64(n)))
		if math.Abs(float64(got)-exact) > tol || math.Abs(float64(ref)-exact) > tol {
			t.Fatalf("n=%d: dotF32 %g, Go %g, exact %g", n, got, ref, exact)
		}
	}
	if !useAVX2 {
		t.Log("no AVX2+FMA here (or -tags purego): the Go dot product was tested against itself")
	}
}

// The int8 dot product in assembly agrees exactly with the Go one at
// every length, extremes included.
func TestDotI8MatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= 300; n++ {
		a, b := make([]int8, n), make([]int8, n+5)
		var exact int32
		for i := range a {
			a[i], b[i] = int8(rng.IntN(255)-127), int8(rng.IntN(255)-127)
			if n%7 == 0 {
				a[i], b[i] = -127, -127
			}
			exact += int32(a[i]) * int32(b[i])
		}
		if got, ref := dotI8(a, b), dotI8Go(a, b); got != exact || ref != exact {
			t.Fatalf("n=%d: dotI8 %d, Go %d, exact %d", n, got, ref, exact)
		}
	}
}

func BenchmarkDotI8x256(b *testing.B) {
	x, y := make([]int8, 256), make([]int8, 256)
	for i := range x {
		x[i], y[i] = int8(i%7), int8(i%5)
	}
	b.Run("dispatch", func(b *testing.B) {
		for b.Loop() {
			sinkI = dotI8(x, y)
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			sinkI = dotI8Go(x, y)
		}
	})
}

var sinkI int32

func BenchmarkDot256(b *testing.B) {
	x, y := make([]float32, 256), make([]float32, 256)
	for i := range x {
		x[i], y[i] = float32(i%7), float32(i%5)
	}
	b.Run("dispatch", func(b *testing.B) {
		for b.Loop() {
			sinkF = dotF32(x, y)
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			sinkF = dotGo(x, y)
		}
	})
}

var sinkF float32
