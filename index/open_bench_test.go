package index

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"vitae/internal/cputime"
)

// BenchmarkOpenKept opens and closes the index at VITAE_BENCH_INDEX, an
// index a `vitae bench --keep` run left (WORK/1000000/semantic for the 1M
// figures), as a server restart does: integrity check, bbolt, bleve, the
// vector slots and the saved graph. It reports the open alone (open-s/op);
// its process CPU time (open-cpu-s/op) and the resident set after it
// (rss-after-open-MiB); profile it with -cpuprofile. VITAE_BENCH_QUANTIZE=1 opens it quantized,
// VITAE_BENCH_SKIP_VERIFY=1 without the integrity check. Skipped unset.
func BenchmarkOpenKept(b *testing.B) {
	path := os.Getenv("VITAE_BENCH_INDEX")
	if path == "" {
		b.Skip("VITAE_BENCH_INDEX is not set")
	}
	opts := Options{Path: path, Quantize: os.Getenv("VITAE_BENCH_QUANTIZE") == "1", SkipVerify: os.Getenv("VITAE_BENCH_SKIP_VERIFY") == "1"}
	var open, cpu time.Duration
	var rss int64
	for b.Loop() {
		t, c := time.Now(), cputime.Process()
		ix, err := Open(opts)
		if err != nil {
			b.Fatal(err)
		}
		open, cpu = open+time.Since(t), cpu+cputime.Process()-c
		rss = max(rss, residentBytes())
		st, err := ix.Stats()
		if err != nil || !st.Approximate {
			b.Fatalf("reopened without its graph (approximate %v): %v", st.Approximate, err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(open.Seconds()/float64(b.N), "open-s/op")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "open-cpu-s/op")
	b.ReportMetric(float64(rss)/(1<<20), "rss-after-open-MiB")
}

// residentBytes is VmRSS: the process's resident set, mapped files
// included; 0 if unknown.
func residentBytes() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
