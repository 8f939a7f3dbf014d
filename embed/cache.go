package embed

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// Cache keeps vectors on disk keyed by (model identity, SHA-256 of the
// text, input kind), so re-indexing unchanged bullets costs no provider call.
type Cache struct {
	db *bolt.DB
}

// OpenCache opens (or creates) the cache file at path.
func OpenCache(path string) (*Cache, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return nil, fmt.Errorf("open embedding cache %s: %w", path, err)
	}
	return &Cache{db: db}, nil
}

// Close closes the file.
func (c *Cache) Close() error { return c.db.Close() }

func cacheKey(text string, kind vitae.InputKind) []byte {
	sum := sha256.Sum256([]byte(text))
	return append([]byte{byte(kind)}, sum[:]...)
}

// Forget removes the cached vectors of texts (erasure of a person).
func (c *Cache) Forget(model string, texts []string) error {
	return c.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(model))
		if b == nil {
			return nil
		}
		for _, t := range texts {
			for _, k := range []vitae.InputKind{vitae.InputDocument, vitae.InputQuery} {
				if err := b.Delete(cacheKey(t, k)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Len counts the vectors cached for a model.
func (c *Cache) Len(model string) (int, error) {
	n := 0
	err := c.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(model)); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// Has reports whether text's document vector is cached for model.
func (c *Cache) Has(model, text string) bool {
	found := false
	_ = c.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(model)); b != nil {
			found = b.Get(cacheKey(text, vitae.InputDocument)) != nil
		}
		return nil
	})
	return found
}

// Wrap returns an Embedder that answers from the cache and sends only the
// misses to e, in one call.
func (c *Cache) Wrap(e vitae.Embedder) *Cached {
	return &Cached{cache: c, next: e}
}

// Cached is an Embedder in front of a Cache.
type Cached struct {
	cache        *Cache
	next         vitae.Embedder
	hits, misses atomic.Int64
}

var _ vitae.Embedder = (*Cached)(nil)

func (c *Cached) Model() string  { return c.next.Model() }
func (c *Cached) Dimension() int { return c.next.Dimension() }

// Stats returns cache hits and misses so far.
func (c *Cached) Stats() (hits, misses int64) { return c.hits.Load(), c.misses.Load() }

func (c *Cached) Embed(ctx context.Context, texts []string, kind vitae.InputKind) ([][]float32, error) {
	model := []byte(c.next.Model())
	out := make([][]float32, len(texts))
	var missIdx []int
	var missTexts []string
	err := c.cache.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(model)
		for i, t := range texts {
			if b != nil {
				if v := b.Get(cacheKey(t, kind)); v != nil {
					out[i] = decode(v)
					continue
				}
			}
			missIdx = append(missIdx, i)
			missTexts = append(missTexts, t)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("embedding cache: %w", err)
	}
	c.hits.Add(int64(len(texts) - len(missIdx)))
	c.misses.Add(int64(len(missIdx)))
	if len(missIdx) == 0 {
		return out, nil
	}
	vecs, err := c.next.Embed(ctx, missTexts, kind)
	if err != nil {
		return nil, err
	}
	if len(vecs) != len(missTexts) {
		return nil, errors.New("embedding cache: provider returned the wrong number of vectors")
	}
	err = c.cache.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(model)
		if err != nil {
			return err
		}
		for j, i := range missIdx {
			out[i] = vecs[j]
			if err := b.Put(cacheKey(missTexts[j], kind), encode(vecs[j])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("embedding cache: %w", err)
	}
	return out, nil
}

func encode(v []float32) []byte {
	out := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(f))
	}
	return out
}

func decode(b []byte) []float32 {
	out := make([]float32, len(b)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}
