package index_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/bench"
	"vitae/index"
)

// BenchmarkIndex10k builds a 10,000-bullet index generated from the real
// corpus (../shared; the samples otherwise) with the built-in embedder,
// then times the retrievers the search engine calls: the exact parallel
// kNN scan, the HNSW graph (threshold lowered so it is used), and BM25.
func BenchmarkIndex10k(b *testing.B) {
	ctx := context.Background()
	ix, l, queries := bench.Fixture10k(b, index.Options{ANNThreshold: 1000})
	vecs, err := l.Embed(ctx, queries, vitae.InputQuery)
	if err != nil {
		b.Fatal(err)
	}
	ix.BuildANN(context.Background())
	b.Run("knn-exact", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := ix.NearestExact(ctx, vecs[i%len(vecs)], 100); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("knn-hnsw", func(b *testing.B) {
		b.ReportAllocs()
		var recall float64
		n := 0
		for i := 0; b.Loop(); i++ {
			got, err := ix.Nearest(ctx, vecs[i%len(vecs)], 10, vitae.Filters{})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			want, _ := ix.NearestExact(ctx, vecs[i%len(vecs)], 10)
			recall += overlap(want, got)
			n++
			b.StartTimer()
		}
		b.ReportMetric(recall/float64(n), "recall@10")
	})
	b.Run("lexical", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := ix.Lexical(ctx, index.LexicalRequest{Text: queries[i%len(queries)], Size: 100, Highlight: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func overlap(want, got []index.Neighbor) float64 {
	if len(want) == 0 {
		return 1
	}
	set := map[string]bool{}
	for _, n := range want {
		set[n.ID] = true
	}
	hit := 0
	for _, n := range got {
		if set[n.ID] {
			hit++
		}
	}
	return float64(hit) / float64(len(want))
}
