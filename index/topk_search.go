package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// exactTopK runs k's plain form (text and role, nothing else) as the
// exact top-k over the keyword index's postings: the hits from..from+size
// with the scores and order bleve's one query gives, stored fields loaded
// as bleve loads them, and the total every text match. ok is false when
// the query or the index is outside what it knows (too many terms, not a
// scorch index); the caller runs bleve's search then.
func (ix *Index) exactTopK(ctx context.Context, text string, size, from int, fields []string) (res *bleve.SearchResult, ok bool, err error) {
	ix.bleveMu.RLock()
	defer ix.bleveMu.RUnlock()
	err = guard(func() error {
		m := ix.bleve.Mapping()
		an := m.AnalyzerNameForPath(fText)
		if an != m.AnalyzerNameForPath(fRoleText) {
			return nil
		}
		a := m.AnalyzerNamed(an)
		if a == nil {
			return nil
		}
		var tokens [][]byte
		for _, t := range a.Analyze([]byte(text)) {
			tokens = append(tokens, t.Term)
		}
		if len(tokens) == 0 || len(tokens) > maxTopKTerms {
			return nil
		}
		adv, err := ix.bleve.Advanced()
		if err != nil {
			return err
		}
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		defer r.Close()
		snap, isSnap := r.(*scorch.IndexSnapshot)
		if !isSnap {
			return nil
		}
		plan, err := newTopkPlan(snap, tokens, &ix.bounds)
		if err != nil {
			return err
		}
		hits, err := plan.run(ctx, from+size)
		if err != nil {
			return err
		}
		res, err = page(snap, hits, from, fields)
		if err != nil {
			return err
		}
		res.Total = plan.total()
		ok = true
		return nil
	})
	return res, ok, err
}

// page turns the hits from..end into bleve's answer: external IDs,
// scores, stored fields.
func page(snap *scorch.IndexSnapshot, hits []hit, from int, fields []string) (*bleve.SearchResult, error) {
	segs := snap.Segments()
	offsets := make([]uint64, len(segs))
	var running uint64
	for i, s := range segs {
		offsets[i] = running
		running += s.Segment().Count()
	}
	res := &bleve.SearchResult{Status: &bleve.SearchStatus{Total: 1, Successful: 1}}
	if from >= len(hits) {
		return res, nil
	}
	req := &bleve.SearchRequest{Fields: fields}
	for _, h := range hits[from:] {
		id := bindex.NewIndexInternalID(nil, offsets[h.seg]+h.doc)
		ext, err := snap.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("external id: %w", err)
		}
		dm := &search.DocumentMatch{ID: ext, IndexInternalID: id, Score: h.score}
		if len(fields) > 0 {
			if err, _ := bleve.LoadAndHighlightFields(dm, req, "", snap, nil); err != nil {
				return nil, fmt.Errorf("stored fields of %s: %w", ext, err)
			}
		}
		res.Hits = append(res.Hits, dm)
		res.MaxScore = max(res.MaxScore, h.score)
	}
	return res, nil
}
