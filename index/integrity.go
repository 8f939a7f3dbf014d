package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// Open checks the files before it maps them (verify): vitae.db and
// bleve's root.bolt as bbolt files (boltcheck.go), every segment the
// current bleve snapshot lists present and matching the CRC-32 in its
// footer. A damaged or missing file stops Open with ErrDamaged, naming
// the file and the remedy; opening runs under guard, so a fault in a
// mapped file still becomes that error rather than a crash.

// ErrDamaged is wrapped by Open's error when an index file is damaged or
// missing; the message names the file and what to do.
var ErrDamaged = errors.New("index damaged")

func damaged(dir, file string, problem error) error {
	return vitae.Wrap(vitae.EUNAVAILABLE, fmt.Errorf("%w: %w", ErrDamaged, problem), fmt.Sprintf(
		"index file %s is damaged or missing; rebuild the index with `vitae index --rebuild` (from its records, or its source files if the records are lost) or restore %s from a backup",
		filepath.Join(dir, file), dir))
}

// verify checks the index directory within opts.VerifyTimeout; running
// out of time is logged and not an error (the rest is not checked).
func verify(opts Options) error {
	dir := opts.Path
	deadline := time.Now().Add(opts.VerifyTimeout)
	start := time.Now()
	dbExists := exists(filepath.Join(dir, "vitae.db"))
	bleveExists := exists(filepath.Join(dir, "bleve", "index_meta.json"))
	if !dbExists && bleveExists {
		return damaged(dir, "vitae.db", fs.ErrNotExist)
	}
	if dbExists {
		if err := checkBoltFile(filepath.Join(dir, "vitae.db"), deadline); err != nil {
			return budget(opts, err, damaged(dir, "vitae.db", err))
		}
	}
	if !bleveExists {
		return nil
	}
	store := filepath.Join("bleve", "store")
	root := filepath.Join(store, "root.bolt")
	if err := checkBoltFile(filepath.Join(dir, root), deadline); err != nil {
		return budget(opts, err, damaged(dir, root, err))
	}
	segs, err := segmentFiles(filepath.Join(dir, root))
	if err != nil {
		return damaged(dir, root, err)
	}
	for _, s := range segs {
		if time.Now().After(deadline) {
			return budget(opts, errBudget, nil)
		}
		if err := checkSegment(filepath.Join(dir, store, s)); err != nil {
			return damaged(dir, filepath.Join(store, s), err)
		}
	}
	opts.Logger.Debug("index files verified", "segments", len(segs), "took", time.Since(start))
	return nil
}

// budget turns a check that ran out of time into a logged warning.
func budget(opts Options, err, damage error) error {
	if errors.Is(err, errBudget) {
		opts.Logger.Warn("index check stopped at its time budget; the rest was not verified", "budget", opts.VerifyTimeout)
		return nil
	}
	return damage
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// segmentFiles lists the segment files of the newest snapshot recorded in
// scorch's root.bolt (bucket "s", the last epoch, each segment bucket's
// path "p"), opened read-only under guard.
func segmentFiles(rootBolt string) (files []string, err error) {
	err = guard(func() error {
		db, err := bolt.Open(rootBolt, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(func(tx *bolt.Tx) error {
			snaps := tx.Bucket([]byte{'s'})
			if snaps == nil {
				return nil // no snapshot persisted yet
			}
			k, _ := snaps.Cursor().Last()
			if k == nil {
				return nil
			}
			snap := snaps.Bucket(k)
			if snap == nil {
				return fmt.Errorf("snapshot %x is not a bucket", k)
			}
			return snap.ForEachBucket(func(k []byte) error {
				if k[0] == 'm' || k[0] == 'i' { // metadata, internal values
					return nil
				}
				p := snap.Bucket(k).Get([]byte{'p'})
				if p == nil {
					return fmt.Errorf("segment %x has no path", k)
				}
				files = append(files, string(p))
				return nil
			})
		})
	})
	return files, err
}

// checkSegment compares a zap segment's footer CRC (big-endian CRC-32
// IEEE, the last 4 bytes) with the CRC of the bytes before it.
func checkSegment(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	const minFooter = 4 + 8*5 // zap's smallest footer; shorter is truncated
	if st.Size() < minFooter {
		return fmt.Errorf("truncated: %d bytes", st.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, st.Size()-4); err != nil {
		return err
	}
	var want [4]byte
	if _, err := io.ReadFull(f, want[:]); err != nil {
		return err
	}
	if got := h.Sum32(); got != binary.BigEndian.Uint32(want[:]) {
		return fmt.Errorf("checksum mismatch (CRC-32 %08x, footer says %08x): damaged or truncated", got, binary.BigEndian.Uint32(want[:]))
	}
	return nil
}

// guard runs fn with faults on mapped memory turned into panics, and any
// panic into an error: a damaged file must not take the process down.
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	return fn()
}

// bleveMissing reports a keyword index gone from under stored records:
// opening would otherwise create an empty one, and keyword search would
// quietly find nothing.
func bleveMissing(dir string, db *bolt.DB) error {
	if exists(filepath.Join(dir, "bleve", "index_meta.json")) {
		return nil
	}
	n := 0
	_ = db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketResumes).Stats().KeyN
		return nil
	})
	if n == 0 {
		return nil
	}
	return damaged(dir, filepath.Join("bleve", "index_meta.json"), fs.ErrNotExist)
}

// isPathError tells an error of the file system (permissions, a full
// disk) from one of the file's content.
func isPathError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe)
}
