package index

import (
	"os"
	"testing"
	"time"
)

// BenchmarkOpenKept opens and closes the index at VITAE_BENCH_INDEX, an
// index a `vitae bench --keep` run left (WORK/1000000/semantic for the 1M
// figures), as a server restart does: integrity check, bbolt, bleve, the
// vector slots and the saved graph. It reports the open alone (open-s/op);
// profile it with -cpuprofile. VITAE_BENCH_QUANTIZE=1 opens it quantized,
// VITAE_BENCH_SKIP_VERIFY=1 without the integrity check. Skipped unset.
func BenchmarkOpenKept(b *testing.B) {
	path := os.Getenv("VITAE_BENCH_INDEX")
	if path == "" {
		b.Skip("VITAE_BENCH_INDEX is not set")
	}
	opts := Options{Path: path, Quantize: os.Getenv("VITAE_BENCH_QUANTIZE") == "1", SkipVerify: os.Getenv("VITAE_BENCH_SKIP_VERIFY") == "1"}
	var open time.Duration
	for b.Loop() {
		t := time.Now()
		ix, err := Open(opts)
		if err != nil {
			b.Fatal(err)
		}
		open += time.Since(t)
		st, err := ix.Stats()
		if err != nil || !st.Approximate {
			b.Fatalf("reopened without its graph (approximate %v): %v", st.Approximate, err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(open.Seconds()/float64(b.N), "open-s/op")
}
