package web_test

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"vitae"
)

// BenchmarkNearestFixture is the vector side of a hybrid search alone
// (Index.Nearest for the engine's 100 candidates) on APISearchHTTP's
// fixture, over the bench's queries embedded once. It reports the search
// thread's CPU time per search (cpu-us/op): the HNSW walk's cost, which
// other processes' load inflates less than wall time.
func BenchmarkNearestFixture(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("VITAE_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	ix, l, queries := loadFixture(b, n)
	ctx := context.Background()
	vecs, err := l.Embed(ctx, queries, vitae.InputQuery)
	if err != nil {
		b.Fatal(err)
	}
	search := func() time.Duration {
		t := threadCPU()
		for _, v := range vecs {
			if ns, err := ix.Nearest(ctx, v, 100, vitae.Filters{}); err != nil || len(ns) != 100 {
				b.Fatalf("%d neighbours: %v", len(ns), err)
			}
		}
		return threadCPU() - t
	}
	runtime.LockOSThread() // the thread's clock counts this goroutine only
	defer runtime.UnlockOSThread()
	search() // rows checked against their checksums once, caches warm
	var cpu time.Duration
	for b.Loop() {
		cpu += search()
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*len(vecs)), "cpu-us/op")
}

// threadCPU is the calling thread's CPU time.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
