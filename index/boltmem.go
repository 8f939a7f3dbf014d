package index

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseBolt drops vitae.db's pages from the process's resident set;
// they stay in the page cache, and a later read maps the page it needs
// again (bbolt maps the file MADV_RANDOM: one page per read). bbolt
// reads every page's header at open to rebuild its free list
// (NoFreelistSync), openVectors reads every slot, and Stats walks every
// page of two buckets: at 1M bullets each left most of the 1.4 GB file
// resident in a server that then reads a few dozen records per search.
// A read transaction holds bbolt's mapping in place (a write that grows
// the file remaps it only when no reader is open).
func releaseBolt(db *bolt.DB) {
	_ = db.View(func(tx *bolt.Tx) error {
		releaseMapped(db, tx)
		return nil
	})
}

// releaseMapped is releaseBolt inside the caller's transaction.
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {
	// The mapping is at least as long as the file the transaction sees;
	// advising by address needs no Go slice over memory bbolt owns.
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
}

// boltReleaseRecords is how many records searches may read before the
// pages they mapped are dropped again: bbolt's MADV_RANDOM stops
// read-ahead, not the kernel's fault-around, so a record read can map 64
// KiB of cached pages; at most 256 MiB between releases. At 1M bullets,
// without it, the records the bench's 200 queries read left 720 MiB of
// vitae.db resident.
const boltReleaseRecords = 4096

// boltReleaseBound is the resident set the releases bound vitae.db's
// pages to (boltReleaseRecords reads of 64 KiB each). A smaller file
// (~160 MB at 100k bullets) never exceeds it, so releasing its pages
// bounds nothing and made every record read after it fault its page back
// (4% of an HTTP hybrid search's CPU at 100k, quantized: BENCHMARKS.md,
// "HTTP at 100k, stop 16").
const boltReleaseBound = boltReleaseRecords << 16

// readRecords counts n records read in tx for a search and releases the
// mapping's pages once boltReleaseRecords have been read since the last,
// if the file is larger than what that bounds.
func (ix *Index) readRecords(tx *bolt.Tx, n int) {
	if tx.Size() <= boltReleaseBound {
		return
	}
	if ix.boltReads.Add(int64(n)) > boltReleaseRecords {
		ix.boltReads.Store(0)
		releaseMapped(ix.db, tx)
	}
}
