package index

import (
	"os"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseBolt drops vitae.db's pages from the process's resident set;
// they stay in the page cache, and a later read maps the page it needs
// again (bbolt maps the file MADV_RANDOM: one page per read). bbolt
// reads every page's header at open to rebuild its free list
// (NoFreelistSync), and openVectors reads every slot: at 1M bullets that
// left the whole 1.4 GB file resident in a server that then reads a few
// dozen records per search. Call it only while nothing writes: a write
// can move bbolt's mapping.
func releaseBolt(db *bolt.DB) {
	st, err := os.Stat(db.Path())
	if err != nil || st.Size() == 0 {
		return
	}
	// The mapping is at least as long as the file (bbolt rounds it up);
	// advising by address needs no Go slice over memory bbolt owns.
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(st.Size()), syscall.MADV_DONTNEED)
}
