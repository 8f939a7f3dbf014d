package index

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// exactTopK runs a plain keyword query (text and role, nothing else;
// terms as Terms analyses its text) as the
// exact top-k over the keyword index's postings: the hits from..from+size
// with the scores and order bleve's one query gives, stored fields loaded
// as bleve loads them, and the total every text match. ok is false when
// the query or the index is outside what it knows (too many terms, not a
// scorch index); the caller runs bleve's search then. Without total the
// answer's Total is 0.
func (ix *Index) exactTopK(ctx context.Context, terms []string, size, from int, fields []string, commonShare float64, total bool) (res *bleve.SearchResult, buf *pageBuf, ok bool, err error) {
	ix.bleveMu.RLock()
	defer ix.bleveMu.RUnlock()
	err = guard(func() error {
		// The terms are the query's tokens as bleve's match queries
		// analyse them, if both fields use the analyser Terms uses.
		m := ix.bleve.Mapping()
		if m.AnalyzerNameForPath(fText) != en.AnalyzerName || m.AnalyzerNameForPath(fRoleText) != en.AnalyzerName {
			return nil
		}
		if len(terms) == 0 || len(terms) > maxTopKTerms {
			return nil
		}
		tokens := make([][]byte, len(terms))
		for i, t := range terms {
			tokens[i] = []byte(t)
		}
		return ix.withBleveReader(func(r bindex.IndexReader) error {
			snap, isSnap := r.(*scorch.IndexSnapshot)
			if !isSnap {
				return nil
			}
			plan, err := newTopkPlan(snap, tokens, &ix.bounds)
			if err != nil || plan == nil {
				return err
			}
			plan.markCommon(commonShare)
			plan.useDecoded(&ix.decoded)
			hits, err := plan.run(ctx, from+size)
			if err != nil {
				return err
			}
			res, buf, err = page(snap, hits, from, fields, &ix.extIDs)
			if err != nil {
				return err
			}
			if total {
				res.Total = plan.total()
			}
			ok = true
			return nil
		})
	})
	return res, buf, ok, err
}

// pageBuf holds a page's matches, kept between searches: a hybrid
// search's keyword side pages 100 hits, ~25 KB of DocumentMatch.
type pageBuf struct {
	dms      []search.DocumentMatch
	hits     search.DocumentMatchCollection
	internal []byte
}

var pageBufs = sync.Pool{New: func() any { return new(pageBuf) }}

// release keeps b for a later page; nothing may use the answer it made
// after. A nil b (bleve's own answers) is nothing to release.
func (b *pageBuf) release() {
	if b != nil && cap(b.dms) <= maxPage {
		pageBufs.Put(b)
	}
}

// page turns the hits from..end into bleve's answer: external IDs (from
// ids, which reads those it lacks), scores, stored fields. The matches
// are buf's: release it once the answer is read.
func page(snap *scorch.IndexSnapshot, hits []hit, from int, fields []string, ids *idCache) (res *bleve.SearchResult, buf *pageBuf, err error) {
	segs := snap.Segments()
	offsets := make([]uint64, len(segs))
	var running uint64
	for i, s := range segs {
		offsets[i] = running
		running += s.Segment().Count()
	}
	res = &bleve.SearchResult{Status: &bleve.SearchStatus{Total: 1, Successful: 1}}
	if from >= len(hits) {
		return res, nil, nil
	}
	req := &bleve.SearchRequest{Fields: fields}
	// The page's matches and internal IDs in two allocations, not two
	// per hit (a hybrid search's keyword side pages 100 hits).
	hits = hits[from:]
	exts, err := ids.external(snap, offsets, hits)
	if err != nil {
		return nil, nil, err
	}
	buf = pageBufs.Get().(*pageBuf)
	buf.dms = slices.Grow(buf.dms[:0], len(hits))[:len(hits)]
	buf.internal = slices.Grow(buf.internal[:0], 8*len(hits))[:8*len(hits)]
	buf.hits = slices.Grow(buf.hits[:0], len(hits))
	res.Hits = buf.hits
	for i, h := range hits {
		id := bindex.NewIndexInternalID(buf.internal[8*i:8*i+8:8*i+8], offsets[h.seg]+h.doc)
		ext := exts[i]
		dm := &buf.dms[i]
		*dm = search.DocumentMatch{ID: ext, IndexInternalID: id, Score: h.score}
		if len(fields) > 0 {
			if err, _ := bleve.LoadAndHighlightFields(dm, req, "", snap, nil); err != nil {
				buf.release()
				return nil, nil, fmt.Errorf("stored fields of %s: %w", ext, err)
			}
		}
		res.Hits = append(res.Hits, dm)
		res.MaxScore = max(res.MaxScore, h.score)
	}
	return res, buf, nil
}
