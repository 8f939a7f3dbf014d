package boltwipe

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestFreePagesLeavesNoErasedBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	secret := bytes.Repeat([]byte("ana.silva@example.org "), 400) // spans pages
	put := func(v []byte) {
		t.Helper()
		if err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("people"))
			if err != nil {
				return err
			}
			if v == nil {
				return b.Delete([]byte("ana"))
			}
			return b.Put([]byte("ana"), v)
		}); err != nil {
			t.Fatal(err)
		}
	}
	put(secret)
	put([]byte("x")) // the secret's pages are freed, their bytes stay
	put(nil)
	if err := db.Update(func(*bolt.Tx) error { return nil }); err != nil { // release pending pages
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(path); !bytes.Contains(raw, []byte("ana.silva@example.org")) {
		t.Fatal("setup: the freed pages no longer hold the secret, the test proves nothing")
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wipe := func() int {
		t.Helper()
		var n int
		if err := db.Update(func(tx *bolt.Tx) (err error) {
			n, err = FreePages(tx, f)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := wipe(); n == 0 {
		t.Fatal("zeroed no page")
	}
	if raw, _ := os.ReadFile(path); bytes.Contains(raw, []byte("ana.silva@example.org")) {
		t.Error("the file still holds the erased bytes")
	}
	if n := wipe(); n != 0 {
		t.Errorf("second wipe zeroed %d pages, want 0 (already zero)", n)
	}
}
