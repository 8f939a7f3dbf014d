package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// record is a résumé as stored: its fields and its bullets' IDs in order.
type record struct {
	vitae.Resume
	BulletIDs []string `json:"bullet_ids"`
}

func putRecord(tx *bolt.Tx, r *vitae.Resume) error {
	rec := record{Resume: *r}
	rec.Bullets = nil
	for _, b := range r.Bullets {
		rec.BulletIDs = append(rec.BulletIDs, b.ID)
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketBullets).Put([]byte(b.ID), data); err != nil {
			return err
		}
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketResumes).Put([]byte(r.ID), data); err != nil {
		return err
	}
	if err := putIdentity(tx, r); err != nil {
		return err
	}
	if r.Source != "" {
		return tx.Bucket(bucketSources).Put([]byte(r.Source), []byte(r.ID))
	}
	return nil
}

func getRecord(tx *bolt.Tx, id string) (*record, error) {
	data := tx.Bucket(bucketResumes).Get([]byte(id))
	if data == nil {
		return nil, nil
	}
	var rec record
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("résumé record %s: %w", id, err)
	}
	return &rec, nil
}

// Delete erases a résumé: its bullets from bleve, their records and
// vectors, and the résumé record; it returns once their bytes are wiped
// from every file (erase.go). Unknown IDs wrap vitae.ErrNotFound.
func (ix *Index) Delete(ctx context.Context, resumeID string) (err error) {
	defer func() { err = storageErr(err) }()
	gen, err := ix.delete(ctx, resumeID)
	if err != nil {
		return err
	}
	return ix.wipeThrough(ctx, gen) // erase.go: no byte of the résumé left on disk
}

// delete removes the résumé from every store under writeMu and returns
// the deletion's number, for the wipe that must cover it.
func (ix *Index) delete(ctx context.Context, resumeID string) (gen uint64, err error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.repairIfOwed(); err != nil {
		return 0, err
	}
	var rec *record
	if err := ix.db.View(func(tx *bolt.Tx) (err error) {
		rec, err = getRecord(tx, resumeID)
		return err
	}); err != nil {
		return 0, err
	}
	if rec == nil {
		return 0, fmt.Errorf("résumé %q: %w", resumeID, vitae.ErrNotFound)
	}
	defer ix.facets.forget(rec.BulletIDs)
	if err := ix.markPending(rec.BulletIDs); err != nil {
		return 0, err
	}
	defer ix.undoOnError(&err)
	batch := ix.bleve.NewBatch()
	for _, id := range rec.BulletIDs {
		batch.Delete(id)
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return 0, fmt.Errorf("delete résumé %q: %w", resumeID, err)
	}
	if err := ix.db.Update(func(tx *bolt.Tx) error {
		for _, id := range rec.BulletIDs {
			if err := tx.Bucket(bucketBullets).Delete([]byte(id)); err != nil {
				return err
			}
			if err := tx.Bucket(bucketSlots).Delete([]byte(id)); err != nil {
				return err
			}
		}
		if rec.Source != "" {
			if err := tx.Bucket(bucketSources).Delete([]byte(rec.Source)); err != nil {
				return err
			}
		}
		if err := clearPending(tx, rec.BulletIDs); err != nil {
			return err
		}
		if err := deleteIdentity(tx, &rec.Resume); err != nil {
			return err
		}
		if err := oweWipe(tx); err != nil {
			return err
		}
		// Numbered inside the transaction: a wipe that reads the count in
		// its own (later) transaction sees every deletion committed before.
		gen = ix.deletions.Add(1)
		return tx.Bucket(bucketResumes).Delete([]byte(resumeID))
	}); err != nil {
		return 0, fmt.Errorf("delete résumé %q: %w", resumeID, err)
	}
	ix.vec.Remove(rec.BulletIDs)
	return gen, nil
}

// Resume returns a résumé with all its bullets in document order.
func (ix *Index) Resume(id string) (*vitae.Resume, error) {
	var out *vitae.Resume
	err := ix.db.View(func(tx *bolt.Tx) error {
		rec, err := getRecord(tx, id)
		if err != nil {
			return err
		}
		if rec == nil {
			return fmt.Errorf("résumé %q: %w", id, vitae.ErrNotFound)
		}
		r := rec.Resume
		bb := tx.Bucket(bucketBullets)
		for _, bid := range rec.BulletIDs {
			var b vitae.Bullet
			if data := bb.Get([]byte(bid)); data != nil && decodeBullet(data, &b) == nil {
				r.Bullets = append(r.Bullets, b)
			}
		}
		out = &r
		return nil
	})
	return out, err
}

// EachResume calls fn with every résumé, its bullets included, in ID
// order: for copying the index to another backend (pipeline.Migrate).
// The IDs are read first and each résumé in a read of its own, so fn may
// take its time; a résumé deleted meanwhile is skipped.
func (ix *Index) EachResume(ctx context.Context, fn func(*vitae.Resume) error) error {
	var ids []string
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketResumes).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("list résumés: %w", err)
	}
	for _, id := range ids {
		if err := checkCtx(ctx); err != nil {
			return err
		}
		r, err := ix.Resume(id)
		if errors.Is(err, vitae.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Resumes lists résumés (without bullets) sorted by ID, and the total.
func (ix *Index) Resumes(offset, limit int) ([]*vitae.Resume, int, error) {
	var out []*vitae.Resume
	total := 0
	err := ix.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketResumes)
		total = b.Stats().KeyN
		defer releaseMapped(ix.db, tx) // the count and the walk read the whole bucket
		c := b.Cursor()
		i := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if i >= offset && (limit <= 0 || len(out) < limit) {
				var rec record
				if err := json.Unmarshal(v, &rec); err != nil {
					return fmt.Errorf("résumé record %s: %w", k, err)
				}
				r := rec.Resume
				r.Bullets = make([]vitae.Bullet, 0)
				out = append(out, &r)
			}
			i++
		}
		return nil
	})
	return out, total, err
}

// Bullets returns the bullets with the given IDs; unknown IDs are absent.
func (ix *Index) Bullets(ids []string) (map[string]vitae.Bullet, error) {
	out := make(map[string]vitae.Bullet, len(ids))
	err := ix.db.View(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketBullets)
		// One Bullet to decode into: decodeBullet makes it escape, and a
		// search's head reads ~100 records. It resets b; the map copies it.
		var b vitae.Bullet
		for _, id := range ids {
			data := bb.Get([]byte(id))
			if data == nil {
				continue
			}
			if err := decodeBullet(data, &b); err != nil {
				return fmt.Errorf("bullet %s: %w", id, err)
			}
			out[id] = b
		}
		ix.readRecords(tx, len(ids))
		return nil
	})
	return out, err
}

// Sources maps each indexed source path to its résumé ID.
func (ix *Index) Sources() (map[string]string, error) {
	out := map[string]string{}
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSources).ForEach(func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	return out, err
}
