package audit

import (
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae/boltwipe"
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
	zeroed := 0
	err = l.db.Update(func(tx *bolt.Tx) (err error) {
		zeroed, err = boltwipe.FreePages(tx, f)
		return err
	})
	if err != nil {
		return zeroed, fmt.Errorf("zero free pages of %s: %w", l.db.Path(), err)
	}
	return zeroed, nil
}
