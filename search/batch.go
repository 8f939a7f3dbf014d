package search

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"vitae"
)

// SearchBatch runs many queries as one retrieval, as job matching asks
// one query per requirement: the texts are embedded in one call, a bullet
// that several queries find is loaded from the store once, the queries
// share the versions and run concurrently, one per core; queries whose
// keyword sides are the same search (a job's title asked in keyword and
// in hybrid mode) walk the postings once. Each answer
// ranks as Search ranks the query, but its hits are bare: bullet, score
// and details, without highlights, reasons or folded copies, which a
// caller reading rankings (not showing pages) does not need. The first
// invalid query fails the whole batch.
func (s *Engine) SearchBatch(ctx context.Context, qs []vitae.Query) ([]*vitae.Results, error) {
	start := time.Now()
	ps := make([]prepared, len(qs))
	for i, q := range qs {
		p, err := s.prepare(q)
		if err != nil {
			return nil, err
		}
		ps[i] = p
	}
	opts := s.embedBatch(ctx, ps)
	// A view of the engine whose store loads each bullet once and runs
	// each distinct keyword search once for the whole batch; its own
	// version cache stays unused.
	view := &Engine{st: newBatchStore(s.st), emb: s.emb, opts: s.opts}
	out := make([]*vitae.Results, len(ps))
	errs := make([]error, len(ps))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ps)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(ps); i = int(next.Add(1)) - 1 {
				if errs[i] = ctx.Err(); errs[i] == nil {
					out[i], errs[i] = view.run(ctx, ps[i], opts[i])
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	v, err := s.Versions()
	if err != nil {
		return nil, err
	}
	took := time.Since(start)
	for _, r := range out {
		r.IndexVersion, r.ModelVersion, r.Took = v.Index, v.Model, took
	}
	return out, nil
}

// embedBatch embeds the texts of the queries that use vectors in one
// call; a failure degrades each of them as it would degrade alone.
func (s *Engine) embedBatch(ctx context.Context, ps []prepared) []runOptions {
	opts := make([]runOptions, len(ps))
	var texts []string
	var at []int
	for i, p := range ps {
		opts[i] = runOptions{embedded: true, bare: true, commonShare: max(s.opts.CommonShare, 0)}
		if p.q.Mode != vitae.ModeKeyword {
			texts, at = append(texts, p.syn.Text), append(at, i)
		}
	}
	if len(texts) == 0 {
		return opts
	}
	vecs, err := s.embedQueries(ctx, texts)
	for j, i := range at {
		if err != nil {
			opts[i].vecErr = err
		} else {
			opts[i].vec = vecs[j]
		}
	}
	return opts
}

// bareHits loads the bullets of fused hits, with their scores and
// details; bullets deleted since retrieval are left out.
func (s *Engine) bareHits(fused []fusedHit) ([]vitae.Hit, error) {
	ids := make([]string, len(fused))
	for i, f := range fused {
		ids[i] = f.id
	}
	stored, err := s.st.Bullets(ids)
	if err != nil {
		return nil, err
	}
	hits := make([]vitae.Hit, 0, len(fused))
	for _, f := range fused {
		b, ok := stored[f.id]
		if !ok {
			continue
		}
		d := f.details
		hits = append(hits, vitae.Hit{Bullet: b, Score: d.Fused, Details: &d})
	}
	return hits, nil
}
