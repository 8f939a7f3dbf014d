package index

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// record is a résumé as stored: its fields and its bullets' IDs in order.
type record struct {
	vitae.Resume
	BulletIDs []string `json:"bullet_ids"`
}

// Upsert writes résumés: one whose ID and content hash are already stored
// is left alone; otherwise its old bullets (and their vectors) go and the
// new ones are written. Bleve batches and the bbolt transaction are
// per-call; records are written last, so a crash mid-way leaves the résumé
// absent or stale, and the next run rewrites it.
func (ix *Index) Upsert(ctx context.Context, resumes []*vitae.Resume) (ch Changes, err error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()

	type plan struct {
		r       *vitae.Resume
		old     *record
		replace bool
	}
	var plans []plan
	seen := map[string]bool{}
	err = ix.db.View(func(tx *bolt.Tx) error {
		for _, r := range resumes {
			if r == nil || r.ID == "" {
				return vitae.Errorf(vitae.EINVALID, "résumé without an ID")
			}
			if seen[r.ID] {
				continue // the same résumé twice in one call: first wins
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
			plans = append(plans, plan{r: r, old: old, replace: old != nil})
		}
		return nil
	})
	if err != nil || len(plans) == 0 {
		return ch, err
	}

	var touched []string // every bullet this write changes in bleve
	for _, p := range plans {
		for _, b := range p.r.Bullets {
			touched = append(touched, b.ID)
		}
		if p.old != nil {
			touched = append(touched, p.old.BulletIDs...)
		}
	}
	defer ix.facets.forget(touched)
	if err := ix.markPending(touched); err != nil {
		return ch, err
	}
	defer ix.undoOnError(&err)

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
	var removedVectors []string
	for _, p := range plans {
		if err := checkCtx(ctx); err != nil {
			return ch, err
		}
		newIDs := map[string]bool{}
		for _, b := range p.r.Bullets {
			newIDs[b.ID] = true
		}
		if p.old != nil {
			for _, id := range p.old.BulletIDs {
				if !newIDs[id] {
					batch.Delete(id)
					removedVectors = append(removedVectors, id)
				}
			}
		}
		for _, b := range p.r.Bullets {
			if err := batch.Index(b.ID, toDoc(b)); err != nil {
				return ch, fmt.Errorf("index bullet %s: %w", b.ID, err)
			}
			ch.Bullets++
			if batch.Size() >= ix.opts.BatchSize {
				if err := flush(); err != nil {
					return ch, err
				}
			}
		}
		if p.replace {
			ch.Updated++
		} else {
			ch.Added++
		}
	}
	if err := flush(); err != nil {
		return ch, err
	}
	// A changed bullet text keeps its ID (same ref) but needs a new vector.
	changedText := map[string]bool{}
	err = ix.db.Update(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketBullets)
		for _, p := range plans {
			if p.old != nil {
				for _, id := range p.old.BulletIDs {
					if old := bb.Get([]byte(id)); old != nil {
						var ob vitae.Bullet
						if json.Unmarshal(old, &ob) == nil {
							changedText[id] = true
							for _, nb := range p.r.Bullets {
								if nb.ID == id && nb.Text == ob.Text {
									delete(changedText, id)
								}
							}
						}
					}
					if err := bb.Delete([]byte(id)); err != nil {
						return err
					}
				}
				if p.old.Source != "" {
					if err := tx.Bucket(bucketSources).Delete([]byte(p.old.Source)); err != nil {
						return err
					}
				}
			}
			if err := putRecord(tx, p.r); err != nil {
				return err
			}
		}
		if err := clearPending(tx, touched); err != nil {
			return err
		}
		vb := tx.Bucket(bucketVectors)
		for _, id := range removedVectors {
			if err := vb.Delete([]byte(id)); err != nil {
				return err
			}
		}
		for id := range changedText {
			if err := vb.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ch, fmt.Errorf("write records: %w", err)
	}
	for id := range changedText {
		removedVectors = append(removedVectors, id)
	}
	ix.vec.remove(removedVectors)
	// Metadata of kept vectors may have changed (company, dates): refresh.
	for _, p := range plans {
		ix.vec.updateMeta(p.r.Bullets)
	}
	return ch, nil
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
// vectors, and the résumé record. Unknown IDs wrap vitae.ErrNotFound.
func (ix *Index) Delete(ctx context.Context, resumeID string) (err error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	var rec *record
	if err := ix.db.View(func(tx *bolt.Tx) (err error) {
		rec, err = getRecord(tx, resumeID)
		return err
	}); err != nil {
		return err
	}
	if rec == nil {
		return fmt.Errorf("résumé %q: %w", resumeID, vitae.ErrNotFound)
	}
	defer ix.facets.forget(rec.BulletIDs)
	if err := ix.markPending(rec.BulletIDs); err != nil {
		return err
	}
	defer ix.undoOnError(&err)
	batch := ix.bleve.NewBatch()
	for _, id := range rec.BulletIDs {
		batch.Delete(id)
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("delete résumé %q: %w", resumeID, err)
	}
	if err := ix.db.Update(func(tx *bolt.Tx) error {
		for _, id := range rec.BulletIDs {
			if err := tx.Bucket(bucketBullets).Delete([]byte(id)); err != nil {
				return err
			}
			if err := tx.Bucket(bucketVectors).Delete([]byte(id)); err != nil {
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
		return tx.Bucket(bucketResumes).Delete([]byte(resumeID))
	}); err != nil {
		return fmt.Errorf("delete résumé %q: %w", resumeID, err)
	}
	ix.vec.remove(rec.BulletIDs)
	return nil
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
			if data := bb.Get([]byte(bid)); data != nil && json.Unmarshal(data, &b) == nil {
				r.Bullets = append(r.Bullets, b)
			}
		}
		out = &r
		return nil
	})
	return out, err
}

// Resumes lists résumés (without bullets) sorted by ID, and the total.
func (ix *Index) Resumes(offset, limit int) ([]*vitae.Resume, int, error) {
	var out []*vitae.Resume
	total := 0
	err := ix.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketResumes)
		total = b.Stats().KeyN
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

// BulletCount is how many bullets a résumé record lists.
func (ix *Index) BulletCount(resumeID string) int {
	n := 0
	_ = ix.db.View(func(tx *bolt.Tx) error {
		if rec, err := getRecord(tx, resumeID); err == nil && rec != nil {
			n = len(rec.BulletIDs)
		}
		return nil
	})
	return n
}

// Bullets returns the bullets with the given IDs; unknown IDs are absent.
func (ix *Index) Bullets(ids []string) (map[string]vitae.Bullet, error) {
	out := make(map[string]vitae.Bullet, len(ids))
	err := ix.db.View(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketBullets)
		for _, id := range ids {
			data := bb.Get([]byte(id))
			if data == nil {
				continue
			}
			var b vitae.Bullet
			if err := json.Unmarshal(data, &b); err != nil {
				return fmt.Errorf("bullet %s: %w", id, err)
			}
			out[id] = b
		}
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

// Texts calls fn for every bullet, in ID order.
func (ix *Index) Texts(ctx context.Context, fn func(id, text string) error) error {
	return ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketBullets).ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			var b vitae.Bullet
			if err := json.Unmarshal(v, &b); err != nil {
				return fmt.Errorf("bullet %s: %w", k, err)
			}
			return fn(string(k), b.Text)
		})
	})
}

// farFuture stands for the end of a role that has not ended.
const farFuture = "2200-01-01T00:00:00Z"

func toDoc(b vitae.Bullet) bulletDoc {
	d := bulletDoc{
		Text: b.Text, Company: b.Company, Role: b.Role, Person: b.Person, Section: b.Section,
		Skills: b.Skills, CompanyLC: strings.ToLower(b.Company), RoleLC: strings.ToLower(b.Role),
		PersonLC: strings.ToLower(b.Person), RoleText: b.Role, ResumeID: b.ResumeID,
		StartS: b.Start, EndS: b.End, Source: b.Source, Ref: b.Ref,
	}
	for _, s := range b.Skills {
		d.SkillsLC = append(d.SkillsLC, strings.ToLower(s))
	}
	if t, ok := dateStart(b.Start); ok {
		d.Start = t.Format(time.RFC3339)
		if e, ok := dateEnd(b.End); ok {
			d.End = e.Format(time.RFC3339)
		} else if b.End == "" {
			d.End = farFuture
		}
	}
	return d
}

// dateStart is the first day a "YYYY" or "YYYY-MM" date covers.
func dateStart(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, inDateRange(t)
		}
	}
	return time.Time{}, false
}

// dateEnd is the last instant a "YYYY" or "YYYY-MM" date covers.
func dateEnd(s string) (time.Time, bool) {
	if t, err := time.Parse("2006-01", s); err == nil {
		return t.AddDate(0, 1, 0).Add(-time.Second), inDateRange(t)
	}
	if t, err := time.Parse("2006", s); err == nil {
		return t.AddDate(1, 0, 0).Add(-time.Second), inDateRange(t)
	}
	return time.Time{}, false
}

// inDateRange bounds years to what bleve's date fields hold (nanoseconds
// since 1970 in an int64): year 0000 in a filter was an internal error.
func inDateRange(t time.Time) bool { return t.Year() >= 1800 && t.Year() < 2200 }

func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}
