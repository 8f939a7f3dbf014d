package search_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/bench"
	"vitae/index"
	"vitae/search"
)

// BenchmarkSearch10k times Engine.Search end to end (retrieval, fusion,
// hydration, highlights) in each mode, on a 10,000-
// bullet index generated from the real corpus (../shared; the samples
// otherwise) with the built-in embedder. The queries are the dev eval
// queries plus generated ones, as `vitae bench` uses.
func BenchmarkSearch10k(b *testing.B) {
	ctx := context.Background()
	ix, l, queries := bench.Fixture10k(b, index.Options{})
	eng := search.New(ix, l, search.Options{})
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		b.Run(string(mode), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := eng.Search(ctx, vitae.Query{Text: queries[i%len(queries)], Mode: mode, Limit: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The candidates view: grouped over Options.GroupDepth bullets.
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid} {
		b.Run(string(mode)+"-grouped", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := eng.Search(ctx, vitae.Query{Text: queries[i%len(queries)], Mode: mode, GroupBy: "candidate", Limit: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// search.ranking: learned (z-score fusion, role and full signals).
	learned := search.New(ix, l, search.Options{Weights: search.LearnedWeights, Normalization: search.NormalizeZScore})
	b.Run("hybrid-learned", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := learned.Search(ctx, vitae.Query{Text: queries[i%len(queries)], Mode: vitae.ModeHybrid, Limit: 10}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
