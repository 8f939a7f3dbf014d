package vector

import (
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
