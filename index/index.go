package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"vitae"
	"vitae/index/vector"
)

// Index is one Vitae index directory, safe for concurrent use.
type Index struct {
	opts    Options
	bleve   bleve.Index
	bleveMu sync.RWMutex // a search holds it shared; a reopen after a failed write, exclusively (storage.go)
	db      *bolt.DB
	vec     *vector.Store
	facets  facetCache    // facet values of bullets seen in results
	bounds  boundCache    // score bounds of terms' postings, for exactTopK
	decoded postingsCache // exactTopK's long postings lists, decoded
	extIDs  idCache       // external IDs of exactTopK's pages
	// boltReads counts records searches read since vitae.db's pages were
	// last released (boltmem.go).
	boltReads atomic.Int64

	// writeMu serialises writers (Upsert, Delete, vector writes); searches
	// run concurrently with each other and with writes.
	writeMu sync.Mutex
	// Wipes run outside writeMu, one at a time, and one wipe covers every
	// deletion committed before it began (erase.go): deletions counts
	// them (bumped inside the deleting transaction), wiped is the count
	// the last finished wipe covered.
	wipeMu    sync.Mutex
	deletions atomic.Uint64
	wiped     uint64 // guarded by wipeMu
	nudges    uint64 // guarded by writeMu (erase.go nudgePersister)
}

var (
	bucketResumes = []byte("resumes") // résumé ID → record (no bullet texts)
	bucketBullets = []byte("bullets") // bullet ID → bullet
	bucketSources = []byte("sources") // source path → résumé ID
	bucketVectors = []byte("vectors") // before vector files: bullet ID → float32 little-endian (vecload.go)
	bucketMeta    = []byte("meta")    // "model" → vector model identity
	bucketPending = []byte("pending") // bullet ID → "" while a write has reached bleve but not the records
	// résumé identity + "\x00" + résumé ID → "": the copies of one person
	bucketIdentities = []byte("identities")
)

// ErrInUse is wrapped by Open's error when another process (a running
// `vitae serve`) holds the index's lock.
var ErrInUse = errors.New("in use by another process")

// inUse reports a lock wait that timed out.
func inUse(path string) error {
	return vitae.Wrap(vitae.EUNAVAILABLE, ErrInUse, fmt.Sprintf("index %q", path))
}

// Open opens the index at opts.Path, creating it if missing.
func Open(opts Options) (*Index, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	if err := os.MkdirAll(opts.Path, 0o700); err != nil {
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	if !opts.SkipVerify {
		if err := verify(opts); err != nil {
			return nil, err
		}
	}
	// bbolt's file lock tells a second process the index is busy, within a
	// second instead of hanging.
	var db *bolt.DB
	err := guard(func() (err error) {
		db, err = bolt.Open(filepath.Join(opts.Path, "vitae.db"), 0o600, &bolt.Options{Timeout: time.Second, NoFreelistSync: true})
		return err
	})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, inUse(opts.Path)
		}
		if errors.Is(err, bolt.ErrInvalid) || errors.Is(err, bolt.ErrChecksum) || errors.Is(err, bolt.ErrVersionMismatch) || !isPathError(err) {
			return nil, damaged(opts.Path, "vitae.db", err)
		}
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketResumes, bucketBullets, bucketSources, bucketVectors, bucketSlots, bucketMeta, bucketPending, bucketIdentities} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	if err := bleveMissing(opts.Path, db); err != nil {
		db.Close()
		return nil, err
	}
	var bi bleve.Index
	if err := guard(func() (err error) {
		bi, err = openBleve(filepath.Join(opts.Path, "bleve"))
		return err
	}); err != nil {
		db.Close()
		return nil, damaged(opts.Path, "bleve", err)
	}
	if err := checkFormat(opts.Path, bi); err != nil {
		bi.Close()
		db.Close()
		return nil, err
	}
	ix := &Index{opts: opts, bleve: bi, db: db}
	if n, err := ix.recoverPending(); err != nil {
		ix.Close()
		return nil, fmt.Errorf("open index %q: recover an interrupted write: %w", opts.Path, err)
	} else if n > 0 {
		opts.Logger.Warn("repaired an interrupted write", "bullets", n)
	}
	if err := ix.openVectors(); err != nil {
		ix.vec.CloseFiles()
		ix.vec = nil // nothing to save: the graph file stays as it was
		ix.Close()
		if errors.Is(err, ErrDamaged) {
			return nil, err
		}
		return nil, fmt.Errorf("open index %q: load vectors: %w", opts.Path, err)
	}
	if err := ix.finishWipe(); err != nil {
		ix.Close()
		return nil, fmt.Errorf("open index %q: %w", opts.Path, err)
	}
	if err := ix.vec.LoadGraph(ix.graphPath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		opts.Logger.Info("approximate vector index not reused; it is rebuilt when first needed", "reason", err)
	}
	releaseBolt(db)
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
	bi, err = bleve.New(path, m)
	if err != nil {
		return nil, err
	}
	if err := setFormat(bi); err != nil {
		bi.Close()
		return nil, fmt.Errorf("record index format: %w", err)
	}
	return bi, nil
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
		errs = append(errs, ix.vec.CloseFiles())
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
		releaseMapped(ix.db, tx) // the counts read every page of both buckets
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
