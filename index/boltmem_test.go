package index

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOpenLeavesTheDatabaseOutOfMemory reopens an index of a few
// thousand bullets and finds vitae.db's pages out of the resident set,
// after the open and after Stats (which reads every page of two
// buckets), while a record still reads.
func TestOpenLeavesTheDatabaseOutOfMemory(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Upsert(context.Background(), projects(200, 20)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "vitae.db")
	st, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	ix = open(t, Options{Path: dir})
	rss, ok := residentKB(t, db)
	if !ok {
		t.Skip("no /proc/self/smaps")
	}
	if size := st.Size() / 1024; size < 512 || rss > size/8 {
		t.Errorf("vitae.db: %d KiB resident of %d KiB after open, want at most an eighth", rss, size)
	}
	if _, err := ix.Stats(); err != nil {
		t.Fatal(err)
	}
	if rss, _ = residentKB(t, db); rss > st.Size()/1024/8 {
		t.Errorf("vitae.db: %d KiB resident of %d KiB after Stats, want at most an eighth", rss, st.Size()/1024)
	}
	if bs, err := ix.Bullets([]string{"r07-3"}); err != nil || !strings.Contains(bs["r07-3"].Text, "feature 3 of project 7") {
		t.Errorf("a record after the release: %v, %v", bs, err)
	}
}

// residentKB sums the Rss of this process's mappings of path.
func residentKB(t *testing.T, path string) (int64, bool) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var kb int64
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = len(fields) >= 6 && fields[5] == path // an anonymous mapping has no path
		case in && len(fields) >= 2 && fields[0] == "Rss:":
			n, _ := strconv.ParseInt(fields[1], 10, 64)
			kb += n
		}
	}
	return kb, sc.Err() == nil
}
