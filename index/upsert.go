package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"vitae"
	"vitae/index/vector"
)

// Upsert writes résumés: one whose ID and content hash are already stored
// is left alone; otherwise its old bullets (and their vectors) go and the
// new ones are written. Bleve batches and the bbolt transaction are
// per-call; records are written last, so a crash mid-way leaves the résumé
// absent or stale, and the next run rewrites it (pending.go).
func (ix *Index) Upsert(ctx context.Context, resumes []*vitae.Resume) (ch Changes, err error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	defer func() { err = storageErr(err) }()
	if err := ix.repairIfOwed(); err != nil {
		return ch, err
	}
	u, err := ix.plan(resumes, &ch)
	if err != nil || len(u.writes) == 0 {
		return ch, err
	}
	defer ix.facets.forget(u.touched)
	if err := ix.markPending(u.touched); err != nil {
		return ch, err
	}
	defer ix.undoOnError(&err) // bleve back in line with the records
	if err := ix.writeBleve(ctx, u, &ch); err != nil {
		return ch, err
	}
	dropped, err := ix.writeRecords(u) // the commit
	if err != nil {
		return ch, fmt.Errorf("write records: %w", err)
	}
	ix.writeVectors(u, dropped)
	return ch, nil
}

// upsert is what one Upsert writes.
type upsert struct {
	writes  []write
	touched []string // every bullet the write changes in bleve
}

// write is one résumé to write and the record it replaces, nil if new.
type write struct {
	r   *vitae.Resume
	old *record
}

// gone lists the replaced résumé's bullets the new one lacks.
func (w write) gone() []string {
	if w.old == nil {
		return nil
	}
	kept := map[string]bool{}
	for _, b := range w.r.Bullets {
		kept[b.ID] = true
	}
	var out []string
	for _, id := range w.old.BulletIDs {
		if !kept[id] {
			out = append(out, id)
		}
	}
	return out
}

// plan reads the stored records: a résumé stored with the same content
// hash is counted unchanged and skipped, as is a second copy of one in
// the same call (the first wins). A résumé without an ID is EINVALID.
func (ix *Index) plan(resumes []*vitae.Resume, ch *Changes) (*upsert, error) {
	u := &upsert{}
	seen := map[string]bool{}
	err := ix.db.View(func(tx *bolt.Tx) error {
		for _, r := range resumes {
			if r == nil || r.ID == "" {
				return vitae.Errorf(vitae.EINVALID, "résumé without an ID")
			}
			if seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			old, err := getRecord(tx, r.ID)
			if err != nil {
				return err
			}
			if old != nil && old.Hash == r.Hash && r.Hash != "" {
				ch.Unchanged++
				continue
			}
			u.writes = append(u.writes, write{r: r, old: old})
		}
		return nil
	})
	for _, w := range u.writes {
		for _, b := range w.r.Bullets {
			u.touched = append(u.touched, b.ID)
		}
		if w.old != nil {
			u.touched = append(u.touched, w.old.BulletIDs...)
		}
	}
	return u, err
}

// writeBleve indexes the new bullets and deletes the replaced ones that
// are gone, in batches of BatchSize, counting what it wrote. It stops
// between résumés when ctx ends.
func (ix *Index) writeBleve(ctx context.Context, u *upsert, ch *Changes) error {
	batch := ix.bleve.NewBatch()
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		if err := ix.bleve.Batch(batch); err != nil {
			return fmt.Errorf("write bleve batch: %w", err)
		}
		batch.Reset()
		return nil
	}
	for _, w := range u.writes {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		for _, id := range w.gone() {
			batch.Delete(id)
		}
		for _, b := range w.r.Bullets {
			if err := batch.Index(b.ID, toDoc(b)); err != nil {
				return fmt.Errorf("index bullet %s: %w", b.ID, err)
			}
			ch.Bullets++
			if batch.Size() >= ix.opts.BatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if w.old != nil {
			ch.Updated++
		} else {
			ch.Added++
		}
	}
	return flush()
}

// writeRecords commits the write in one bbolt transaction: the records
// replace the old ones, the pending note is cleared, and the stored
// vectors that no longer fit are deleted. It returns those bullets.
func (ix *Index) writeRecords(u *upsert) (dropped []string, err error) {
	err = ix.db.Update(func(tx *bolt.Tx) error {
		for _, w := range u.writes {
			stale, err := replaceRecord(tx, w)
			if err != nil {
				return err
			}
			dropped = append(dropped, stale...)
		}
		if err := clearPending(tx, u.touched); err != nil {
			return err
		}
		vb := tx.Bucket(bucketSlots)
		for _, id := range dropped {
			if err := vb.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return refreshSlots(vb, u)
	})
	return dropped, err
}

// refreshSlots rewrites the metadata kept beside the vectors of the
// written bullets that keep theirs (a company or a date may have changed).
func refreshSlots(vb *bolt.Bucket, u *upsert) error {
	for _, w := range u.writes {
		for _, b := range w.r.Bullets {
			old := vb.Get([]byte(b.ID))
			if old == nil {
				continue
			}
			s, _, err := vector.ParseSlot(old)
			if err != nil {
				return fmt.Errorf("vector slot of %s: %w", b.ID, err)
			}
			if v := vector.AppendMeta(s.Append(nil), metaOf(b)); !bytes.Equal(v, old) {
				if err := vb.Put([]byte(b.ID), v); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// replaceRecord writes w's résumé over the record it replaces and returns
// the old bullets whose vectors no longer fit: gone from the résumé, or
// kept under their ID (the same ref) with a new text.
func replaceRecord(tx *bolt.Tx, w write) ([]string, error) {
	var stale []string
	if w.old != nil {
		text := map[string]string{}
		for _, b := range w.r.Bullets {
			text[b.ID] = b.Text
		}
		bb := tx.Bucket(bucketBullets)
		for _, id := range w.old.BulletIDs {
			newText, kept := text[id]
			if !kept || textChanged(bb.Get([]byte(id)), newText) {
				stale = append(stale, id)
			}
			if err := bb.Delete([]byte(id)); err != nil {
				return nil, err
			}
		}
		if w.old.Source != "" {
			if err := tx.Bucket(bucketSources).Delete([]byte(w.old.Source)); err != nil {
				return nil, err
			}
		}
		if err := deleteIdentity(tx, &w.old.Resume); err != nil {
			return nil, err
		}
	}
	return stale, putRecord(tx, w.r)
}

// textChanged reports whether a stored bullet reads other than text; an
// unreadable one is taken as unchanged.
func textChanged(stored []byte, text string) bool {
	var b vitae.Bullet
	return stored != nil && json.Unmarshal(stored, &b) == nil && b.Text != text
}

// writeVectors brings the in-memory store in line with the committed
// records: the dropped vectors go, the kept ones take their bullets' new
// metadata (a company or a date may have changed).
func (ix *Index) writeVectors(u *upsert, dropped []string) {
	ix.vec.Remove(dropped)
	meta := map[string]vector.Meta{}
	for _, w := range u.writes {
		for _, b := range w.r.Bullets {
			meta[b.ID] = metaOf(b)
		}
	}
	ix.vec.SetMeta(meta)
}
