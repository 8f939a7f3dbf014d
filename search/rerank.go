package search

import (
	"math"
	"slices"
	"sort"
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
// eval/queries.jsonl (`vitae eval --tune`); the held-out split was not
// looked at. Role and Full are off: on train they add 0.017 nDCG@10
// (Role 0.5, Full 1.0, gains on both halves of train), but on the
// held-out split they put achievement queries below keyword
// (docs/quality.md), so they wait for more queries to learn from.
var DefaultWeights = Weights{Keyword: 0.45, Vector: 0.45, Soft: 1.15, Parts: 0.35}

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
	soft, parts float64
	reasons     []vitae.Reason
	bullet      vitae.Bullet // loaded for the reranked head only
	match       bool         // passes the relevance floor
	banned      bool         // a meaning match the query's syntax rules out
}

// rerank orders the first depth fused candidates by the weighted signals
// and applies the relevance floor to them; candidates past depth keep
// their fused order after them. Keyword mode is returned as it is.
func (s *Engine) rerank(mode vitae.Mode, ratio float64, syn Syntax, depth int, lex []index.LexicalHit, vec []index.Neighbor, fused []fusedHit) ([]ranked, error) {
	out := make([]ranked, len(fused))
	for i, f := range fused {
		out[i] = ranked{fusedHit: f, match: true}
	}
	if mode == vitae.ModeKeyword || len(fused) == 0 {
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
	for i := range head {
		h := &head[i]
		h.bullet = bullets[h.id]
		if h.details.KeywordRank == 0 && !syn.Keeps(h.bullet.Text) {
			h.banned = true // bleve applied the syntax to keyword hits; this came by meaning
			continue
		}
		words := lexicon.Tokenize(h.bullet.Text)
		c := u.coverWords(words)
		h.parts, h.reasons = c.Score, c.Reasons
		var soft []vitae.Reason
		h.soft, soft = u.softWords(words)
		h.reasons = mergeReasons(h.reasons, soft)
		d := &h.details
		var score float64
		if d.KeywordRank > 0 && kmax > 0 {
			score += w.Keyword * d.Keyword / kmax
		}
		if d.VectorRank > 0 {
			score += w.Vector * norm(d.Vector, vlo, vhi)
		}
		score += w.Soft*h.soft + w.Parts*h.parts
		if w.Role > 0 && h.bullet.Role != "" {
			r, _ := u.Soft(h.bullet.Role) // no reasons: the hit's text does not say them
			score += w.Role * r
		}
		if w.Full > 0 && fullCover(u.Parts, c.PerPart) {
			score += w.Full
		}
		d.Fused, d.Soft, d.Parts = score, math.Round(h.soft*1000)/1000, math.Round(h.parts*1000)/1000
		h.match = d.KeywordRank > 0 || h.soft >= matchFloor || h.parts >= matchFloor
	}
	head = slices.DeleteFunc(head, func(r ranked) bool { return r.banned })
	out = append(head, out[depth:]...)
	depth = len(head)
	sort.SliceStable(head, func(a, b int) bool {
		if head[a].match != head[b].match {
			return head[a].match
		}
		if head[a].details.Fused != head[b].details.Fused {
			return head[a].details.Fused > head[b].details.Fused
		}
		return head[a].id < head[b].id
	})
	// Past the reranked head, only keyword matches are sure to be matches.
	for i := depth; i < len(out); i++ {
		out[i].match = out[i].details.KeywordRank > 0
	}
	return out, nil
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
	for id, b := range bs {
		out[id] = b
	}
	return out, nil
}

// mergeReasons joins reason lists, one per (query word, matched word).
func mergeReasons(a, b []vitae.Reason) []vitae.Reason {
	seen := make(map[[2]string]bool, len(a)+len(b))
	var out []vitae.Reason
	for _, r := range append(a, b...) {
		k := [2]string{strings.ToLower(r.Query), strings.ToLower(r.Matched)}
		if seen[k] {
			continue
		}
		seen[k] = true
		if strings.EqualFold(r.Query, r.Matched) {
			r.Via = vitae.ViaExact
		}
		out = append(out, r)
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
		key := foldSpace(r.bullet.Text)
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
		var exact []vitae.Reason
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
