package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"vitae"
)

// Versions name what a ranking depended on, so that an audited answer
// can be re-run and compared (`vitae replay`): the same query on the same
// index version and model version gives the same order.
type Versions struct {
	// Index is "ix-" and 16 hex digits of an order-free hash of every
	// résumé's ID and content hash (the XOR of their SHA-256s): it changes
	// when a résumé is added, replaced or erased, and comes back when the
	// change is undone.
	Index string `json:"index_version"`
	// Model is the embedder's model identity (the built-in model's
	// includes its training), "none" for keyword-only.
	Model string `json:"model_version"`
}

// versionCache keeps the index version up to date without reading the
// store on every search: one pass over the records on first use (or
// after Changed), then the engine's own writes adjust it. Searches thus
// add no read transactions, which erasure's wipe waits out.
type versionCache struct {
	mu     sync.Mutex
	valid  bool
	hashes map[string]string // résumé ID → content hash
	acc    [sha256.Size]byte
}

func (c *versionCache) flip(id, hash string) {
	h := sha256.Sum256([]byte(id + "\x00" + hash))
	for i := range c.acc {
		c.acc[i] ^= h[i]
	}
}

func (c *versionCache) set(id, hash string) {
	if old, ok := c.hashes[id]; ok {
		c.flip(id, old)
	}
	c.hashes[id] = hash
	c.flip(id, hash)
}

func (c *versionCache) remove(id string) {
	if old, ok := c.hashes[id]; ok {
		c.flip(id, old)
		delete(c.hashes, id)
	}
}

func (c *versionCache) invalidate() {
	c.mu.Lock()
	c.valid = false
	c.mu.Unlock()
}

// Changed tells the engine its store was written behind its back (by
// the indexing pipeline at start-up): the next answer recounts the index
// version from the records.
func (s *Engine) Changed() { s.ver.invalidate() }

// Versions returns the index and model versions now.
func (s *Engine) Versions() (Versions, error) {
	v := Versions{Model: "none"}
	if s.emb != nil {
		v.Model = s.emb.Model()
	}
	c := &s.ver
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid {
		if err := s.recount(); err != nil {
			return v, err
		}
	}
	v.Index = "ix-" + hex.EncodeToString(c.acc[:8])
	return v, nil
}

// recount rebuilds the cache from every résumé record; c.mu is held.
func (s *Engine) recount() error {
	c := &s.ver
	c.hashes, c.acc = map[string]string{}, [sha256.Size]byte{}
	const page = 1000
	for off := 0; ; off += page {
		rs, total, err := s.st.Resumes(off, page)
		if err != nil {
			return fmt.Errorf("index version: %w", err)
		}
		for _, r := range rs {
			c.set(r.ID, r.Hash)
		}
		if len(rs) == 0 || off+page >= total {
			break
		}
	}
	c.valid = true
	return nil
}

// wrote adjusts the version after the engine wrote the résumés ids: each
// is read back (its new hash) or found gone. A failure to read leaves
// the next Versions to recount.
func (s *Engine) wrote(ids []string) {
	c := &s.ver
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.valid {
		return
	}
	for _, id := range ids {
		r, err := s.st.Resume(id)
		switch {
		case errors.Is(err, vitae.ErrNotFound):
			c.remove(id)
		case err != nil:
			c.valid = false
			return
		default:
			c.set(id, r.Hash)
		}
	}
}

func resumeIDs(rs []*vitae.Resume) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// IndexVersion is Versions' index version alone: what a cache of the
// index's answers is keyed by (match's pools).
func (s *Engine) IndexVersion() (string, error) {
	v, err := s.Versions()
	return v.Index, err
}
