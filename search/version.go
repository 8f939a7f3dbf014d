package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
)

// Versions name what a ranking depended on, so that an audited answer
// can be re-run and compared (`vitae replay`): the same query on the same
// index version and model version gives the same order.
type Versions struct {
	// Index is "ix-" and 16 hex digits of SHA-256 over every résumé's ID
	// and content hash, in ID order: it changes when any résumé is added,
	// replaced or erased, and only then.
	Index string `json:"index_version"`
	// Model is the embedder's model identity (the built-in model's
	// includes its training), "none" for keyword-only.
	Model string `json:"model_version"`
}

// versionCache holds the index version until the engine writes again.
type versionCache struct {
	mu    sync.Mutex
	valid bool
	index string
}

func (c *versionCache) invalidate() {
	c.mu.Lock()
	c.valid = false
	c.mu.Unlock()
}

// Changed tells the engine its store was written behind its back (by
// the indexing pipeline at start-up): the next answer recomputes the
// index version.
func (s *Engine) Changed() { s.ver.invalidate() }

// Versions returns the index and model versions now. The index version
// is computed once per change (a pass over the résumé records).
func (s *Engine) Versions() (Versions, error) {
	v := Versions{Model: "none"}
	if s.emb != nil {
		v.Model = s.emb.Model()
	}
	c := &s.ver
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.valid {
		v.Index = c.index
		return v, nil
	}
	h := sha256.New()
	const page = 1000
	for off := 0; ; off += page {
		rs, total, err := s.st.Resumes(off, page)
		if err != nil {
			return v, fmt.Errorf("index version: %w", err)
		}
		for _, r := range rs {
			fmt.Fprintf(h, "%s\x00%s\n", r.ID, r.Hash)
		}
		if len(rs) == 0 || off+page >= total {
			break
		}
	}
	c.index, c.valid = "ix-"+hex.EncodeToString(h.Sum(nil)[:8]), true
	v.Index = c.index
	return v, nil
}
