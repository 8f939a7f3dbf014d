package search

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/ingest"
	"vitae/lexicon"
)

// Options configure an Engine; zero values take the defaults.
type Options struct {
	Mode          vitae.Mode   // default hybrid
	SemanticRatio float64      // default 0.5
	Fusion        vitae.Fusion // default weighted
	RankConstant  int          // default 60
	Candidates    int          // per retriever; default 100
	// KeywordDepth is how many keyword hits a hybrid search fuses (never
	// fewer than the page's end, never more than Candidates); default
	// Candidates. The keyword walk's
	// cost at 1M grows with it (BENCHMARKS.md, "1M, stop 16").
	KeywordDepth int
	// CommonShare is the share of the bullets above which a term of a
	// batch's query (SearchBatch: a job's requirements) of more than 10
	// terms brings no bullet to its keyword side, only scores those its
	// other terms bring (index.LexicalRequest.CommonShare); default
	// DefaultCommonShare, negative: every term brings its bullets.
	// Search ignores it.
	CommonShare float64
	FacetDepth  int // ranked results that facets count; default 200
	MaxLimit    int // default 100
	// GroupDepth is how many ranked bullets a search grouped by
	// candidate groups; default 500. Only the page's people are loaded
	// and highlighted, so its cost is the retrieval's and the rerank's.
	GroupDepth  int
	MaxQueryLen int // characters; default 1000
	// RerankDepth is how many fused candidates the hybrid and semantic
	// rankings score with every signal (and collapse, and hold to the
	// relevance floor); default 30 (their cost grows with it: 50 costs
	// ~20% more CPU per hybrid search for +0.002 nDCG@10 on a first page
	// of 10, docs/quality.md), and never less than the page's end.
	RerankDepth int
	Weights     Weights // default DefaultWeights
	// Normalization of weighted fusion; default NormalizeMinMax.
	Normalization Normalization
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
	if o.Normalization == "" {
		o.Normalization = NormalizeMinMax
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
	if o.GroupDepth <= 0 {
		o.GroupDepth = 500
	}
	if o.CommonShare == 0 {
		o.CommonShare = DefaultCommonShare
	}
	if o.KeywordDepth <= 0 {
		o.KeywordDepth = o.Candidates
	}
	if o.FacetDepth <= 0 {
		o.FacetDepth = 200
	}
	if o.MaxQueryLen <= 0 {
		o.MaxQueryLen = 1000
	}
	if o.RerankDepth <= 0 {
		o.RerankDepth = 30
	}
	if o.Weights == (Weights{}) {
		o.Weights = DefaultWeights
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// DefaultCommonShare is Options.CommonShare's default: at 1M it takes a
// requirement's keyword walk to about 0.7× of its CPU, the jobs-dev and
// jobs-train requirement rankings within 0.002 nDCG@10 (BENCHMARKS.md,
// "1M, stop 16").
const DefaultCommonShare = 0.02

// Engine implements vitae.Searcher over an index and an embedder.
type Engine struct {
	st   Store
	emb  vitae.Embedder // nil: keyword only
	opts Options
	ver  versionCache // the index version until the next write
}

var _ vitae.Searcher = (*Engine)(nil)

// New returns an Engine over a store; e may be nil for keyword-only
// search.
func New(st Store, e vitae.Embedder, opts Options) *Engine {
	return &Engine{st: st, emb: e, opts: opts.withDefaults()}
}

// Embedder is the model the engine embeds queries with; nil for a
// keyword-only engine. Matching reads role titles with it.
func (s *Engine) Embedder() vitae.Embedder { return s.emb }

// normalize validates q and fills its defaults.
func (s *Engine) normalize(q vitae.Query) (vitae.Query, error) {
	q.Text = strings.TrimSpace(q.Text)
	switch {
	case q.Text == "":
		return q, vitae.Errorf(vitae.EINVALID, "query is empty")
	case utf8.RuneCountInString(q.Text) > s.opts.MaxQueryLen:
		return q, vitae.TooLong("query", s.opts.MaxQueryLen, "characters")
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
		q.Limit = DefaultLimit
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
	p, err := s.prepare(q)
	if err != nil {
		return nil, err
	}
	var vec []float32
	res, err := s.run(ctx, p, runOptions{vecOut: &vec})
	if err != nil {
		return nil, err
	}
	if res.Total == 0 && !p.q.Filters.Empty() {
		if n, err := s.countWithoutFilters(ctx, p, vec, res.Degraded, start); err != nil {
			// The answer stands without the count.
			s.opts.Logger.Warn("count without filters failed", "error", err)
		} else {
			res.BulletsWithoutFilters = &n
		}
	}
	v, err := s.Versions()
	if err != nil {
		return nil, err
	}
	res.IndexVersion, res.ModelVersion = v.Index, v.Model
	res.Took = time.Since(start)
	return res, nil
}

// prepared is a validated query with its syntax read.
type prepared struct {
	q   vitae.Query
	syn Syntax
}

// prepare validates q, fills its defaults and reads its syntax.
func (s *Engine) prepare(q vitae.Query) (prepared, error) {
	q, err := s.normalize(q)
	if err != nil {
		return prepared{}, err
	}
	syn := Syntax{Text: q.Text}
	if !q.Literal {
		syn = ParseSyntax(q.Text)
		if err := syn.checkFilters(); err != nil {
			return prepared{}, err
		}
		if err := syn.checkWords(q.Text); err != nil {
			return prepared{}, err
		}
	}
	q.Filters = syn.Merge(q.Filters)
	q.Filters.Skill = skillNames(q.Filters.Skill)
	// What the keyword side would refuse is refused here, before a hybrid
	// search's vector side pays an embed call (whose provider, if slow,
	// would turn the EINVALID into an ETIMEOUT) and logs a degradation.
	if _, _, err := vitae.Window(q.Filters.Since, q.Filters.Until); err != nil {
		return prepared{}, err
	}
	for _, f := range []struct {
		field  string
		values []string
	}{{"company", q.Filters.Company}, {"role", q.Filters.Role}, {"person", q.Filters.Person}} {
		if _, err := index.WordKeys(f.field, f.values); err != nil {
			return prepared{}, err // "role:--": no words to match by
		}
	}
	if q.Mode == vitae.ModeHybrid && len(index.Terms(syn.Text)) > index.MaxQueryTerms {
		return prepared{}, vitae.TooLong("query", index.MaxQueryTerms, "terms")
	}
	return prepared{q: q, syn: syn}, nil
}

// skillNames adds to each skill filter value the lexicon's name for it:
// indexing stores a skill by that name ("Golang" as Go, "Postgres" as
// PostgreSQL), so a filter by the résumé's own word found nothing.
func skillNames(values []string) []string {
	out := slices.Clone(values)
	for _, v := range values {
		if g, ok := lexicon.Default().Lookup(v); ok && g.Kind == "skill" && !strings.EqualFold(g.Canonical, strings.TrimSpace(v)) {
			out = append(out, g.Canonical)
		}
	}
	return out
}

// countWithoutFilters is the Total of p's query without its filters, as
// a list of bullets in p's mode (keyword mode when p's search degraded to
// it), found the cheapest way run has: one hit, no facets, highlights or
// reasons, and the query vector p's search embedded (vec; nil in keyword
// mode or when it degraded). It shares the search's timeout, counted
// from start.
func (s *Engine) countWithoutFilters(ctx context.Context, p prepared, vec []float32, degraded bool, start time.Time) (int, error) {
	if s.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, start.Add(s.opts.Timeout))
		defer cancel()
	}
	q := p.q
	q.Filters = vitae.Filters{}
	q.Limit, q.Offset, q.GroupBy = 1, 0, ""
	q.Facets, q.Explain = false, false
	o := runOptions{bare: true}
	switch {
	case degraded:
		q.Mode = vitae.ModeKeyword
	case q.Mode != vitae.ModeKeyword:
		if vec == nil {
			return 0, fmt.Errorf("no query vector to count with")
		}
		o.embedded, o.vec = true, vec
	}
	res, err := s.run(ctx, prepared{q: q, syn: p.syn}, o)
	if err != nil {
		return 0, err
	}
	if res.Degraded {
		return 0, fmt.Errorf("count degraded: %s", res.DegradedReason)
	}
	return res.Total, nil
}

// runOptions let a batch (batch.go) share work between its queries.
type runOptions struct {
	// embedded: vec (or vecErr) is the query's vector, embedded with the
	// batch's other queries; otherwise run embeds the query itself.
	embedded bool
	vec      []float32
	vecErr   error
	// bare hits carry the bullet, score and details only: no highlights,
	// reasons or copies (a caller that reads the ranking, not the page).
	bare bool
	// signals, when set, receives the signals of the reranked candidates.
	signals *[]Signals
	// commonShare: Options.CommonShare, in a batch.
	commonShare float64
	// vecOut, when set, receives the query vector run embedded (Search
	// counts without filters with it).
	vecOut *[]float32
}

// run answers a prepared query, without the versions.
func (s *Engine) run(ctx context.Context, p prepared, o runOptions) (*vitae.Results, error) {
	q, syn := p.q, p.syn
	text := syn.Text // what retrieval, ranking and highlights read
	var err error
	if s.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opts.Timeout)
		defer cancel()
	}
	need := q.Offset + q.Limit
	if q.GroupBy == "candidate" {
		// Group over a wider pool, the same for every page: the
		// candidates, and their count, do not change with the page. It
		// is deeper than a list's: people whose matching bullets rank
		// past the first hundred are candidates too (tryout).
		need = s.opts.GroupDepth
	}
	k := max(s.opts.Candidates, need)
	// The meaning side of a list of bullets is the Candidates nearest
	// bullets whatever the page: every page then ranks, counts and lists
	// the same meaning matches (a pool that grew with the page's end gave
	// each page another total).
	vk := k
	if q.GroupBy == "" {
		vk = s.opts.Candidates
	}
	res := &vitae.Results{}

	// The vector side goes first: whether it answers decides whether the
	// keyword side must count its total (a search that degrades reports
	// keyword mode's), so the keyword side walks once either way.
	var vec []index.Neighbor
	var vecErr error
	if q.Mode != vitae.ModeKeyword {
		if vec, vecErr = s.vectorSearch(ctx, text, vk, q.Filters, o); vecErr != nil {
			if ctx.Err() != nil {
				return nil, vitae.Wrap(vitae.ETIMEOUT, vecErr, "search timed out")
			}
			res.Degraded, res.DegradedReason = true, degradedReason(vecErr)
		}
	}
	var lex *index.LexicalResult
	idsOnly := false // lex hits carry IDs and scores only
	deep := false    // lex hits reach past the page only for facets
	if q.Mode != vitae.ModeSemantic {
		size := k
		if q.Mode == vitae.ModeHybrid && q.GroupBy == "" {
			size = max(min(s.opts.KeywordDepth, k), need)
		}
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
		// Bare hits load their bullets from the store too.
		// A grouped answer hydrates only its page's people.
		idsOnly = q.GroupBy != "" || q.Mode != vitae.ModeKeyword || deep || o.bare
		lex, err = s.st.Lexical(ctx, index.LexicalRequest{Text: text, Phrases: syn.Phrases, Exclude: syn.Exclude, Filters: q.Filters, Size: size, Highlight: !idsOnly, IDsOnly: idsOnly, CommonShare: o.commonShare,
			// A list of bullets counts the keyword matches (see total);
			// a grouped answer counts its candidates.
			NoTotal: q.GroupBy != ""})
		if err != nil {
			return nil, err
		}
	}
	if vecErr != nil {
		if q.Mode == vitae.ModeSemantic {
			lex, err = s.st.Lexical(ctx, index.LexicalRequest{Text: text, Phrases: syn.Phrases, Exclude: syn.Exclude, Filters: q.Filters, Size: k, Highlight: true, CommonShare: o.commonShare})
			if err != nil {
				return nil, err
			}
		}
		// Warned once the keyword side answered: a search that fails
		// anyway did not degrade.
		s.opts.Logger.Warn("semantic search degraded to keyword", "error", vecErr)
		q.Mode = vitae.ModeKeyword
	}
	var lexHits, facetHits []index.LexicalHit
	if lex != nil {
		lexHits = lex.Hits
	}
	if deep {
		// Fuse (normalise scores over) just the page, as without facets.
		facetHits, lexHits = lexHits, lexHits[:min(need, len(lexHits))]
	}
	ratio := modeRatio(q)
	bufs := getRunBufs()
	defer bufs.release() // after the answer is built: it copies from them
	fused := fuseInto(bufs, lexHits, vec, q.Fusion, s.opts.Normalization, ratio, q.RankConstant)
	// A list of bullets reranks the same head whatever the page: a head
	// that grew with the page's end ordered each page's bullets anew, so
	// paging showed some twice and others never (tryout). Past the head
	// the fused order holds. A batch and a grouped answer read their whole
	// pool at once and rerank it all.
	depth := s.opts.RerankDepth
	if o.bare || q.GroupBy != "" {
		depth = max(depth, need)
	}
	rs, err := s.rerank(bufs, q.Mode, q.SemanticRatio, syn, depth, o.signals != nil, lexHits, vec, fused)
	if err != nil {
		return nil, err
	}
	if o.signals != nil {
		for _, r := range rs {
			if r.sig != nil {
				*o.signals = append(*o.signals, *r.sig)
			}
		}
	}
	var dups map[string][]vitae.Duplicate
	total := 0 // of a list of bullets; counted before folding, see total
	if q.GroupBy == "" {
		total = s.total(q.Mode, text, lex, rs)
	}
	// Copies fold in a list of bullets; grouped by candidate, each person
	// keeps their own. Keyword mode lists every copy: it reads only the
	// hits up to the page's end, so folding there would make each page
	// fold another window (hits lost between pages, a total per page).
	if q.Mode != vitae.ModeKeyword && !q.KeepDuplicates && q.GroupBy == "" {
		rs, dups = collapse(rs)
	}
	rs, res.NoMatch = floor(rs, q.Mode)
	fused = fused[:0]
	for _, r := range rs {
		fused = append(fused, r.fusedHit)
	}
	if q.Facets {
		if res.Facets, err = s.facets(fused, facetHits); err != nil {
			return nil, err
		}
	}
	withFields := lexHits
	if idsOnly {
		withFields = nil // hydrate loads the shown bullets from the records
	}
	if q.GroupBy == "candidate" {
		if err := s.groupPage(res, text, rs, dups, q.Offset, q.Limit); err != nil {
			return nil, err
		}
		return s.finish(res, q), nil
	}
	res.Total = total
	switch q.Mode {
	case vitae.ModeKeyword:
		res.Total = max(total, len(fused))
	case vitae.ModeSemantic:
		// Its whole pool was read: the list is the same on every page.
		res.Total = len(fused)
	}
	// Only the page is shown: load and highlight just its bullets.
	fused = fused[min(q.Offset, len(fused)):min(q.Offset+q.Limit, len(fused))]
	var hits []vitae.Hit
	var texts []index.Analyzed
	if o.bare {
		hits, err = s.bareHits(fused)
	} else {
		hits, texts, err = s.hydrate(text, fused, withFields, rs)
	}
	if err != nil {
		return nil, err
	}
	if !o.bare {
		s.explain(hits, texts, rs, dups)
	}
	res.Hits = hits
	return s.finish(res, q), nil
}

// finish applies what every answer shares: no match counts nothing, and
// the score details are shown only when asked for.
func (s *Engine) finish(res *vitae.Results, q vitae.Query) *vitae.Results {
	if res.NoMatch {
		res.Total = 0
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
	return res
}

// groupPage groups the ranked list by candidate and loads and highlights
// only what the page shows: its people's bullets and the page of
// bullets. The total counts the people of the whole list.
func (s *Engine) groupPage(res *vitae.Results, text string, rs []ranked, dups map[string][]vitae.Duplicate, offset, limit int) error {
	owner, err := s.owners(rs)
	if err != nil {
		return err
	}
	ps := people(rs, owner)
	res.Total = len(ps)
	ps = ps[min(offset, len(ps)):min(offset+limit, len(ps))]
	shown := make(map[int]bool)
	for i := min(offset, len(rs)); i < min(offset+limit, len(rs)); i++ {
		shown[i] = true
	}
	for _, p := range ps {
		for _, i := range p.at {
			shown[i] = true
		}
	}
	at := make([]int, 0, len(shown))
	for i := range shown {
		at = append(at, i)
	}
	slices.Sort(at)
	sub := make([]fusedHit, len(at))
	for k, i := range at {
		sub[k] = rs[i].fusedHit
	}
	hits, texts, err := s.hydrate(text, sub, nil, rs)
	if err != nil {
		return err
	}
	s.explain(hits, texts, rs, dups)
	byID := make(map[string]vitae.Hit, len(hits))
	for _, h := range hits {
		byID[h.ID] = h
	}
	res.Candidates = make([]vitae.Candidate, 0, len(ps))
	for _, p := range ps {
		c := vitae.Candidate{ResumeID: p.id, Score: p.score}
		for _, i := range p.at {
			if h, ok := byID[rs[i].id]; ok { // gone if deleted since retrieval
				c.Hits = append(c.Hits, h)
			}
		}
		if len(c.Hits) == 0 {
			continue
		}
		c.Person = c.Hits[0].Person
		res.Candidates = append(res.Candidates, c)
	}
	s.nameCandidates(res.Candidates)
	res.Hits = []vitae.Hit{}
	for i := min(offset, len(rs)); i < min(offset+limit, len(rs)); i++ {
		if h, ok := byID[rs[i].id]; ok {
			res.Hits = append(res.Hits, h)
		}
	}
	return nil
}

// nameCandidates names candidates as the pages do
// (vitae.Resume.DisplayName): a résumé whose file gives no name goes by
// its latest role · company. Only a candidate whose bullets carry no
// name of its own (none, the ID, or the name ingest makes of the ID) has
// its résumé read; one deleted since retrieval, or whose record cannot
// be read now (a Weaviate cluster short of a quorum), keeps its bullets'
// name: a name is no reason to fail the search.
func (s *Engine) nameCandidates(cs []vitae.Candidate) {
	for i, c := range cs {
		if c.Person != "" && c.Person != c.ResumeID && c.Person != ingest.PersonFromStem(c.ResumeID) {
			continue
		}
		r, err := s.st.Resume(c.ResumeID)
		if err != nil {
			if vitae.ErrorCode(err) != vitae.ENOTFOUND {
				s.opts.Logger.Warn("search: candidate keeps its bullets' name", "resume_id", c.ResumeID, "err", err)
			}
			continue
		}
		cs[i].Person = r.DisplayName()
	}
}

// owners maps each ranked bullet to its résumé: the reranked head's
// bullets are loaded already, the rest are read from the store.
func (s *Engine) owners(rs []ranked) (map[string]string, error) {
	out := make(map[string]string, len(rs))
	var missing []string
	for _, r := range rs {
		if r.bullet != nil && r.bullet.ID == r.id {
			out[r.id] = r.bullet.ResumeID
		} else {
			missing = append(missing, r.id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	bs, err := s.st.Bullets(missing)
	if err != nil {
		return nil, fmt.Errorf("load bullets: %w", err)
	}
	for id, b := range bs {
		out[id] = b.ResumeID
	}
	return out, nil
}

// total is how many bullets a list of bullets counts, the same on every
// page (rs is the ranked list before folding and the floor):
//
//   - keyword: every bullet the keyword query matches (the index's count,
//     under the query's filters and syntax); keyword mode lists every copy;
//   - hybrid: those keyword matches, plus the bullets that match by
//     meaning alone: among the Options.Candidates nearest bullets, those
//     that pass the relevance floor and share no word with the query.
//     Copies of a text count each: the list shows one, the others under
//     it (folding depends on how deep the page reaches, the count must
//     not);
//   - semantic: the Options.Candidates nearest bullets that pass the
//     relevance floor (semantic mode lists no others); run subtracts the
//     copies it folded, as it reads the whole pool on every page.
func (s *Engine) total(mode vitae.Mode, text string, lex *index.LexicalResult, rs []ranked) int {
	if mode == vitae.ModeKeyword && lex != nil {
		return lex.Total
	}
	n := 0
	var stems index.Stems
	for _, r := range rs {
		switch {
		case !r.match:
		case mode == vitae.ModeSemantic || r.details.KeywordRank == 0 && lex == nil:
			n++
		case r.details.KeywordRank == 0 && r.bullet != nil:
			if stems == nil {
				stems = index.QueryStems(text)
			}
			// A keyword match deeper than the keyword hits fetched is
			// in the index's count already.
			if _, terms := index.Analyze(r.bullet.Text).Mark(stems); len(terms) == 0 {
				n++
			}
		}
	}
	if lex != nil {
		n += lex.Total
	}
	return n
}

func degradedReason(err error) string {
	switch vitae.ErrorCode(err) {
	case vitae.EUNAVAILABLE:
		return "embedding provider unavailable: " + vitae.ErrorMessage(err)
	}
	return vitae.ErrorMessage(err)
}

// vectorSearch finds the query's nearest bullets, embedding it unless
// the batch it belongs to did.
func (s *Engine) vectorSearch(ctx context.Context, text string, k int, f vitae.Filters, o runOptions) ([]index.Neighbor, error) {
	vec, err := o.vec, o.vecErr
	if !o.embedded {
		var vecs [][]float32
		if vecs, err = s.embedQueries(ctx, []string{text}); err == nil {
			vec = vecs[0]
			if o.vecOut != nil {
				*o.vecOut = vec
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return s.st.Nearest(ctx, vec, k, f)
}

// embedQueries embeds query texts in one call, when the stored vectors
// are of the embedder's model.
func (s *Engine) embedQueries(ctx context.Context, texts []string) ([][]float32, error) {
	if s.emb == nil {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "no embedder configured")
	}
	if m := s.st.VectorModel(); m == "" {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "no vectors indexed yet")
	} else if m != s.emb.Model() {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "vectors are being rebuilt for model %s", s.emb.Model())
	}
	vecs, err := s.emb.Embed(ctx, texts, vitae.InputQuery)
	if err != nil {
		return nil, err
	}
	if len(vecs) != len(texts) {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "embedder returned %d vectors for %d queries", len(vecs), len(texts))
	}
	return vecs, nil
}

// hydrate turns fused IDs into hits with bullets, highlights and details,
// and the texts it analysed to highlight them (by hit; explain marks its
// reasons in them). A bullet comes from the keyword hits that carry it,
// else from the reranked head that loaded it, else from the store.
func (s *Engine) hydrate(query string, fused []fusedHit, lex []index.LexicalHit, rs []ranked) ([]vitae.Hit, []index.Analyzed, error) {
	byID := make(map[string]index.LexicalHit, len(lex))
	for _, h := range lex {
		byID[h.Bullet.ID] = h
	}
	loaded := make(map[string]vitae.Bullet, len(fused))
	for _, f := range fused {
		if _, ok := byID[f.id]; !ok {
			loaded[f.id] = vitae.Bullet{}
		}
	}
	for i := 0; i < len(rs) && len(loaded) > 0; i++ {
		if r := &rs[i]; r.bullet != nil && r.bullet.ID == r.id {
			if _, ok := loaded[r.id]; ok {
				loaded[r.id] = *r.bullet
			}
		}
	}
	var missing []string
	for _, f := range fused {
		if b, ok := loaded[f.id]; ok && b.ID == "" {
			missing = append(missing, f.id)
		}
	}
	if len(missing) > 0 {
		stored, err := s.st.Bullets(missing)
		if err != nil {
			return nil, nil, fmt.Errorf("load bullets: %w", err)
		}
		for id, b := range stored {
			loaded[id] = b
		}
	}
	var stems index.Stems
	hits := make([]vitae.Hit, 0, len(fused))
	texts := make([]index.Analyzed, 0, len(fused))
	for _, f := range fused {
		var h vitae.Hit
		var text index.Analyzed
		if lh, ok := byID[f.id]; ok {
			h = vitae.Hit{Bullet: lh.Bullet, Highlights: lh.Highlights, MatchedTerms: lh.MatchedTerms}
		} else if b := loaded[f.id]; b.ID != "" {
			if stems == nil {
				stems = index.QueryStems(query)
			}
			h, text = vitae.Hit{Bullet: b}, index.Analyze(b.Text)
			h.Highlights, h.MatchedTerms = text.Mark(stems)
		} else {
			continue // deleted between retrieval and hydration
		}
		d := f.details
		h.Score = d.Fused
		h.Details = &d
		hits = append(hits, h)
		texts = append(texts, text)
	}
	return hits, texts, nil
}

func page(hits []vitae.Hit, offset, limit int) []vitae.Hit {
	if offset >= len(hits) {
		return []vitae.Hit{}
	}
	return hits[offset:min(offset+limit, len(hits))]
}
