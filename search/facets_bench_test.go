package search_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/bench"
	"vitae/index"
	"vitae/search"
)

// BenchmarkFacets10k times a hybrid Engine.Search with and without facets
// on a 10,000-bullet generated index, to show what facets add to a query
// (the API asks for them by default).
func BenchmarkFacets10k(b *testing.B) {
	ctx := context.Background()
	ix, l, queries := bench.Fixture10k(b, index.Options{})
	eng := search.New(ix, l, search.Options{})
	for _, tc := range []struct {
		name   string
		mode   vitae.Mode
		facets bool
	}{
		{"hybrid/facets", vitae.ModeHybrid, true},
		{"hybrid/no-facets", vitae.ModeHybrid, false},
		{"keyword/facets", vitae.ModeKeyword, true},
		{"semantic/facets", vitae.ModeSemantic, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				q := vitae.Query{Text: queries[i%len(queries)], Mode: tc.mode, Limit: 10, Facets: tc.facets}
				if _, err := eng.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
