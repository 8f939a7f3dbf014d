package vector

import (
	"context"
	"testing"
)

// BenchmarkHNSWBuild builds the graph over 20,000 vectors of the built-in
// embedder's dimension (256) on every core; compare -cpu 1,2 for the
// parallel speed-up.
func BenchmarkHNSWBuild(b *testing.B) {
	vs := newStore(b, Options{ANNThreshold: 1000})
	bulk(b, vs, randVecs(20000, 256, 3))
	b.ReportAllocs()
	for b.Loop() {
		vs.mu.RLock()
		if vs.buildGraph(func() bool { return false }) == nil {
			b.Fatal("no graph")
		}
		vs.mu.RUnlock()
	}
}

// BenchmarkSearchRecall searches 20,000 vectors of 256 dimensions by the
// graph, float rows against int8 rows re-scored by float, and reports
// recall@10 against the float exact answer beside the time per search.
func BenchmarkSearchRecall(b *testing.B) {
	vecs := randVecs(20000, 256, 3)
	qs := randVecs(200, 256, 11)
	for _, quantize := range []bool{false, true} {
		b.Run(map[bool]string{false: "float", true: "int8+rescore"}[quantize], func(b *testing.B) {
			vs := newStore(b, Options{ANNThreshold: 1000, Quantize: quantize})
			all := bulk(b, vs, vecs)
			if err := vs.BuildANN(context.Background()); err != nil {
				b.Fatal(err)
			}
			var sum float64
			for _, q := range qs {
				got, _ := vs.Nearest(context.Background(), q, 10, nil)
				sum += recall(bruteForce(vecs, all, q, 10, nil), neighborIDs(got))
			}
			b.ResetTimer()
			k := 0
			for b.Loop() {
				if _, err := vs.Nearest(context.Background(), qs[k%len(qs)], 10, nil); err != nil {
					b.Fatal(err)
				}
				k++
			}
			b.ReportMetric(sum/float64(len(qs)), "recall@10")
		})
	}
}
