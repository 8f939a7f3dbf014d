package boltwipe

import (
	"bytes"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// FreePages zeroes every free page of tx's database that is not zero yet,
// writing through f (the database file opened read-write), and syncs f
// when it zeroed any. Call it inside a write transaction once bbolt has
// no pending pages: then "free" means free, and no meta page, reader or
// writer refers to a page it zeroes. It reports the pages it zeroed.
func FreePages(tx *bolt.Tx, f *os.File) (int, error) {
	size := tx.DB().Info().PageSize
	zero, buf := make([]byte, size), make([]byte, size)
	zeroed := 0
	for id := 2; int64(id)*int64(size) < tx.Size(); id++ {
		info, err := tx.Page(id)
		if err != nil {
			return zeroed, err
		}
		if info == nil || info.Type != "free" {
			continue
		}
		off := int64(id) * int64(size)
		if _, err := f.ReadAt(buf, off); err != nil {
			return zeroed, fmt.Errorf("read free page %d: %w", id, err)
		}
		if bytes.Equal(buf, zero) {
			continue
		}
		if _, err := f.WriteAt(zero, off); err != nil {
			return zeroed, fmt.Errorf("zero free page %d: %w", id, err)
		}
		zeroed++
	}
	if zeroed > 0 {
		if err := f.Sync(); err != nil {
			return zeroed, err
		}
	}
	return zeroed, nil
}
