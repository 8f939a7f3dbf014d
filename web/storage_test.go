package web

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"vitae/index"
	"vitae/match"
	"vitae/search"
)

// TestUploadOnFullDisk fills an 8 MB tmpfs under the index through the
// API: each upload is 201 or 507 with a JSON error, never a 500 or a
// panic; once space returns, uploads succeed without a restart.
func TestUploadOnFullDisk(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount an 8 MB tmpfs to fill (needs root or CAP_SYS_ADMIN): %v %s", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	ballast := filepath.Join(mnt, "ballast")
	if err := os.WriteFile(ballast, make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	ix, err := index.Open(index.Options{Path: filepath.Join(mnt, "idx")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	eng := search.New(ix, nil, search.Options{})
	srv, err := New(eng, match.New(eng, match.Options{}), Config{APIKey: "k", Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	upload := func(i int) (int, map[string]any) {
		filler := strings.Repeat(fmt.Sprintf(" gizmo%d", i), 150)
		body := fmt.Sprintf(`{"basics":{"name":"Person %d"},"work":[{"name":"Initech","position":"Engineer","startDate":"2019-01","highlights":["Shipped release %d of the billing service%s","Kept the on-call rotation calm%s"]}]}`, i, i, filler, filler)
		s, out, _ := do(t, ts, call{method: "POST", path: fmt.Sprintf("/api/v1/resumes?id=p%04d", i), body: body, key: "k"})
		return s, out
	}
	full := 0
	for i := 0; i < 3000 && full < 10; i++ {
		switch s, out := upload(i); s {
		case 201:
		case 507:
			full++
			if e, _ := out["error"].(map[string]any); e == nil || e["code"] != "insufficient_storage" {
				t.Fatalf("507 without the JSON error: %v", out)
			}
		default:
			t.Fatalf("upload %d: %d %v", i, s, out)
		}
	}
	if full == 0 {
		t.Fatal("setup: the disk never filled")
	}
	if strings.Contains(log.String(), "panic") {
		t.Errorf("the server panicked:\n%s", log.String())
	}
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	if s, out := upload(9999); s != 201 {
		t.Errorf("upload once space is back: %d %v", s, out)
	}
}
