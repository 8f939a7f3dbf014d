package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"vitae"
	"vitae/index/vector"
)

// Index is one Vitae index directory, safe for concurrent use.
type Index struct {
	opts   Options
	bleve  bleve.Index
	db     *bolt.DB
	vec    *vector.Store
	facets facetCache // facet values of bullets seen in results

	// writeMu serialises writers (Upsert, Delete, vector writes); searches
	// run concurrently with each other and with writes.
	writeMu sync.Mutex
}

var (
	bucketResumes = []byte("resumes") // résumé ID → record (no bullet texts)
	bucketBullets = []byte("bullets") // bullet ID → bullet
	bucketSources = []byte("sources") // source path → résumé ID
	bucketVectors = []byte("vectors") // bullet ID → float32 little-endian
	bucketMeta    = []byte("meta")    // "model" → vector model identity
	bucketPending = []byte("pending") // bullet ID → "" while a write has reached bleve but not the records
)

// Open opens the index at opts.Path, creating it if missing.
func Open(opts Options) (*Index, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	if err := os.MkdirAll(opts.Path, 0o700); err != nil {
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	// bbolt's file lock tells a second process the index is busy, within a
	// second instead of hanging.
	db, err := bolt.Open(filepath.Join(opts.Path, "vitae.db"), 0o600, &bolt.Options{Timeout: time.Second, NoFreelistSync: true})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, vitae.Wrap(vitae.EUNAVAILABLE, err, fmt.Sprintf("index %q is in use by another process", opts.Path))
		}
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketResumes, bucketBullets, bucketSources, bucketVectors, bucketMeta, bucketPending} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	bi, err := openBleve(filepath.Join(opts.Path, "bleve"))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	ix := &Index{opts: opts, bleve: bi, db: db}
	if n, err := ix.recoverPending(); err != nil {
		ix.Close()
		return nil, fmt.Errorf("open index %q: recover an interrupted write: %w", opts.Path, err)
	} else if n > 0 {
		opts.Logger.Warn("repaired an interrupted write", "bullets", n)
	}
	if ix.vec, err = loadVectors(db, opts); err != nil {
		ix.Close()
		return nil, fmt.Errorf("open index %q: load vectors: %w", opts.Path, err)
	}
	if err := ix.vec.LoadGraph(ix.graphPath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		opts.Logger.Info("approximate vector index not reused; it is rebuilt when first needed", "reason", err)
	}
	return ix, nil
}

func openBleve(path string) (bleve.Index, error) {
	bi, err := bleve.Open(path)
	if err == nil {
		return bi, nil
	}
	if !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		if _, statErr := os.Stat(filepath.Join(path, "index_meta.json")); errors.Is(statErr, fs.ErrNotExist) {
			// A crash during creation left a directory without metadata:
			// nothing in it is worth keeping.
			if rmErr := os.RemoveAll(path); rmErr != nil {
				return nil, err
			}
		} else {
			return nil, fmt.Errorf("bleve: %w", err)
		}
	}
	m, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	return bleve.New(path, m)
}

// Close flushes and closes everything; the index is unusable after.
func (ix *Index) Close() error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	var errs []error
	if ix.vec != nil {
		ix.vec.Close()
		if err := ix.vec.SaveGraph(ix.graphPath()); err != nil {
			errs = append(errs, fmt.Errorf("save approximate vector index: %w", err))
		}
	}
	if ix.bleve != nil {
		errs = append(errs, ix.bleve.Close())
	}
	if ix.db != nil {
		errs = append(errs, ix.db.Close())
	}
	return errors.Join(errs...)
}

// graphPath is where the HNSW graph is kept between runs.
func (ix *Index) graphPath() string { return filepath.Join(ix.opts.Path, vector.GraphFileName) }

// Stats counts résumés, bullets and vectors, and measures the directory.
func (ix *Index) Stats() (Stats, error) {
	var st Stats
	err := ix.db.View(func(tx *bolt.Tx) error {
		st.Resumes = tx.Bucket(bucketResumes).Stats().KeyN
		st.Bullets = tx.Bucket(bucketBullets).Stats().KeyN
		return nil
	})
	if err != nil {
		return st, err
	}
	st.Vectors, st.Model = ix.vec.Count()
	st.Approximate = ix.vec.Approximate()
	_ = filepath.WalkDir(ix.opts.Path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				st.SizeBytes += info.Size()
			}
		}
		return nil
	})
	return st, nil
}

// Path is the index directory.
func (ix *Index) Path() string { return ix.opts.Path }

func checkCtx(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return vitae.Wrap(vitae.ETIMEOUT, err, "request cancelled or timed out")
	}
	return nil
}
