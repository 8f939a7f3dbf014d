package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// dumpTo opens path as --loo-dump does and writes two lines to it.
func dumpTo(t *testing.T, path string) {
	t.Helper()
	if err := dump(path); err != nil {
		t.Fatal(err)
	}
}

// dump is dumpTo for another goroutine.
func dump(path string) error {
	d, err := openDump("--loo-dump", path)
	if err != nil {
		return err
	}
	defer d.discard()
	return writeDump(d, []int{1, 2})
}

// TestDumpFileKinds: a dump replaces a regular file keeping its mode,
// gets a new file the mode a new file gets, writes a symlink's target,
// and writes a FIFO (process substitution) to its reader.
func TestDumpFileKinds(t *testing.T) {
	dir := t.TempDir()
	const want = "1\n2\n"
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	t.Run("mode kept", func(t *testing.T) {
		p := filepath.Join(dir, "kept.jsonl")
		if err := os.WriteFile(p, []byte("old\n"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, 0o640); err != nil {
			t.Fatal(err)
		}
		dumpTo(t, p)
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o640 || read(p) != want {
			t.Errorf("mode %v, text %q; want -rw-r----- and %q", st.Mode().Perm(), read(p), want)
		}
	})

	t.Run("new file as a new file", func(t *testing.T) {
		probe, err := os.Create(filepath.Join(dir, "probe"))
		if err != nil {
			t.Fatal(err)
		}
		probe.Close()
		pst, _ := os.Stat(probe.Name())
		p := filepath.Join(dir, "new.jsonl")
		dumpTo(t, p)
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != pst.Mode().Perm() {
			t.Errorf("mode %v, want %v (0666 less the umask)", st.Mode().Perm(), pst.Mode().Perm())
		}
	})

	t.Run("symlink target written", func(t *testing.T) {
		sub := filepath.Join(dir, "sub")
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(sub, "target.jsonl")
		if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "link.jsonl")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		dumpTo(t, link)
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("link replaced: %v, %v", st.Mode(), err)
		}
		if got := read(target); got != want {
			t.Errorf("target %q, want %q", got, want)
		}
	})

	t.Run("fifo read by its reader", func(t *testing.T) {
		p := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		got := make(chan string, 1)
		go func() {
			b, _ := os.ReadFile(p) // opens when the dump opens it
			got <- string(b)
		}()
		done := make(chan error, 1)
		go func() { done <- dump(p) }()
		select {
		case s := <-got:
			if s != want {
				t.Errorf("reader got %q, want %q", s, want)
			}
		case <-time.After(20 * time.Second): // a hang guard, not a timing
			t.Fatal("the FIFO's reader got nothing: the dump went elsewhere")
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
		if st, err := os.Lstat(p); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("FIFO replaced: %v, %v", st.Mode(), err)
		}
	})
}
