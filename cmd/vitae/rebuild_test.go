package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// largestSegment is the biggest .zap file of the index in dir.
func largestSegment(t *testing.T, dir string) string {
	t.Helper()
	segs, _ := filepath.Glob(filepath.Join(dir, "vitae-data", "bleve", "store", "*.zap"))
	best, size := "", int64(-1)
	for _, s := range segs {
		if st, err := os.Stat(s); err == nil && st.Size() > size {
			best, size = s, st.Size()
		}
	}
	if best == "" {
		t.Fatal("setup: no segment")
	}
	return best
}

// TestDamagedIndexStopsAndRebuilds: with a segment damaged, serve and
// search exit 1 naming the file and the remedy (not a panic, not a
// server that fails every query); `index --rebuild` replaces the index
// from its records, and with vitae.db damaged too, from the files.
func TestDamagedIndexStopsAndRebuilds(t *testing.T) {
	dir := workdir(t)
	if code, _, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	seg := largestSegment(t, dir)
	data, _ := os.ReadFile(seg)
	data[len(data)/2] ^= 0xff
	os.WriteFile(seg, data, 0o600)
	for _, args := range [][]string{{"serve", "--addr", "127.0.0.1:0"}, {"search", "devops"}} {
		code, _, errOut := cli(t, dir, args...)
		if code != 1 || !strings.Contains(errOut, filepath.Base(seg)) || !strings.Contains(errOut, "vitae index --rebuild") || strings.Contains(errOut, "panic") {
			t.Errorf("%s on a damaged segment: exit %d\n%s", args[0], code, errOut)
		}
	}

	code, out, errOut := cli(t, dir, "index", "--rebuild")
	if code != 0 || !strings.Contains(out, "from its records") {
		t.Fatalf("rebuild from records: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := cli(t, dir, "search", "devops", "--mode", "keyword"); code != 0 || !strings.Contains(strings.ToLower(out), "devops") {
		t.Fatalf("search after rebuild: exit %d\n%s\n%s", code, out, errOut)
	}

	if err := os.Truncate(filepath.Join(dir, "vitae-data", "vitae.db"), 8192); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cli(t, dir, "index", "--rebuild", "data")
	if code != 0 || !strings.Contains(out, "Rebuilt") || !strings.Contains(errOut, "records cannot be read") {
		t.Fatalf("rebuild from files: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := cli(t, dir, "search", "devops", "--mode", "keyword"); code != 0 || !strings.Contains(strings.ToLower(out), "devops") {
		t.Fatalf("search after rebuild from files: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := cli(t, dir, "purge"); code != 0 || !strings.Contains(out, "Purged") {
		t.Errorf("purge: exit %d\n%s\n%s", code, out, errOut)
	}
}
