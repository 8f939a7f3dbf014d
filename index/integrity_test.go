package index

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// damagedFixture builds an index whose largest segment passes 400 KB,
// closes it and returns its directory and that segment's path.
func damagedFixture(t *testing.T) (dir, bigSeg string) {
	t.Helper()
	dir = t.TempDir()
	ix, err := Open(Options{Path: dir, BatchSize: 10000})
	if err != nil {
		t.Fatal(err)
	}
	rs := filler(2500)
	var ids []string
	var vecs [][]float32
	for i, r := range rs {
		for _, b := range r.Bullets {
			ids = append(ids, b.ID)
			vecs = append(vecs, []float32{float32(i), 1, float32(len(b.Text))})
		}
	}
	if _, err := ix.Upsert(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutVectors(ids, vecs, "m"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(dir, "bleve", "store", "*.zap"))
	var size int64
	for _, s := range segs {
		if st, err := os.Stat(s); err == nil && st.Size() > size {
			bigSeg, size = s, st.Size()
		}
	}
	if size < 400<<10 {
		t.Fatalf("setup: largest segment %s is %d bytes, want > 400 KB", bigSeg, size)
	}
	return dir, bigSeg
}

// copyDir copies an index directory so each case damages its own.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// flip inverts n bytes of a file from the fraction at of its length.
func flip(t *testing.T, path string, at float64, n int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	off := int(float64(len(data)) * at)
	for i := off; i < off+n && i < len(data); i++ {
		data[i] ^= 0xff
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func truncateHalf(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, st.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRefusesDamagedFiles damages one file per case the way a bad
// disk, a full one or a careless operator would, and expects Open to
// refuse with ErrDamaged, the file's name and the remedy — never a
// panic, a fault, or an index that opens and fails every query.
func TestOpenRefusesDamagedFiles(t *testing.T) {
	base, bigSeg := damagedFixture(t)
	seg := filepath.Base(bigSeg)
	db := func(dir string) string { return filepath.Join(dir, "vitae.db") }
	zap := func(dir string) string { return filepath.Join(dir, "bleve", "store", seg) }
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir string)
		file   string // named in the error
	}{
		{"vitae.db truncated to half", func(t *testing.T, dir string) { truncateHalf(t, db(dir)) }, "vitae.db"},
		{"vitae.db 4 KB flipped at 30%", func(t *testing.T, dir string) { flip(t, db(dir), 0.3, 4096) }, "vitae.db"},
		{"vitae.db both meta pages flipped", func(t *testing.T, dir string) { flip(t, db(dir), 0, 8192) }, "vitae.db"},
		{"vitae.db missing", func(t *testing.T, dir string) { os.Remove(db(dir)) }, "vitae.db"},
		{"segment 400 KB flipped", func(t *testing.T, dir string) { flip(t, zap(dir), 0.1, 400<<10) }, seg},
		{"segment 64 bytes flipped", func(t *testing.T, dir string) { flip(t, zap(dir), 0.5, 64) }, seg},
		{"segment missing", func(t *testing.T, dir string) { os.Remove(zap(dir)) }, seg},
		{"segment truncated", func(t *testing.T, dir string) { truncateHalf(t, zap(dir)) }, seg},
		{"keyword index missing", func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, "bleve")) }, "index_meta.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, base)
			tc.damage(t, dir)
			ix, err := Open(Options{Path: dir})
			if err == nil {
				ix.Close()
				t.Fatal("Open accepted a damaged index")
			}
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("error does not wrap ErrDamaged: %v", err)
			}
			for _, want := range []string{tc.file, "vitae index --rebuild", "backup"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not say %q: %v", want, err)
				}
			}
		})
	}
	t.Run("intact", func(t *testing.T) {
		ix := open(t, Options{Path: copyDir(t, base)})
		res, err := ix.Lexical(context.Background(), LexicalRequest{Text: "billing release", Size: 3})
		if err != nil || res.Total != 2500 {
			t.Errorf("intact index: %v %+v", err, res)
		}
	})
}

// TestCheckBoltFileBudget: a check out of time is not a verdict.
func TestCheckBoltFileBudget(t *testing.T) {
	base, _ := damagedFixture(t)
	segs, err := segmentFiles(filepath.Join(base, "bleve", "store", "root.bolt"))
	if err != nil || len(segs) == 0 || !slices.ContainsFunc(segs, func(s string) bool { return strings.HasSuffix(s, ".zap") }) {
		t.Fatalf("segments of the fixture: %v %v", segs, err)
	}
	for _, f := range []string{"vitae.db", filepath.Join("bleve", "store", "root.bolt")} {
		if err := checkBoltFile(filepath.Join(base, f), time.Time{}); err != nil && !errors.Is(err, errBudget) {
			t.Errorf("%s with no time: %v, want nil or errBudget", f, err)
		}
		if err := checkBoltFile(filepath.Join(base, f), time.Now().Add(time.Hour)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
