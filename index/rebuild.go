package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
	"vitae/index/vector"
)

// Rebuild makes a new index from the records of the one at opts.Path —
// for a keyword index (bleve) that is damaged or missing while vitae.db
// is sound. It reads vitae.db read-only (checked first), writes every
// résumé and stored vector into a fresh directory beside it, then swaps
// the two (Replace). It returns the résumés written and where the old
// directory was kept. A damaged vitae.db wraps ErrDamaged: rebuild from
// the source files instead.
func Rebuild(ctx context.Context, opts Options) (n int, kept string, err error) {
	if err := opts.Validate(); err != nil {
		return 0, "", err
	}
	opts = opts.withDefaults()
	dbPath := filepath.Join(opts.Path, "vitae.db")
	if err := checkBoltFile(dbPath, time.Now().Add(opts.VerifyTimeout)); err != nil && !errors.Is(err, errBudget) {
		return 0, "", damaged(opts.Path, "vitae.db", err)
	}
	fresh := opts.Path + ".rebuild"
	if err := os.RemoveAll(fresh); err != nil {
		return 0, "", err
	}
	nopts := opts
	nopts.Path = fresh
	ix, err := Open(nopts)
	if err != nil {
		return 0, "", err
	}
	err = guard(func() error {
		db, err := bolt.Open(dbPath, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			return err
		}
		defer db.Close()
		n, err = copyRecords(ctx, db, opts.Path, ix)
		return err
	})
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(fresh)
		return 0, "", fmt.Errorf("rebuild %q from its records: %w", opts.Path, err)
	}
	kept, err = Replace(opts.Path, fresh)
	return n, kept, err
}

// copyRecords writes every résumé of db, with its bullets, and every
// stored vector into ix, a batch of résumés at a time.
func copyRecords(ctx context.Context, db *bolt.DB, dir string, ix *Index) (int, error) {
	var batch []*vitae.Resume
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := ix.Upsert(ctx, batch); err != nil {
			return err
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	}
	err := db.View(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketBullets)
		err := tx.Bucket(bucketResumes).ForEach(func(k, v []byte) error {
			var rec record
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("résumé record %s: %w", k, err)
			}
			r := rec.Resume
			for _, id := range rec.BulletIDs {
				var b vitae.Bullet
				if data := bb.Get([]byte(id)); data != nil && json.Unmarshal(data, &b) == nil {
					r.Bullets = append(r.Bullets, b)
				}
			}
			batch = append(batch, &r)
			if len(batch) >= 500 {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := flush(); err != nil {
			return err
		}
		model := string(tx.Bucket(bucketMeta).Get([]byte("model")))
		if model == "" {
			return nil
		}
		return copyVectors(tx, dir, ix, model)
	})
	return n, err
}

// Replace swaps the index directory path for fresh: the files Vitae keeps
// beside the index (the built-in model, the embedding cache) move into
// fresh, path is renamed to path.damaged-<time> and fresh to path. It
// returns where the old directory went; deleting it is the operator's
// call (it may hold what an erasure wiped since, or what a rebuild
// from files could not recover).
func Replace(path, fresh string) (kept string, err error) {
	entries, err := os.ReadDir(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	for _, e := range entries {
		switch e.Name() {
		case "vitae.db", "bleve", vector.GraphFileName, vector.FloatFile, vector.Int8File, vector.ScaleFile:
			continue
		}
		if exists(filepath.Join(fresh, e.Name())) {
			continue
		}
		if err := os.Rename(filepath.Join(path, e.Name()), filepath.Join(fresh, e.Name())); err != nil {
			return "", fmt.Errorf("move %s into the rebuilt index: %w", e.Name(), err)
		}
	}
	if exists(path) {
		kept = fmt.Sprintf("%s.damaged-%s", path, time.Now().Format("20060102-150405"))
		for i := 2; exists(kept); i++ {
			kept = fmt.Sprintf("%s.damaged-%s-%d", path, time.Now().Format("20060102-150405"), i)
		}
		if err := os.Rename(path, kept); err != nil {
			return "", err
		}
	}
	if err := os.Rename(fresh, path); err != nil {
		return kept, err
	}
	return kept, nil
}

// copyVectors writes the vectors of the index in dir, whose records tx
// reads, into ix: from its vector files (a row that fails its checksum is
// left out, to be embedded again), or from vitae.db as an older Vitae
// kept them.
func copyVectors(tx *bolt.Tx, dir string, ix *Index, model string) error {
	var ids []string
	var vecs [][]float32
	flush := func() error {
		err := ix.putStored(ids, vecs, model)
		ids, vecs = ids[:0], vecs[:0]
		return err
	}
	add := func(id string, v []float32) error {
		ids, vecs = append(ids, id), append(vecs, v)
		if len(ids) >= 5000 {
			return flush()
		}
		return nil
	}
	if vb := tx.Bucket(bucketVectors); vb != nil {
		if err := vb.ForEach(func(k, v []byte) error { return add(string(k), vector.Decode(v)) }); err != nil {
			return err
		}
	}
	if sb := tx.Bucket(bucketSlots); sb != nil {
		if k, _ := sb.Cursor().First(); k != nil {
			r, err := vector.OpenReader(dir)
			if err != nil {
				ix.opts.Logger.Warn("stored vectors not copied: they are embedded again", "reason", err)
				return flush()
			}
			defer r.Close()
			skipped := 0
			err = sb.ForEach(func(k, v []byte) error {
				s, _, err := vector.ParseSlot(v)
				if err != nil {
					skipped++
					return nil
				}
				vec, err := r.Read(s)
				if err != nil {
					skipped++
					return nil
				}
				return add(string(k), vec)
			})
			if err != nil {
				return err
			}
			if skipped > 0 {
				ix.opts.Logger.Warn("damaged vectors not copied: they are embedded again", "vectors", skipped)
			}
		}
	}
	return flush()
}
