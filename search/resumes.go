package search

import (
	"context"
	"fmt"

	"vitae"
	"vitae/pipeline"
)

// The résumé side of the engine: reading, adding (through the indexing
// pipeline) and erasing résumés, and the index's statistics.

// Resume returns one résumé with its bullets.
func (s *Engine) Resume(_ context.Context, id string) (*vitae.Resume, error) {
	return s.st.Resume(id)
}

// Resumes lists résumés without bullets.
func (s *Engine) Resumes(_ context.Context, offset, limit int) ([]*vitae.Resume, int, error) {
	if offset < 0 || limit < 0 {
		return nil, 0, vitae.Errorf(vitae.EINVALID, "offset and limit must not be negative")
	}
	if limit == 0 || limit > s.opts.MaxLimit {
		limit = min(max(limit, 20), s.opts.MaxLimit)
	}
	return s.st.Resumes(offset, limit)
}

// Stats describes the index and the embedder.
func (s *Engine) Stats(_ context.Context) (*Stats, error) {
	st, err := s.st.Stats()
	if err != nil {
		return nil, err
	}
	name := "none"
	if s.emb != nil {
		name = s.emb.Model()
	}
	return &Stats{Resumes: st.Resumes, Bullets: st.Bullets, Vectors: st.Vectors, Embedder: name, IndexBytes: st.SizeBytes, Approximate: st.Approximate}, nil
}

// Add indexes résumés and embeds their bullets through the indexing
// pipeline. An embedder failure leaves the bullets keyword-searchable
// (Degraded) for a later back-fill.
func (s *Engine) Add(ctx context.Context, resumes []*vitae.Resume) (*AddResult, error) {
	defer s.wrote(resumeIDs(resumes))
	x, err := s.indexer()
	if err != nil {
		return nil, err
	}
	sum, err := x.Add(ctx, resumes)
	if err != nil {
		return nil, err
	}
	return addResult(sum), nil
}

// AddFiles parses uploaded files and adds the résumés read, as Add; a
// file that cannot be parsed is skipped with its reason and the others
// still go in.
func (s *Engine) AddFiles(ctx context.Context, files []pipeline.File) (*FilesResult, error) {
	x, err := s.indexer()
	if err != nil {
		return nil, err
	}
	sum, err := x.AddFiles(ctx, files)
	if err != nil {
		s.Changed() // which files went in is unknown
		return nil, err
	}
	s.wrote(sum.IDs)
	return &FilesResult{AddResult: *addResult(sum), IDs: sum.IDs, Skipped: sum.Skipped}, nil
}

// indexer is the indexing pipeline over the engine's store and embedder,
// without the built-in embedder's training (uploads never retrain).
func (s *Engine) indexer() (*pipeline.Indexer, error) {
	return pipeline.New(pipeline.Options{Store: s.st, Embedder: s.emb, Logger: s.opts.Logger})
}

func addResult(sum *pipeline.Summary) *AddResult {
	out := &AddResult{Resumes: sum.Resumes, Unchanged: sum.Unchanged, Bullets: sum.Bullets, Embedded: sum.Embedded}
	if sum.DegradedBy != nil {
		out.Degraded, out.DegradedReason = true, degradedReason(sum.DegradedBy)
	}
	return out
}

// Delete erases a person: bullets, stored fields, vectors and the cached
// embeddings of their texts.
func (s *Engine) Delete(ctx context.Context, resumeID string) error {
	defer s.wrote([]string{resumeID})
	r, err := s.st.Resume(resumeID)
	if err != nil {
		return err
	}
	if err := s.st.Delete(ctx, resumeID); err != nil {
		return err
	}
	if s.opts.Cache != nil && s.emb != nil {
		texts := make([]string, len(r.Bullets))
		for i, b := range r.Bullets {
			texts[i] = b.Text
		}
		if err := s.opts.Cache.Forget(s.emb.Model(), texts); err != nil {
			return fmt.Errorf("erase cached vectors of %q: %w", resumeID, err)
		}
	}
	return nil
}

// Copies returns the IDs of the résumés of one candidate identity
// (vitae.Resume.Identity), sorted.
// A store that does not record identities (no Copies method) has none.
func (s *Engine) Copies(_ context.Context, identity string) ([]string, error) {
	c, ok := s.st.(copier)
	if !ok {
		return nil, nil
	}
	return c.Copies(identity)
}

// copier is a store that lists the résumés of one candidate identity
// (the embedded index does); optional, found by type assertion.
type copier interface {
	Copies(identity string) ([]string, error)
}
