package vector

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// mappedKiB is how much of the mapping starting at b is resident in this
// process (its Rss in /proc/self/smaps), in KiB.
func mappedKiB(t *testing.T, b []byte) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	start := fmt.Sprintf("%x-", uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) > 0 && strings.Contains(f[0], "-") { // a mapping's header: start-end perms …
			in = strings.HasPrefix(line, start)
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			n, err := strconv.Atoi(strings.Fields(line)[1])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no mapping at %s in smaps", start)
	return 0
}

// Past preadFrom nothing reads float rows through the mapping for good:
// a commit's graph inserts fault rows in and the commit drops them, and
// Vector reads its row. Below it the pages stay, as re-scoring wants.
func TestFloatPagesDroppedPastPreadFrom(t *testing.T) {
	ctx := context.Background()
	vs := Open(t.TempDir(), Options{ANNThreshold: 100, Quantize: true})
	defer func() { vs.Close(); vs.CloseFiles() }()
	vecs := randVecs(1200, 64, 5)
	commit := func(from, to int) {
		t.Helper()
		entries := make([]Entry, 0, to-from)
		for i := from; i < to; i++ {
			entries = append(entries, Entry{ID: fmt.Sprintf("v%04d", i), Vec: Normalize(vecs[i])})
		}
		slots, err := vs.Stage(entries)
		if err != nil {
			t.Fatal(err)
		}
		vs.Commit("rand", entries, slots, slices.Repeat([]bool{true}, len(entries)))
	}
	commit(0, 600)
	if err := vs.BuildANN(ctx); err != nil {
		t.Fatal(err)
	}
	was := preadFrom
	defer func() { preadFrom = was }()
	mem := vs.disk.f32.mem

	preadFrom = 1 << 62 // below it: the inserts' pages stay resident
	vs.disk.f32.release()
	commit(600, 900)
	if kb := mappedKiB(t, mem); kb == 0 {
		t.Fatalf("below preadFrom: %d KiB of float rows resident after inserts, want some (the test sees nothing)", kb)
	}

	preadFrom = 0
	vs.disk.f32.release()
	commit(900, 1200)
	if kb := mappedKiB(t, mem); kb != 0 {
		t.Errorf("past preadFrom: %d KiB of float rows resident after a commit's inserts, want 0", kb)
	}
	v, err := vs.Vector("v0042")
	if err != nil || !slices.Equal(v, Normalize(vecs[42])) {
		t.Fatalf("Vector read: %v, %v", v[:min(4, len(v))], err)
	}
	if kb := mappedKiB(t, mem); kb != 0 {
		t.Errorf("past preadFrom: %d KiB of float rows resident after Vector, want 0", kb)
	}
}
