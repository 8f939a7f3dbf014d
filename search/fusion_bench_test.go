package search

import (
	"fmt"
	"testing"

	"vitae"
	"vitae/index"
)

// BenchmarkFuse fuses 100 keyword and 100 vector candidates, half of them
// shared, the size of one hybrid query's candidate lists.
func BenchmarkFuse(b *testing.B) {
	lex := make([]index.LexicalHit, 100)
	vec := make([]index.Neighbor, 100)
	for i := range lex {
		lex[i] = index.LexicalHit{Bullet: vitae.Bullet{ID: fmt.Sprintf("b%04d", i)}, Score: 20 - float64(i)/10, Rank: i + 1}
		vec[i] = index.Neighbor{ID: fmt.Sprintf("b%04d", 50+i), Score: 0.9 - float32(i)/500}
	}
	for _, f := range []vitae.Fusion{vitae.FusionWeighted, vitae.FusionRRF} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(fuse(lex, vec, f, NormalizeMinMax, 0.5, 60)) != 150 {
					b.Fatal("want 150 fused hits")
				}
			}
		})
	}
}
