package index_test

import (
	"context"
	"testing"

	"vitae/bench"
	"vitae/index"
)

// BenchmarkFacets200 times Index.Facets over the top 200 BM25 hits of the
// generated queries on a 10,000-bullet index, once every bullet's values
// are cached (the first sight of a bullet reads and decodes its record).
func BenchmarkFacets200(b *testing.B) {
	ctx := context.Background()
	ix, _, queries := bench.Fixture10k(b, index.Options{})
	var lists [][]string
	for _, q := range queries {
		lex, err := ix.Lexical(ctx, index.LexicalRequest{Text: q, Size: 200, IDsOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		var ids []string
		for _, h := range lex.Hits {
			ids = append(ids, h.Bullet.ID)
		}
		lists = append(lists, ids)
		if _, err := ix.Facets(ids, 10); err != nil { // warm the cache
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ix.Facets(lists[i%len(lists)], 10); err != nil {
			b.Fatal(err)
		}
	}
}
