package index_test

import (
	"context"
	"testing"

	"vitae/bench"
	"vitae/index"
)

// BenchmarkDelete10k times one Delete (with the wipe it waits for) on the
// 10,000-bullet generated index with vectors: each iteration erases
// another résumé.
func BenchmarkDelete10k(b *testing.B) {
	ctx := context.Background()
	ix, _, _ := bench.Fixture10k(b, index.Options{})
	rs, _, err := ix.Resumes(0, 0)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if i >= len(rs) {
			b.Fatal("ran out of résumés to delete")
		}
		if err := ix.Delete(ctx, rs[i].ID); err != nil {
			b.Fatal(err)
		}
	}
}
