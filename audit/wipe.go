package audit

import (
	"bytes"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bbolt copies on write: an erased person's résumé ID (the subjects
// rows) and the texts redacted for them stay in freed pages of audit.db
// until reused. wipeFree zeroes those pages, as the index does for
// vitae.db (SECURITY.md), so erasure leaves no byte of them in the file.

// wipeFree zeroes every free page of audit.db that is not zero yet. Pages
// freed while a reader could still see them are "pending" in bbolt; it
// waits up to a second for readers (exports) to finish, and otherwise
// leaves them to the next erasure or Open, which zero every free page.
// The caller holds l.mu, so no entries are committed meanwhile.
func (l *Log) wipeFree() (int, error) {
	for i := 0; ; i++ {
		// A write transaction releases the pending pages no reader holds.
		if err := l.db.Update(func(*bolt.Tx) error { return nil }); err != nil {
			return 0, err
		}
		if l.db.Stats().PendingPageN == 0 {
			break
		}
		if i == 500 {
			l.opts.Logger.Warn("audit log: readers still hold freed pages; they are zeroed at the next erasure or start")
			return 0, nil
		}
		time.Sleep(2 * time.Millisecond)
	}
	f, err := os.OpenFile(l.db.Path(), os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	size := l.db.Info().PageSize
	zero, buf := make([]byte, size), make([]byte, size)
	zeroed := 0
	err = l.db.Update(func(tx *bolt.Tx) error {
		// Inside the writer, with nothing pending, "free" means free: no
		// meta page, reader or writer refers to it.
		for id := 2; int64(id)*int64(size) < tx.Size(); id++ {
			info, err := tx.Page(id)
			if err != nil {
				return err
			}
			if info == nil || info.Type != "free" {
				continue
			}
			off := int64(id) * int64(size)
			if _, err := f.ReadAt(buf, off); err != nil {
				return fmt.Errorf("read free page %d: %w", id, err)
			}
			if bytes.Equal(buf, zero) {
				continue
			}
			if _, err := f.WriteAt(zero, off); err != nil {
				return fmt.Errorf("zero free page %d: %w", id, err)
			}
			zeroed++
		}
		if zeroed > 0 {
			return f.Sync()
		}
		return nil
	})
	if err != nil {
		return zeroed, fmt.Errorf("zero free pages of %s: %w", l.db.Path(), err)
	}
	return zeroed, nil
}
