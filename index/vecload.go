package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
	"vitae/index/vector"
)

// The vectors' rows live in flat files mapped from the index directory
// (vector.Files); bbolt keeps, per bullet, which row is its vector, the
// row's checksums and the bullet's filter metadata (bucketSlots), written
// in the transactions that write or delete the records. Opening reads
// those small entries, not the vectors nor the bullets. An index written
// before kept the vectors themselves in bbolt (bucketVectors): Open moves
// them into the files once.

var (
	bucketSlots = []byte("vecslots") // bullet ID → vector.Slot, then vector.AppendMeta
	dimKey      = []byte("dim")      // in bucketMeta: the vectors' dimension (uvarint)
)

// openVectors maps the vector files and names their rows from the slots;
// rows no slot names (a write a crash cut short, a deletion not yet
// wiped) are zeroed.
func (ix *Index) openVectors() error {
	start := time.Now()
	vs := vector.Open(ix.opts.Path, ix.opts.vectorOptions())
	ix.vec = vs
	var model string
	var dim uint64
	var legacy, any bool
	if err := ix.db.View(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bucketMeta)
		model = string(mb.Get([]byte("model")))
		dim, _ = binary.Uvarint(mb.Get(dimKey))
		k, _ := tx.Bucket(bucketVectors).Cursor().First()
		legacy = k != nil
		k, _ = tx.Bucket(bucketSlots).Cursor().First()
		any = k != nil
		return nil
	}); err != nil {
		return err
	}
	if !any {
		// Files without a named row are a crash's leftovers, or of a
		// dropped model: nothing in them is anyone's.
		if err := vector.RemoveFiles(ix.opts.Path); err != nil {
			return err
		}
		if legacy {
			return ix.convertVectors()
		}
		return nil
	}
	if dim == 0 {
		return damaged(ix.opts.Path, "vitae.db", errors.New("vectors stored without their dimension"))
	}
	if err := vs.Attach(model, int(dim)); err != nil {
		return damaged(ix.opts.Path, vector.FloatFile, err)
	}
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSlots).ForEach(func(k, v []byte) error {
			s, meta, err := vector.ParseSlot(v)
			if err != nil {
				return fmt.Errorf("%w: vector slot of %s", vector.ErrDamaged, k)
			}
			return vs.LoadRow(string(k), s, meta)
		})
	})
	if err != nil {
		return damaged(ix.opts.Path, vector.FloatFile, err)
	}
	if err := vs.Loaded(); err != nil {
		return err
	}
	if err := vs.Wipe(); err != nil {
		return err
	}
	n, _ := vs.Count()
	ix.opts.Logger.Debug("vectors mapped", "vectors", n, "seconds", time.Since(start).Seconds())
	return nil
}

// convertVectors moves vectors kept in bbolt by an older Vitae into the
// vector files, a batch at a time, with each bullet's metadata; it reads
// every vector and bullet once, as opening such an index always did.
func (ix *Index) convertVectors() error {
	start := time.Now()
	ix.opts.Logger.Warn("moving the stored vectors out of vitae.db into vector files (once)")
	var model string
	var after []byte
	n := 0
	for {
		var ids []string
		var vecs [][]float32
		err := ix.db.View(func(tx *bolt.Tx) error {
			model = string(tx.Bucket(bucketMeta).Get([]byte("model")))
			c := tx.Bucket(bucketVectors).Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); k != nil && string(k) == string(after) {
					k, v = c.Next()
				}
			}
			for ; k != nil && len(ids) < 5000; k, v = c.Next() {
				ids, vecs = append(ids, string(k)), append(vecs, vector.Decode(v))
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("move vectors: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		after = []byte(ids[len(ids)-1])
		if err := ix.putStored(ids, vecs, model); err != nil {
			return fmt.Errorf("move vectors: %w", err)
		}
		n += len(ids)
	}
	err := ix.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketVectors); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketVectors)
		return err
	})
	if err != nil {
		return fmt.Errorf("move vectors: %w", err)
	}
	ix.opts.Logger.Warn("moved the stored vectors into vector files", "vectors", n, "seconds", time.Since(start).Seconds())
	return nil
}

// putStored is PutVectors for vectors already stored (of unit length, bit
// for bit): those of another length than the first are skipped, as a
// torn write of an older model, to be embedded again.
func (ix *Index) putStored(ids []string, vecs [][]float32, model string) error {
	dim := ix.vec.Dim()
	var keepIDs []string
	var keepVecs [][]float32
	for i, v := range vecs {
		if dim == 0 {
			dim = len(v)
		}
		if len(v) == dim {
			keepIDs, keepVecs = append(keepIDs, ids[i]), append(keepVecs, v)
		}
	}
	if model == "" {
		return vitae.Errorf(vitae.EINVALID, "stored vectors without a model identity")
	}
	return ix.PutVectors(keepIDs, keepVecs, model)
}
