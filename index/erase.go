package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	bolt "go.etcd.io/bbolt"

	"vitae/boltwipe"

	"vitae"
)

// Deleting is not erasing: bleve only marks a deleted document in a
// bitmap and keeps its bytes in the segment file until a merge rewrites
// it, and bbolt copies on write, so the pages that held a record go to
// its free list with the record still in them. Delete therefore ends with
// a wipe, which it waits for:
//
//   - bleve: every segment holding deleted documents is merged on its own
//     (rewritten without them), and the call waits until the persister has
//     removed the old files;
//   - bbolt: once no reader can still see the freed pages, every free page
//     that is not already zero is overwritten with zeros in place.
//
// A durable note (meta "wipe") is written in the transaction that deletes
// the records and cleared only after both are done, so a crash in between
// leaves the wipe owed and Open finishes it.

var wipeKey = []byte("wipe") // in bucketMeta while a wipe is owed

// companionID is a throwaway, field-less document: bleve's planner never
// merges an index's only segment, so a lone segment gets a companion
// while it is rewritten.
const companionID = "\x00vitae-wipe"

// Purge wipes the whole index now: every segment with deleted documents
// is rewritten and every free page of the database zeroed. `vitae purge`
// runs it; Delete does the same after each erasure.
func (ix *Index) Purge(ctx context.Context) error {
	var gen uint64
	if err := ix.db.Update(func(tx *bolt.Tx) error {
		gen = ix.deletions.Add(1)
		return oweWipe(tx)
	}); err != nil {
		return fmt.Errorf("purge %q: %w", ix.opts.Path, err)
	}
	return ix.wipeThrough(ctx, gen)
}

// wipeThrough returns once a wipe that began after deletion gen was
// committed has finished. Concurrent deletions share one wipe: a caller
// waiting for the running one finds its deletion covered, or starts the
// next, which covers every deletion so far.
func (ix *Index) wipeThrough(ctx context.Context, gen uint64) error {
	ix.wipeMu.Lock()
	defer ix.wipeMu.Unlock()
	if ix.wiped >= gen {
		return nil
	}
	covers := ix.deletions.Load()
	if err := ix.wipe(ctx, covers); err != nil {
		return err
	}
	ix.wiped = covers
	return nil
}

// oweWipe notes, inside the transaction deleting records, that their
// bytes are still on disk.
func oweWipe(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(wipeKey, []byte{1}) }

// wipeOwed reports whether a wipe was noted and not finished.
func (ix *Index) wipeOwed() bool {
	owed := false
	_ = ix.db.View(func(tx *bolt.Tx) error {
		owed = tx.Bucket(bucketMeta).Get(wipeKey) != nil
		return nil
	})
	return owed
}

// wipe rewrites bleve's segments with deleted documents and zeroes
// bbolt's free pages, within EraseTimeout, then clears the note. It runs
// on to the end even if the caller's request is cancelled: an erasure
// half done is worse than a slow answer. The caller holds wipeMu; the
// note is cleared only if no deletion beyond covers was committed since.
func (ix *Index) wipe(ctx context.Context, covers uint64) error {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ix.opts.EraseTimeout)
	defer cancel()
	// Writers wait for the segment rewrite (their deletions would keep
	// making segments dirty), not for the page zeroing: bbolt serialises
	// that with them by itself.
	ix.writeMu.Lock()
	err := ix.wipeBleve(ctx)
	if err == nil && ix.vec != nil {
		err = ix.vec.Wipe() // the rows of deleted vectors (vecload.go)
	}
	ix.writeMu.Unlock()
	if err != nil {
		return ix.wipeFailed(err)
	}
	bleveTook := time.Since(start)
	pages, err := ix.wipeBolt(ctx, covers)
	if err != nil {
		return ix.wipeFailed(err)
	}
	ix.opts.Logger.Debug("erased deleted data from disk", "zeroed_pages", pages, "segments_took", bleveTook, "took", time.Since(start))
	return nil
}

func (ix *Index) wipeFailed(err error) error {
	return vitae.Wrap(vitae.EUNAVAILABLE, err, fmt.Sprintf(
		"the résumé is deleted but its bytes are not yet wiped from %q; it is retried at the next start, or run `vitae purge`", ix.opts.Path))
}

// wipeBleve rewrites every segment that holds deleted documents and waits
// until the files they replace are gone.
func (ix *Index) wipeBleve(ctx context.Context) error {
	// Shared, like a search: a reopen after a failed write swaps ix.bleve.
	ix.bleveMu.RLock()
	defer ix.bleveMu.RUnlock()
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("bleve index is %T, not scorch", adv)
	}
	// The background merger may be merging too, and the planner never
	// merges an index's only segment: check, rewrite, check again.
	companion := false
	defer func() {
		if companion {
			b := ix.bleve.NewBatch()
			b.Delete(companionID)
			_ = ix.bleve.Batch(b) // an empty leftover; the next wipe drops it
		}
	}()
	for attempt := 0; ; attempt++ {
		segs, err := rootSegments(sc)
		if err != nil {
			return err
		}
		dirty := withDeleted(segs)
		if len(dirty) == 0 {
			break
		}
		if attempt == 3 {
			return fmt.Errorf("segments %v still hold deleted documents after %d rewrites", dirty, attempt)
		}
		if len(segs) < 2 && !companion {
			b := ix.bleve.NewBatch()
			if err := b.Index(companionID, map[string]any{}); err != nil {
				return err
			}
			if err := ix.bleve.Batch(b); err != nil {
				return fmt.Errorf("add a companion segment: %w", err)
			}
			companion = true
		}
		opts := wipePlan
		if err := sc.ForceMerge(ctx, &opts); err != nil {
			return fmt.Errorf("rewrite segments: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("rewrite segments: %w", err)
		}
	}
	return waitForOldFiles(ctx, sc, ix.bleveStore(), ix.nudgePersister)
}

// nudgePersister makes a new snapshot (an internal key rewritten): bleve
// removes replaced files only when it persists a snapshot, and with no
// write coming (writers wait for the wipe) the old files would stay until
// the timeout.
func (ix *Index) nudgePersister() error {
	ix.nudges++
	return ix.bleve.SetInternal([]byte("vitae-wipe-nudge"), []byte(strconv.FormatUint(ix.nudges, 10)))
}

// wipePlan makes the merge planner rewrite each segment that has deleted
// documents on its own, and leave every other segment alone: one segment
// per task, no budget (every eligible segment is considered), no size
// limit. A task is only made for a segment with deletions (mergeplan).
var wipePlan = mergeplan.MergePlanOptions{
	MaxSegmentsPerTier:   1,
	MaxSegmentSize:       mergeplan.MaxSegmentSizeLimit,
	MaxSegmentFileSize:   1 << 62,
	TierGrowth:           1,
	SegmentsPerMergeTask: 1,
	FloorSegmentSize:     1,
	ReclaimDeletesWeight: 2,
	CalcBudget:           func(int64, int64, *mergeplan.MergePlanOptions) int { return 0 },
}

// rootSegment is one segment of the current snapshot.
type rootSegment struct {
	*scorch.SegmentSnapshot
	file        string // base name, "" for one still in memory
	isCompanion bool
}

func rootSegments(sc *scorch.Scorch) ([]rootSegment, error) {
	r, err := sc.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("bleve reader is %T", r)
	}
	var out []rootSegment
	for _, s := range snap.Segments() {
		rs := rootSegment{SegmentSnapshot: s}
		if p, ok := s.Segment().(segment.PersistedSegment); ok {
			rs.file = filepath.Base(p.Path())
		}
		if s.Count() == 1 {
			if id, err := s.DocID(0); err == nil && string(id) == companionID {
				rs.isCompanion = true
			}
		}
		out = append(out, rs)
	}
	return out, nil
}

// withDeleted names the segments that hold deleted documents (but the
// companion, which holds nothing of anyone).
func withDeleted(segs []rootSegment) []string {
	var out []string
	for _, s := range segs {
		if d := s.Deleted(); d != nil && !d.IsEmpty() && !s.isCompanion {
			out = append(out, s.file)
		}
	}
	return out
}

// waitForOldFiles waits until the store directory holds no segment file
// the current snapshot does not use: bleve's persister removes replaced
// files asynchronously, after it has recorded the new snapshot.
func waitForOldFiles(ctx context.Context, sc *scorch.Scorch, dir string, nudge func() error) error {
	for polls := 1; ; polls++ {
		segs, err := rootSegments(sc)
		if err != nil {
			return err
		}
		live := map[string]bool{}
		for _, s := range segs {
			live[s.file] = true
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		var stale []string
		for _, e := range entries {
			if filepath.Ext(e.Name()) == ".zap" && !live[e.Name()] {
				stale = append(stale, e.Name())
			}
		}
		if len(stale) == 0 {
			return nil
		}
		if polls%10 == 0 { // 50 ms without the files going
			if err := nudge(); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("replaced segment files %v still on disk: %w", stale, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func (ix *Index) bleveStore() string { return filepath.Join(ix.opts.Path, "bleve", "store") }

// wipeBolt zeroes every free page of vitae.db that is not zero yet and
// clears the wipe note. Pages freed while a reader could still see them
// are "pending" in bbolt; it waits (within ctx) until none are, so no
// reader can ever meet a zeroed page. It reports the pages it zeroed.
func (ix *Index) wipeBolt(ctx context.Context, covers uint64) (int, error) {
	for {
		// A write transaction releases the pending pages no reader holds;
		// its close records how many are still pending.
		if err := ix.db.Update(func(*bolt.Tx) error { return nil }); err != nil {
			return 0, err
		}
		if ix.db.Stats().PendingPageN == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("readers still hold freed pages: %w", ctx.Err())
		case <-time.After(2 * time.Millisecond):
		}
	}
	f, err := os.OpenFile(ix.db.Path(), os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zeroed := 0
	err = ix.db.Update(func(tx *bolt.Tx) error {
		n, err := boltwipe.FreePages(tx, f)
		if zeroed = n; err != nil {
			return err
		}
		if ix.deletions.Load() != covers {
			return nil // a later deletion owes its own wipe: keep the note
		}
		return tx.Bucket(bucketMeta).Delete(wipeKey)
	})
	if err != nil {
		return zeroed, fmt.Errorf("zero free pages of %s: %w", ix.db.Path(), err)
	}
	return zeroed, nil
}

// finishWipe completes a wipe a crash interrupted; Open calls it.
func (ix *Index) finishWipe() error {
	if !ix.wipeOwed() {
		return nil
	}
	ix.opts.Logger.Warn("finishing an interrupted erasure")
	if err := ix.wipeThrough(context.Background(), ix.deletions.Load()+1); err != nil {
		return errors.Join(errors.New("finish an interrupted erasure"), err)
	}
	return nil
}
