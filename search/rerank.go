package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/lexicon"
)

// Weights are the hybrid and semantic rankings' weights of their signals
// (docs/quality.md has the formula and how they were learnt):
//
//	score = Keyword·bm25/max(bm25) + Vector·minmax(cosine) + Soft·soft + Parts·parts
//	        + Role·soft(role title) + Full·[every meaningful part covered]
//
// A query's semantic_ratio r scales the first two by 2(1−r) and 2r (0.5,
// the default, leaves them as learnt). Semantic mode leaves the keyword
// term out. Keyword mode is BM25 alone.
type Weights struct {
	Keyword float64 `json:"keyword"`
	Vector  float64 `json:"vector"`
	Soft    float64 `json:"soft"`  // query words said in the same or a similar word (base model)
	Parts   float64 `json:"parts"` // query parts covered, via the lexicon (Understand)
	Role    float64 `json:"role"`  // query words said by the bullet's role title (soft)
	Full    float64 `json:"full"`  // every part of the query that carries meaning covered (fullCover)
}

// DefaultWeights were learnt by coordinate ascent on the train split of
// eval/queries.jsonl; the held-out split was not looked at. Role and Full
// are off: they add nDCG@10 on train, but every setting with them measured
// so far puts held-out achievement queries at or below keyword
// (docs/quality.md).
var DefaultWeights = Weights{Keyword: 0.45, Vector: 0.45, Soft: 1.15, Parts: 0.35}

// LearnedWeights are a linear pairwise ranker (RankNet with a linear
// score, L2 0.01) fitted on the reranked candidates of the train split
// (`vitae eval --tune`), for z-score fusion (NormalizeZScore); the
// signals, λ and the normalisation were chosen by cross-validation by
// query inside train. They raise train nDCG@10 (0.511 → 0.525) but, held
// out, rank below the default (1.14× keyword against 1.17×) and put
// achievement queries under keyword (docs/quality.md), so they are only
// picked by `search.ranking: learned`.
var LearnedWeights = Weights{Keyword: 1.18, Vector: 1.13, Soft: 1.27, Parts: 1.31, Role: 0.37, Full: 0.57}

// WeightNames name the signals in the order of Weights.Values and
// Signals.Values.
var WeightNames = []string{"keyword", "vector", "soft", "parts", "role", "full"}

// Values lists the weights in the order of WeightNames.
func (w Weights) Values() []float64 {
	return []float64{w.Keyword, w.Vector, w.Soft, w.Parts, w.Role, w.Full}
}

// WeightsOf is the inverse of Values.
func WeightsOf(v []float64) Weights {
	return Weights{Keyword: v[0], Vector: v[1], Soft: v[2], Parts: v[3], Role: v[4], Full: v[5]}
}

// Signals are what the ranking reads of one reranked candidate, each
// in 0..1: the terms of the Weights formula before weighting.
type Signals struct {
	ID       string  `json:"id"`
	ResumeID string  `json:"resume_id"`
	Ref      string  `json:"ref"`
	Keyword  float64 `json:"keyword"` // bm25/max(bm25); 0 when not a keyword hit
	Vector   float64 `json:"vector"`  // minmax(cosine) over the vector hits; 0 when not one
	Soft     float64 `json:"soft"`
	Parts    float64 `json:"parts"`
	Role     float64 `json:"role"`
	Full     float64 `json:"full"` // 1 or 0
}

// Values lists the signals in the order of WeightNames.
func (x Signals) Values() []float64 {
	return []float64{x.Keyword, x.Vector, x.Soft, x.Parts, x.Role, x.Full}
}

// score is the formula above.
func (w Weights) score(x Signals) float64 {
	return w.Keyword*x.Keyword + w.Vector*x.Vector + w.Soft*x.Soft + w.Parts*x.Parts + w.Role*x.Role + w.Full*x.Full
}

// Relevance floor: a bullet with no keyword match must say at least this
// share of the query (soft or parts) to count as a match at all. Set on
// the train split: below it 16,201 judged-irrelevant bullets against 86
// partly or fully relevant ones.
const matchFloor = 0.3

// fullCover reports whether a bullet covers every part of the query that
// carries meaning (actions, objects, skills; not generic verbs or numbers).
func fullCover(parts []Part, per []float64) bool {
	n := 0
	for i, p := range parts {
		if p.Weight < weightAction {
			continue
		}
		n++
		if per[i] == 0 {
			return false
		}
	}
	return n > 1
}

// ranked is a fused candidate with the signals the final ranking reads.
type ranked struct {
	fusedHit
	sig     *Signals // set for the reranked head when asked for (all)
	reasons []vitae.Reason
	bullet  *vitae.Bullet // loaded for the reranked head only, else nil
	match   bool          // passes the relevance floor
	banned  bool          // a meaning match the query's syntax rules out
}

// rerank orders the first depth fused candidates by the weighted signals
// and applies the relevance floor to them; candidates past depth keep
// their fused order after them. Keyword mode is returned as it is.
// With all, every signal is computed, even those weighted 0.
// The ranked list is b's (rerank grows it).
func (s *Engine) rerank(b *runBufs, mode vitae.Mode, ratio float64, syn Syntax, depth int, all bool, lex []index.LexicalHit, vec []index.Neighbor, fused []fusedHit) ([]ranked, error) {
	out := slices.Grow(b.ranked[:0], len(fused))[:len(fused)]
	b.ranked = out // its used length for reset
	for i, f := range fused {
		out[i] = ranked{fusedHit: f, match: true}
	}
	if mode == vitae.ModeKeyword {
		return out, nil
	}
	if len(fused) == 0 {
		return out, nil
	}
	depth = min(len(out), depth)
	head := out[:depth]
	bullets, err := s.bullets(head, lex)
	if err != nil {
		return nil, err
	}
	// semantic_ratio keeps its meaning: 0.5 (the default) is the learnt
	// balance, towards 1 more meaning, towards 0 more keywords.
	w := s.opts.Weights
	w.Keyword *= 2 * (1 - ratio)
	w.Vector *= 2 * ratio
	if mode == vitae.ModeSemantic {
		w.Keyword = 0
	}
	var kmax float64
	for _, h := range lex {
		kmax = max(kmax, h.Score)
	}
	vlo, vhi := minMax(len(vec), func(i int) float64 { return float64(vec[i].Score) })
	base, _ := embed.Base()
	u := Understand(lexicon.Default(), base, syn.Text)
	// The head's bullets in one slice: a Bullet in every ranked hit
	// (~200 of them) was a third of a hybrid search's allocation.
	loaded := make([]vitae.Bullet, len(head))
	var sigs []Signals // only when asked for: they would double a ranked hit's size
	if all {
		sigs = make([]Signals, len(head))
	}
	for i := range head {
		h := &head[i]
		loaded[i] = bullets[h.id]
		h.bullet = &loaded[i]
		if h.details.KeywordRank == 0 && !syn.Keeps(h.bullet.Text) {
			h.banned = true // bleve applied the syntax to keyword hits; this came by meaning
			continue
		}
		words := lexicon.Tokenize(h.bullet.Text)
		c := u.coverWords(words)
		x := Signals{ID: h.id, ResumeID: h.bullet.ResumeID, Ref: h.bullet.Ref, Parts: c.Score}
		h.reasons = c.Reasons
		var soft []vitae.Reason
		x.Soft, soft = u.softWords(words)
		h.reasons = mergeReasons(h.reasons, soft)
		d := &h.details
		if d.KeywordRank > 0 && kmax > 0 {
			x.Keyword = d.Keyword / kmax
		}
		if d.VectorRank > 0 {
			x.Vector = norm(d.Vector, vlo, vhi)
		}
		if h.bullet.Role != "" && (w.Role != 0 || all) { // all: Signals, whatever the weights
			x.Role, _ = u.Soft(h.bullet.Role) // no reasons: the hit's text does not say them
		}
		if fullCover(u.Parts, c.PerPart) {
			x.Full = 1
		}
		if all {
			sigs[i] = x
			h.sig = &sigs[i]
		}
		d.Fused, d.Soft, d.Parts = w.score(x), math.Round(x.Soft*1000)/1000, math.Round(x.Parts*1000)/1000
		h.match = d.KeywordRank > 0 || x.Soft >= matchFloor || x.Parts >= matchFloor
	}
	head = slices.DeleteFunc(head, func(r ranked) bool { return r.banned })
	out = append(head, out[depth:]...)
	depth = len(head)
	// sort.SliceStable's algorithm and "less" calls (the same order),
	// without its reflection-based swaps.
	slices.SortStableFunc(head, func(a, b ranked) int {
		switch {
		case a.match != b.match:
			if a.match {
				return -1
			}
			return 1
		case a.details.Fused != b.details.Fused:
			if a.details.Fused > b.details.Fused {
				return -1
			}
			return 1
		}
		return strings.Compare(a.id, b.id)
	})
	// Past the reranked head keyword matches keep their fused order, and
	// so do the bullets that came by meaning alone and pass the floor:
	// the list is then the same set of matches whatever the page's end
	// (the head grows with it), and Engine.total counts that set.
	if err := s.floorTail(&u, syn, out[depth:]); err != nil {
		return nil, err
	}
	return out, nil
}

// floorTail applies the relevance floor to the ranked candidates past
// the reranked head: a keyword match passes; a bullet that came by
// meaning alone passes when it says enough of the query (soft or parts),
// as in the head, and its syntax allows it.
func (s *Engine) floorTail(u *Understanding, syn Syntax, tail []ranked) error {
	var ids []string
	for i := range tail {
		tail[i].match = tail[i].details.KeywordRank > 0
		if !tail[i].match {
			ids = append(ids, tail[i].id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	bs, err := s.st.Bullets(ids)
	if err != nil {
		return err
	}
	loaded := make([]vitae.Bullet, 0, len(ids)) // never grown: hits point into it
	for i := range tail {
		r := &tail[i]
		b, ok := bs[r.id]
		if r.match || !ok || !syn.Keeps(b.Text) {
			continue
		}
		words := lexicon.Tokenize(b.Text)
		soft, _ := u.softWords(words)
		r.match = soft >= matchFloor || u.coverWords(words).Score >= matchFloor
		if r.match {
			loaded = append(loaded, b)
			r.bullet = &loaded[len(loaded)-1]
		}
	}
	return nil
}

// bullets returns the candidates' bullets: from the keyword hits that
// carry them, the rest from the store.
func (s *Engine) bullets(head []ranked, lex []index.LexicalHit) (map[string]vitae.Bullet, error) {
	out := make(map[string]vitae.Bullet, len(head))
	for _, h := range lex {
		if h.Bullet.Text != "" {
			out[h.Bullet.ID] = h.Bullet
		}
	}
	var missing []string
	for _, h := range head {
		if _, ok := out[h.id]; !ok {
			missing = append(missing, h.id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	bs, err := s.st.Bullets(missing)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return bs, nil // hybrid's keyword hits carry IDs only: no second map
	}
	for id, b := range bs {
		out[id] = b
	}
	return out, nil
}

// mergeReasons joins reason lists, one per (query word, matched word).
// A hit has a handful of reasons: the pairs seen are scanned, not
// hashed, and the list is allocated once (a map and a growing list were
// 4% of a hybrid search's allocation).
func mergeReasons(a, b []vitae.Reason) []vitae.Reason {
	if len(a)+len(b) == 0 {
		return nil
	}
	var seenBuf [16][2]string
	seen := seenBuf[:0]
	out := make([]vitae.Reason, 0, len(a)+len(b))
	for _, rs := range [2][]vitae.Reason{a, b} {
	next:
		for _, r := range rs {
			k := [2]string{strings.ToLower(r.Query), strings.ToLower(r.Matched)}
			for _, s := range seen {
				if s == k {
					continue next
				}
			}
			seen = append(seen, k)
			if strings.EqualFold(r.Query, r.Matched) {
				r.Via = vitae.ViaExact
			}
			out = append(out, r)
		}
	}
	return out
}

// collapse folds hits whose text is the same (case and spacing aside)
// into the first: a copy from the same résumé goes, another person's copy
// is listed under it. The order of what stays is kept; hits whose bullet
// was not loaded (past the reranked head) stay as they are.
//
// It compacts rs in place (out never passes the hit being read): a
// copy of a ranked list of 200 cost more allocation than the search.
func collapse(rs []ranked) ([]ranked, map[string][]vitae.Duplicate) {
	first := map[string]int{}
	dups := map[string][]vitae.Duplicate{}
	out := rs[:0]
	for _, r := range rs {
		key := ""
		if r.bullet != nil {
			key = foldSpace(r.bullet.Text)
		}
		if key == "" {
			out = append(out, r)
			continue
		}
		if i, ok := first[key]; ok {
			keep := out[i]
			if r.bullet.ResumeID != keep.bullet.ResumeID {
				dups[keep.id] = append(dups[keep.id], vitae.Duplicate{ID: r.id, ResumeID: r.bullet.ResumeID, Person: r.bullet.Person})
			}
			continue
		}
		first[key] = len(out)
		out = append(out, r)
	}
	return out, dups
}

// foldSpace is strings.Join(strings.Fields(strings.ToLower(s)), " ") in
// one pass and one allocation: the key under which collapse finds copies.
func foldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// noMatchShown is how many of the closest bullets a query with no match
// shows, under "no bullet matches".
const noMatchShown = 5

// floor drops the bullets that do not pass the relevance floor. When none
// passes, it keeps the closest few and reports that nothing matched. It
// compacts rs in place; when none passes, nothing was moved.
func floor(rs []ranked, mode vitae.Mode) ([]ranked, bool) {
	if mode == vitae.ModeKeyword {
		return rs, false
	}
	out := rs[:0]
	for _, r := range rs {
		if r.match {
			out = append(out, r)
		}
	}
	if len(out) == 0 && len(rs) > 0 {
		return rs[:min(noMatchShown, len(rs))], true
	}
	return out, false
}

// explain adds to hydrated hits what the ranking found: the reasons they
// matched, with the hydrated highlights' terms as exact reasons, and the
// copies folded into them.
// texts are the hits' texts as hydrate analysed them (zero: not analysed).
func (s *Engine) explain(hits []vitae.Hit, texts []index.Analyzed, rs []ranked, dups map[string][]vitae.Duplicate) {
	byID := make(map[string]*ranked, len(rs))
	for i := range rs {
		byID[rs[i].id] = &rs[i]
	}
	for i := range hits {
		h := &hits[i]
		exact := make([]vitae.Reason, 0, len(h.MatchedTerms))
		for _, t := range h.MatchedTerms {
			exact = append(exact, reason(t, t, vitae.ViaExact))
		}
		h.Duplicates = dups[h.ID]
		r, ok := byID[h.ID]
		if !ok || len(r.reasons) == 0 {
			h.Reasons = mergeReasons(exact, nil)
			continue
		}
		h.Reasons = mergeReasons(exact, r.reasons)
		// Highlight what the reasons name, so a similar word ("headed"
		// for "led") is marked and a stray shared word is not.
		words := make([]string, len(h.Reasons))
		for k, rr := range h.Reasons {
			words[k] = rr.Matched
		}
		text := texts[i]
		if text.Text() != h.Text {
			text = index.Analyze(h.Text)
		}
		h.Highlights, h.MatchedTerms = text.Mark(index.QueryStems(strings.Join(words, " ")))
	}
}

// Signals runs q as Search does and returns the signals of the candidates
// its ranking scored (the hybrid or semantic head, before the relevance
// floor and the folding of copies): what `vitae eval --tune` learns the
// Weights from. Keyword mode scores nothing and returns none.
func (s *Engine) Signals(ctx context.Context, q vitae.Query) ([]Signals, error) {
	p, err := s.prepare(q)
	if err != nil {
		return nil, err
	}
	var out []Signals
	if _, err := s.run(ctx, p, runOptions{bare: true, signals: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// Weights are the weights the engine ranks with.
func (s *Engine) Weights() Weights { return s.opts.Weights }
