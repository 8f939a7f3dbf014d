package index

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIndexFilesArePrivate: résumés are personal data; a new index
// directory and its database are readable by their owner only.
func TestIndexFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, "vitae.db"): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got&^want != 0 {
			t.Errorf("%s: mode %v, want at most %v", path, got, want)
		}
	}
}
