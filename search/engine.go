package search

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/pipeline"
)

// Options configure an Engine; zero values take the defaults.
type Options struct {
	Mode          vitae.Mode   // default hybrid
	SemanticRatio float64      // default 0.5
	Fusion        vitae.Fusion // default weighted
	RankConstant  int          // default 60
	Candidates    int          // per retriever; default 100
	FacetDepth    int          // ranked results that facets count; default 200
	MaxLimit      int          // default 100
	MaxQueryLen   int          // characters; default 1000
	Timeout       time.Duration
	Cache         *embed.Cache // for erasure; may be nil
	Logger        *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Mode == "" {
		o.Mode = vitae.ModeHybrid
	}
	if o.Fusion == "" {
		o.Fusion = vitae.FusionWeighted
	}
	if o.RankConstant <= 0 {
		o.RankConstant = 60
	}
	if o.Candidates <= 0 {
		o.Candidates = 100
	}
	if o.MaxLimit <= 0 {
		o.MaxLimit = 100
	}
	if o.FacetDepth <= 0 {
		o.FacetDepth = 200
	}
	if o.MaxQueryLen <= 0 {
		o.MaxQueryLen = 1000
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Engine implements vitae.Searcher over an index and an embedder.
type Engine struct {
	st   Store
	emb  vitae.Embedder // nil: keyword only
	opts Options
}

var _ vitae.Searcher = (*Engine)(nil)

// New returns an Engine over a store; e may be nil for keyword-only
// search.
func New(st Store, e vitae.Embedder, opts Options) *Engine {
	return &Engine{st: st, emb: e, opts: opts.withDefaults()}
}

// normalize validates q and fills its defaults.
func (s *Engine) normalize(q vitae.Query) (vitae.Query, error) {
	q.Text = strings.TrimSpace(q.Text)
	switch {
	case q.Text == "":
		return q, vitae.Errorf(vitae.EINVALID, "query is empty")
	case utf8.RuneCountInString(q.Text) > s.opts.MaxQueryLen:
		return q, vitae.Errorf(vitae.ETOOLARGE, "query is longer than %d characters", s.opts.MaxQueryLen)
	}
	if q.Mode == "" {
		q.Mode = s.opts.Mode
	}
	if !q.Mode.Valid() {
		return q, vitae.Errorf(vitae.EINVALID, "mode %q: want keyword, semantic or hybrid", q.Mode)
	}
	if !(q.SemanticRatio >= 0 && q.SemanticRatio <= 1) { // NaN too
		return q, vitae.Errorf(vitae.EINVALID, "semantic_ratio %g is outside 0..1", q.SemanticRatio)
	}
	if q.Fusion == "" {
		q.Fusion = s.opts.Fusion
	}
	if q.Fusion != vitae.FusionWeighted && q.Fusion != vitae.FusionRRF {
		return q, vitae.Errorf(vitae.EINVALID, "fusion %q: want weighted or rrf", q.Fusion)
	}
	if q.RankConstant <= 0 {
		q.RankConstant = s.opts.RankConstant
	}
	if q.Limit <= 0 {
		q.Limit = 10
	}
	if q.Limit > s.opts.MaxLimit {
		q.Limit = s.opts.MaxLimit
	}
	if q.Offset < 0 {
		return q, vitae.Errorf(vitae.EINVALID, "offset %d is negative", q.Offset)
	}
	if q.Offset > 10000 {
		return q, vitae.Errorf(vitae.EINVALID, "offset %d is too deep; narrow the query", q.Offset)
	}
	if q.GroupBy != "" && q.GroupBy != "candidate" {
		return q, vitae.Errorf(vitae.EINVALID, "group_by %q: want candidate or nothing", q.GroupBy)
	}
	return q, nil
}

// Search runs a query. A semantic side that fails (provider down, no
// vectors yet) degrades to keyword results, never to an error.
func (s *Engine) Search(ctx context.Context, q vitae.Query) (*vitae.Results, error) {
	start := time.Now()
	q, err := s.normalize(q)
	if err != nil {
		return nil, err
	}
	if s.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opts.Timeout)
		defer cancel()
	}
	need := q.Offset + q.Limit
	if q.GroupBy == "candidate" {
		need = max(need, s.opts.Candidates) // group over a wider pool
	}
	k := max(s.opts.Candidates, need)
	res := &vitae.Results{}

	var lex *index.LexicalResult
	idsOnly := false // lex hits carry IDs and scores only
	deep := false    // lex hits reach past the page only for facets
	if q.Mode != vitae.ModeSemantic {
		size := k
		if q.Mode == vitae.ModeKeyword && q.GroupBy == "" {
			// Nothing is fused: the page is the BM25 order, so loading
			// and highlighting a wider pool only costs time.
			size = need
			if q.Facets && s.opts.FacetDepth > need {
				size, deep = s.opts.FacetDepth, true
			}
		}
		// Fused lists are paged before hydration, so the keyword side
		// need not load or highlight candidates that will not be shown.
		idsOnly = q.GroupBy == "" && (q.Mode != vitae.ModeKeyword || deep)
		lex, err = s.st.Lexical(ctx, index.LexicalRequest{Text: q.Text, Filters: q.Filters, Size: size, Highlight: !idsOnly, IDsOnly: idsOnly})
		if err != nil {
			return nil, err
		}
	}
	var vec []index.Neighbor
	if q.Mode != vitae.ModeKeyword {
		vec, err = s.vectorSearch(ctx, q.Text, k, q.Filters)
		if err != nil {
			if ctx.Err() != nil {
				return nil, vitae.Wrap(vitae.ETIMEOUT, err, "search timed out")
			}
			res.Degraded, res.DegradedReason = true, degradedReason(err)
			s.opts.Logger.Warn("semantic search degraded to keyword", "error", err)
			if lex == nil || q.Mode == vitae.ModeSemantic {
				lex, err = s.st.Lexical(ctx, index.LexicalRequest{Text: q.Text, Filters: q.Filters, Size: k, Highlight: true})
				if err != nil {
					return nil, err
				}
				idsOnly, deep = false, false
			}
			q.Mode = vitae.ModeKeyword
		}
	}
	var lexHits, facetHits []index.LexicalHit
	if lex != nil {
		lexHits = lex.Hits
	}
	if deep {
		// Fuse (normalise scores over) just the page, as without facets.
		facetHits, lexHits = lexHits, lexHits[:min(need, len(lexHits))]
	}
	ratio := q.SemanticRatio
	switch q.Mode {
	case vitae.ModeKeyword:
		ratio = 0
	case vitae.ModeSemantic:
		ratio = 1
	}
	fused := fuse(lexHits, vec, q.Fusion, ratio, q.RankConstant)
	if q.Facets {
		if res.Facets, err = s.facets(fused, facetHits); err != nil {
			return nil, err
		}
	}
	withFields := lexHits
	if idsOnly {
		withFields = nil // hydrate loads the shown bullets from the records
	}
	if q.GroupBy == "" {
		// Only the page is shown: load and highlight just its bullets.
		res.Total = len(fused)
		fused = fused[min(q.Offset, len(fused)):min(q.Offset+q.Limit, len(fused))]
	}
	hits, err := s.hydrate(q.Text, fused, withFields)
	if err != nil {
		return nil, err
	}
	if q.GroupBy == "candidate" {
		res.Total = len(hits)
		res.Candidates = group(hits, q.Offset, q.Limit)
		res.Hits = page(hits, q.Offset, q.Limit)
	} else {
		res.Hits = hits
	}
	if q.Mode == vitae.ModeKeyword && lex != nil {
		res.Total = max(lex.Total, res.Total)
	}
	if !q.Explain {
		for i := range res.Hits {
			res.Hits[i].Details = nil
		}
		for c := range res.Candidates {
			for i := range res.Candidates[c].Hits {
				res.Candidates[c].Hits[i].Details = nil
			}
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

func degradedReason(err error) string {
	switch vitae.ErrorCode(err) {
	case vitae.EUNAVAILABLE:
		return "embedding provider unavailable: " + vitae.ErrorMessage(err)
	}
	return vitae.ErrorMessage(err)
}

// vectorSearch embeds the query and finds its nearest bullets.
func (s *Engine) vectorSearch(ctx context.Context, text string, k int, f vitae.Filters) ([]index.Neighbor, error) {
	if s.emb == nil {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "no embedder configured")
	}
	if m := s.st.VectorModel(); m == "" {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "no vectors indexed yet")
	} else if m != s.emb.Model() {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "vectors are being rebuilt for model %s", s.emb.Model())
	}
	vecs, err := s.emb.Embed(ctx, []string{text}, vitae.InputQuery)
	if err != nil {
		return nil, err
	}
	if len(vecs) != 1 {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "embedder returned %d vectors for one query", len(vecs))
	}
	return s.st.Nearest(ctx, vecs[0], k, f)
}

// hydrate turns fused IDs into hits with bullets, highlights and details.
func (s *Engine) hydrate(query string, fused []fusedHit, lex []index.LexicalHit) ([]vitae.Hit, error) {
	byID := make(map[string]index.LexicalHit, len(lex))
	for _, h := range lex {
		byID[h.Bullet.ID] = h
	}
	var missing []string
	for _, f := range fused {
		if _, ok := byID[f.id]; !ok {
			missing = append(missing, f.id)
		}
	}
	stored, err := s.st.Bullets(missing)
	if err != nil {
		return nil, fmt.Errorf("load bullets: %w", err)
	}
	hits := make([]vitae.Hit, 0, len(fused))
	for _, f := range fused {
		var h vitae.Hit
		if lh, ok := byID[f.id]; ok {
			h = vitae.Hit{Bullet: lh.Bullet, Highlights: lh.Highlights, MatchedTerms: lh.MatchedTerms}
		} else if b, ok := stored[f.id]; ok {
			h = vitae.Hit{Bullet: b}
			h.Highlights, h.MatchedTerms = index.Highlight(query, b.Text)
		} else {
			continue // deleted between retrieval and hydration
		}
		d := f.details
		h.Score = d.Fused
		h.Details = &d
		hits = append(hits, h)
	}
	return hits, nil
}

func page(hits []vitae.Hit, offset, limit int) []vitae.Hit {
	if offset >= len(hits) {
		return []vitae.Hit{}
	}
	return hits[offset:min(offset+limit, len(hits))]
}

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
		return nil, err
	}
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
