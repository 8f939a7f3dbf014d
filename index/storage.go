package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"vitae"
)

// A full disk (or an I/O error) in the middle of a write must leave the
// index as it was before the write, answer with a code a client can act
// on, and let writes go on once space returns, without a restart. Bleve
// is the hard part: when it fails to persist a batch, its in-memory
// snapshot can keep segments it has already closed, and the next batch
// panics (a nil map in zap's cache). So after such a failure the bleve
// index is closed and reopened from what it last persisted, under
// bleveMu so no search reads it meanwhile, and only then is the write
// undone (pending.go); an undo that fails too is retried by the next
// write (repairIfOwed) or the next Open.

// storageErr gives a write that failed for lack of space the code
// EINSUFFICIENT (507 from the API) with a message a user can act on; the
// cause, for logs and the CLI, names the file. An error that already has
// a code (a wipe that could not finish) keeps it.
func storageErr(err error) error {
	if err == nil || vitae.ErrorCode(err) != vitae.EINTERNAL || !noSpace(err) {
		return err
	}
	return vitae.Wrap(vitae.EINSUFFICIENT, err, "the disk holding the index is full: nothing was written; free space and retry")
}

// noSpace reports a full disk or quota. Bleve flattens its errors to
// text, hence the second test.
func noSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) ||
		strings.Contains(err.Error(), syscall.ENOSPC.Error()) || strings.Contains(err.Error(), syscall.EDQUOT.Error())
}

// ioFailure reports an error of the disk itself, after which bleve's
// in-memory state is not to be trusted.
func ioFailure(err error) bool {
	return noSpace(err) || errors.Is(err, syscall.EIO) || strings.Contains(err.Error(), syscall.EIO.Error())
}

// search runs a bleve search; a reopen waits for it.
func (ix *Index) search(ctx context.Context, sr *bleve.SearchRequest) (*bleve.SearchResult, error) {
	ix.bleveMu.RLock()
	defer ix.bleveMu.RUnlock()
	var res *bleve.SearchResult
	err := guard(func() (err error) {
		res, err = ix.bleve.SearchInContext(ctx, sr)
		return err
	})
	return res, err
}

// reopenBleve closes the bleve index and opens it again from disk. The
// caller holds writeMu.
func (ix *Index) reopenBleve() error {
	ix.bleveMu.Lock()
	defer ix.bleveMu.Unlock()
	_ = guard(ix.bleve.Close) // it may fail the same way; the reopen decides
	var bi bleve.Index
	if err := guard(func() (err error) {
		bi, err = openBleve(filepath.Join(ix.opts.Path, "bleve"))
		return err
	}); err != nil {
		return fmt.Errorf("reopen the keyword index after a failed write: %w", err)
	}
	ix.bleve = bi
	return nil
}

// repairIfOwed undoes a failed write whose undo failed too (the disk was
// still full), before the next write starts. The caller holds writeMu.
func (ix *Index) repairIfOwed() error {
	owed := false
	if err := ix.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketPending).Cursor().First()
		owed = k != nil
		return nil
	}); err != nil || !owed {
		return err
	}
	if err := guard(func() error { _, err := ix.recoverPending(); return err }); err != nil {
		return fmt.Errorf("undo an earlier failed write: %w", err)
	}
	return nil
}
