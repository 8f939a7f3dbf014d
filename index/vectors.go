package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"vitae"
	"vitae/index/vector"
)

// Nearest returns the k bullets most similar to vec (cosine), filtered.
// Above the ANN threshold and without filters it searches the HNSW graph;
// otherwise it scans every vector exactly, in parallel over the cores.
func (ix *Index) Nearest(ctx context.Context, vec []float32, k int, f vitae.Filters) ([]Neighbor, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	flt, err := compileFilter(f)
	if err != nil {
		return nil, err
	}
	var keep func(*vector.Meta) bool
	if flt != nil {
		keep = flt.keeps
	}
	ns, err := ix.vec.Nearest(ctx, vec, k, keep)
	if err != nil && ctx.Err() != nil {
		return nil, checkCtx(ctx)
	}
	return ns, err
}

// NearestExact always scans; for recall measurements against HNSW.
func (ix *Index) NearestExact(ctx context.Context, vec []float32, k int) ([]Neighbor, error) {
	ns, err := ix.vec.NearestExact(ctx, vec, k)
	if err != nil && ctx.Err() != nil {
		return nil, checkCtx(ctx)
	}
	return ns, err
}

// BuildANN builds the approximate (HNSW) graph now if the index is above
// its threshold and has none, or a stale one, and waits for it; it gives
// up when ctx ends. Searches start the same build in the background and
// scan exactly until it is done; this is for callers that want the graph
// ready (indexing, benchmarks, tests). The graph is saved on Close.
func (ix *Index) BuildANN(ctx context.Context) error { return ix.vec.BuildANN(ctx) }

// PutVectors stores vectors for bullets under a model identity. Vectors
// of another model are never mixed in: a different model is refused.
func (ix *Index) PutVectors(ids []string, vecs [][]float32, model string) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("put vectors: %d ids, %d vectors", len(ids), len(vecs))
	}
	if len(ids) == 0 {
		return nil
	}
	if model == "" {
		return vitae.Errorf(vitae.EINVALID, "put vectors: the model identity is empty")
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	n, curModel := ix.vec.Count()
	if curModel != "" && curModel != model && n > 0 {
		return vitae.Errorf(vitae.EINVALID, "vectors of model %q cannot join an index of model %q", model, curModel)
	}
	dim := ix.vec.Dim()
	for i, v := range vecs {
		if dim == 0 {
			dim = len(v)
		}
		if len(v) != dim || dim == 0 {
			return vitae.Errorf(vitae.EINVALID, "vector %s has %d dimensions, want %d", ids[i], len(v), dim)
		}
	}
	// The rows go to the vector files first (synced), the records naming
	// them second, in one transaction; the store takes them in last. A
	// bullet deleted meanwhile keeps no vector (writers hold writeMu, so
	// the read and the write see the same bullets).
	entries := make([]vector.Entry, 0, len(ids))
	err := ix.db.View(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketBullets)
		for i, id := range ids {
			data := bb.Get([]byte(id))
			if data == nil {
				continue // deleted meanwhile
			}
			var b vitae.Bullet
			if err := json.Unmarshal(data, &b); err != nil {
				return err
			}
			entries = append(entries, vector.Entry{ID: id, Vec: vector.Normalize(vecs[i]), Meta: metaOf(b)})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("put vectors: %w", err)
	}
	slots, err := ix.vec.Stage(entries)
	if err != nil {
		return storageErr(fmt.Errorf("put vectors: %w", err))
	}
	err = ix.db.Update(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bucketMeta)
		if err := mb.Put([]byte("model"), []byte(model)); err != nil {
			return err
		}
		if err := mb.Put(dimKey, binary.AppendUvarint(nil, uint64(dim))); err != nil {
			return err
		}
		sb := tx.Bucket(bucketSlots)
		for k, e := range entries {
			if err := sb.Put([]byte(e.ID), vector.AppendMeta(slots[k].Append(nil), e.Meta)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return storageErr(fmt.Errorf("put vectors: %w", err))
	}
	keep := make([]bool, len(entries))
	for k := range keep {
		keep[k] = true
	}
	ix.vec.Commit(model, entries, slots, keep)
	return nil
}

// VectorModel is the identity of the model the stored vectors came from.
func (ix *Index) VectorModel() string {
	_, m := ix.vec.Count()
	return m
}

// MissingVectors calls fn, in ID order, with every bullet lacking a
// vector of model: every bullet when the stored vectors are of another
// model, or when model is "" (which no vector has: training reads every
// text this way). fn runs inside a read transaction and must not write to
// the index.
func (ix *Index) MissingVectors(ctx context.Context, model string, fn func(id, text string) error) error {
	all := model == "" || ix.VectorModel() != model
	return ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketBullets).ForEach(func(k, v []byte) error {
			if err := checkCtx(ctx); err != nil {
				return err
			}
			if !all && ix.vec.Has(string(k)) {
				return nil
			}
			var b vitae.Bullet
			if err := json.Unmarshal(v, &b); err != nil {
				return fmt.Errorf("bullet %s: %w", k, err)
			}
			return fn(string(k), b.Text)
		})
	})
}

// ReserveVectors makes room for n more vectors in one allocation, so a
// bulk embed does not grow the store by doubling; a no-op until the
// dimension is known (after the first PutVectors). Optional for a
// backend: the pipeline calls it when the store has it.
func (ix *Index) ReserveVectors(n int) { ix.vec.Reserve(n) }

// DropVectors erases every vector and the model identity, for a change
// of embedding model: vectors of two models are never mixed.
func (ix *Index) DropVectors(ctx context.Context) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	err := ix.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketVectors, bucketSlots} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Delete(dimKey); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete([]byte("model"))
	})
	if err != nil {
		return fmt.Errorf("drop vectors: %w", err)
	}
	if err := ix.vec.Truncate(); err != nil {
		return fmt.Errorf("drop vectors: %w", err)
	}
	return nil
}

// Vectors returns the stored (unit-length) vectors of the bullets ids
// that have one, as written to disk: for copying an index to another
// backend without embedding again (pipeline.Migrate). The model is
// VectorModel's.
func (ix *Index) Vectors(ctx context.Context, ids []string) (map[string][]float32, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	out := make(map[string][]float32, len(ids))
	for _, id := range ids {
		v, err := ix.vec.Vector(id)
		if err != nil {
			return nil, fmt.Errorf("read vectors: %w", err)
		}
		if v != nil {
			out[id] = v
		}
	}
	return out, nil
}

// Missing returns the bullets of ids that have no vector yet.
func (ix *Index) Missing(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !ix.vec.Has(id) {
			out = append(out, id)
		}
	}
	return out
}
