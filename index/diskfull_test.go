package index

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"vitae"
)

// tmpfs mounts a small tmpfs for the test, or skips when mounting is not
// permitted (not root, no CAP_SYS_ADMIN, a container without it).
func tmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a %s tmpfs to fill (needs root or CAP_SYS_ADMIN): %v %s", size, err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// TestDiskFull fills a small disk under an index with uploads: every
// write either succeeds or fails with EINSUFFICIENT naming the index, the
// undo never panics and leaves nothing half-written, and once space
// returns writes go on without reopening.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	mnt := tmpfs(t, "8m")
	ballast := filepath.Join(mnt, "ballast")
	if err := os.WriteFile(ballast, make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	dir := filepath.Join(mnt, "idx")
	ix, err := Open(Options{Path: dir, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	stored, failures := 0, 0
	for i := 0; i < 2000 && failures < 20; i++ {
		r := filler(1)[0]
		r.ID, r.Hash = fmt.Sprintf("up-%04d", i), fmt.Sprintf("h%d", i)
		for j := range r.Bullets {
			r.Bullets[j].ID = fmt.Sprintf("up-%04d-%d", i, j)
			r.Bullets[j].Text += strings.Repeat(fmt.Sprintf(" widget%d", i), 200)
		}
		_, err := ix.Upsert(ctx, []*vitae.Resume{r})
		if err == nil {
			stored++
			continue
		}
		failures++
		if code := vitae.ErrorCode(err); code != vitae.EINSUFFICIENT {
			t.Fatalf("upload %d on a full disk: code %q: %v", i, code, err)
		}
		if !strings.Contains(err.Error(), dir) {
			t.Errorf("error does not name the index: %v", err)
		}
	}
	if failures == 0 {
		t.Fatalf("setup: %d uploads never filled the disk", stored)
	}
	check := func(when string) {
		t.Helper()
		st, err := ix.Stats()
		if err != nil {
			t.Fatalf("%s: stats: %v", when, err)
		}
		res, err := ix.Lexical(ctx, LexicalRequest{Text: "billing service", Size: 1})
		if err != nil {
			t.Fatalf("%s: search: %v", when, err)
		}
		if st.Resumes != stored || st.Bullets != 2*stored || res.Total != stored {
			t.Errorf("%s: %d résumés, %d bullets, %d keyword hits; want the %d acknowledged", when, st.Resumes, st.Bullets, res.Total, stored)
		}
	}
	check("disk full")
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	r := filler(1)[0]
	r.ID, r.Hash, r.Bullets[0].ID, r.Bullets[1].ID = "after", "after", "after-0", "after-1"
	if _, err := ix.Upsert(ctx, []*vitae.Resume{r}); err != nil {
		t.Fatalf("write after space returned, without reopening: %v", err)
	}
	stored++
	check("space back")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	log.Reset()
	if ix, err = Open(Options{Path: dir, Logger: slog.New(slog.NewTextHandler(&log, nil))}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), "repaired") {
		t.Errorf("reopening had to repair what the failed writes left: %s", log.String())
	}
	check("reopened")
}
