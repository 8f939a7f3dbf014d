package index

import (
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// A write touches bleve first and the records (bbolt) last. Between the
// two, a crash — or a write that fails half-way — would leave bleve with
// bullets no record knows of: found by keyword search, yet impossible to
// erase, since erasure starts from the record. So each write first notes
// the bullets it is about to change (markPending), clears the note in the
// same transaction that writes the records (clearPending), and whatever is
// still noted at Open, or after a failed write, is made to agree with the
// records again (recoverPending): the write is undone as a whole.

// markPending notes, durably, the bullets a write is about to change in bleve.
func (ix *Index) markPending(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	err := ix.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPending)
		for _, id := range ids {
			if err := b.Put([]byte(id), []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("note pending write: %w", err)
	}
	return nil
}

// clearPending drops the note, inside the transaction writing the records.
func clearPending(tx *bolt.Tx, ids []string) error {
	b := tx.Bucket(bucketPending)
	for _, id := range ids {
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
	}
	return nil
}

// undoOnError repairs bleve after a write that failed part-way (a
// cancelled request, a full disk), so no orphan outlives the failure.
func (ix *Index) undoOnError(err *error) {
	if *err == nil {
		return
	}
	if ioFailure(*err) { // storage.go: bleve's memory is not to be trusted
		if rerr := ix.reopenBleve(); rerr != nil {
			*err = errors.Join(*err, rerr)
			return
		}
	}
	if rerr := guard(func() error { _, err := ix.recoverPending(); return err }); rerr != nil {
		*err = errors.Join(*err, fmt.Errorf("undo the failed write: %w", rerr))
	}
}

// recoverPending makes bleve agree with the records for every noted
// bullet: one with a record is indexed again as recorded, one without is
// deleted. It reports how many bullets it repaired.
func (ix *Index) recoverPending() (int, error) {
	var ids []string
	stored := map[string]vitae.Bullet{}
	err := ix.db.View(func(tx *bolt.Tx) error {
		bullets := tx.Bucket(bucketBullets)
		return tx.Bucket(bucketPending).ForEach(func(k, _ []byte) error {
			id := string(k)
			ids = append(ids, id)
			if data := bullets.Get(k); data != nil {
				var b vitae.Bullet
				if err := json.Unmarshal(data, &b); err != nil {
					return fmt.Errorf("bullet %s: %w", id, err)
				}
				stored[id] = b
			}
			return nil
		})
	})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	batch := ix.bleve.NewBatch()
	for i, id := range ids {
		if b, ok := stored[id]; ok {
			if err := batch.Index(id, toDoc(b)); err != nil {
				return 0, err
			}
		} else {
			batch.Delete(id)
		}
		if batch.Size() >= ix.opts.BatchSize || i == len(ids)-1 {
			if err := ix.bleve.Batch(batch); err != nil {
				return 0, err
			}
			batch.Reset()
		}
	}
	err = ix.db.Update(func(tx *bolt.Tx) error { return clearPending(tx, ids) })
	return len(ids), err
}
