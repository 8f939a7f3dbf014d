package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/lexicon"
)

// Rank limits.
const (
	maxRankBullets = 1000
	maxRankChars   = 2000
)

// Rank scores caller-supplied bullets against a query without indexing
// them: BM25 weighed by the index's term statistics (rankKeyword), the
// same English analysis as the index, cosine similarity from the
// embedder, fused like Search's candidates (rankScores).
func (s *Engine) Rank(ctx context.Context, r RankRequest) (*RankResult, error) {
	q := vitae.Query{Text: r.Query, Mode: r.Mode, Limit: 1}
	if r.SemanticRatio != nil {
		q.SemanticRatio = *r.SemanticRatio
	} else {
		q.SemanticRatio = s.opts.SemanticRatio
	}
	q, err := s.normalize(q)
	if err != nil {
		return nil, err
	}
	if strings.IndexFunc(q.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		// As search refuses it: "!!!" ranked every bullet at 0.5.
		return nil, vitae.Errorf(vitae.EINVALID, "query %q has no words to rank by", q.Text)
	}
	if onlyCommonWords(q.Text) {
		// As search refuses it (checkWords): "the of" was ranked, 200, by
		// words that say nothing.
		return nil, vitae.Errorf(vitae.EINVALID, "query %q has only common words, which are not ranked by; add a word that says what to find", q.Text)
	}
	if len(r.Bullets) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "bullets are empty")
	}
	if len(r.Bullets) > maxRankBullets {
		return nil, vitae.TooLong("bullets", maxRankBullets, "bullets")
	}
	bullets := make([]RankBullet, len(r.Bullets))
	seen := map[string]bool{}
	for i, b := range r.Bullets {
		if strings.TrimSpace(b.Text) == "" {
			if b.ID != "" {
				return nil, vitae.Errorf(vitae.EINVALID, "bullet %d (id %q) has no text", i+1, b.ID)
			}
			return nil, vitae.Errorf(vitae.EINVALID, "bullet %d has no text", i+1)
		}
		if utf8.RuneCountInString(b.Text) > maxRankChars {
			return nil, vitae.TooLong(fmt.Sprintf("bullet %d", i+1), maxRankChars, "characters")
		}
		if b.ID == "" {
			b.ID = strconv.Itoa(i + 1)
		}
		if seen[b.ID] {
			return nil, vitae.Errorf(vitae.EINVALID, "bullet id %q appears twice", b.ID)
		}
		seen[b.ID] = true
		bullets[i] = b
	}
	res := &RankResult{}
	lex, ideal, err := s.rankKeyword(ctx, q.Text, bullets)
	if err != nil {
		return nil, err
	}
	var vec []index.Neighbor
	if q.Mode != vitae.ModeKeyword {
		vec, err = s.rankVectors(ctx, q.Text, bullets)
		if err != nil {
			if ctx.Err() != nil {
				return nil, vitae.Wrap(vitae.ETIMEOUT, err, "rank timed out")
			}
			res.Degraded, res.DegradedReason = true, degradedReason(err)
			q.Mode = vitae.ModeKeyword
		}
	}
	ratio := modeRatio(q)
	fused := fuse(lex, vec, q.Fusion, s.opts.Normalization, ratio, q.RankConstant)
	res.Hits = s.rankScores(q, bullets, fused, ideal)
	res.NoMatch = !res.Hits[0].Match // matches come first
	return res, nil
}

// Rank scores each bullet on its own, not over the bullets sent with it:
//
//	score = (rankSignal·2(1−r)·bm25/ceiling + rankSignal·2r·cosine
//	         + rankParts·parts + rankFull·full) / (their weights' sum)
//
// with r the semantic ratio (1 in semantic mode), ceiling the BM25 no
// bullet reaches (rankKeyword), parts the share of the query's parts the
// bullet covers and full 1 when it covers every part that carries
// meaning (Understand, fullCover, as search reads them). Min-max over
// the pool, as search fuses its candidates, made a score depend on the
// other bullets ("Managed a team of 6 DevOps engineers" 0.676 beside
// "Baked bread", 0.369 without it) and put "Was a member of the DevOps
// team" first for "led DevOps team": over two bullets the nearer one by
// a small cosine gap scored 1, the other 0. The lead, the query's
// action, is what parts and full read. Chosen on the train split of
// eval/queries.jsonl (`vitae eval --rank`; docs/quality.md has the grid
// and the held-out read).
const (
	rankSignal = 0.5
	rankParts  = 0.3
	rankFull   = 0.3
)

// minMatchScore is the least a matching bullet scores: above the bullets
// that do not match (0), even when its signals are all 0 (a keyword
// match in a mode that weighs no keyword).
const minMatchScore = 1e-3

// rankScores answers every bullet sent, best first, from the fused ones:
// keyword mode scores BM25 over ceiling, the others the formula above.
//
// Whether a bullet matches at all is the search's relevance floor: a
// keyword match, or enough of the query said (soft or parts), so "Baked
// bread" is no match for "led DevOps team" however close it comes.
// Matches come first; beside them, a bullet that does not match scores 0
// (the order among those still says how close they came). When none
// matches, the scores are kept: they say which came closest.
func (s *Engine) rankScores(q vitae.Query, bullets []RankBullet, fused []fusedHit, ceiling float64) []RankedBullet {
	byID := make(map[string]RankBullet, len(bullets))
	for _, b := range bullets {
		byID[b.ID] = b
	}
	r := modeRatio(q)
	wk, wv := rankSignal*2*(1-r), rankSignal*2*r
	base, _ := embed.Base()
	u := Understand(lexicon.Default(), base, q.Text)
	saysEnough := func(words []string, c PartCoverage) bool {
		if c.Score >= matchFloor {
			return true
		}
		soft, _ := u.softWords(words)
		return soft >= matchFloor
	}
	hits := make([]RankedBullet, 0, len(bullets))
	matched := false
	for _, f := range fused {
		b := byID[f.id]
		d := f.details
		// A keyword mode's keyword hit needs no meaning signal.
		var words []string
		var c PartCoverage
		if q.Mode != vitae.ModeKeyword || d.KeywordRank == 0 {
			words = lexicon.Tokenize(b.Text)
			c = u.coverWords(words)
		}
		m := d.KeywordRank > 0 || saysEnough(words, c)
		kw := 0.0
		if ceiling > 0 {
			kw = d.Keyword / ceiling
		}
		if q.Mode == vitae.ModeKeyword {
			d.Fused = kw
		} else {
			full := 0.0
			if fullCover(u.Parts, c.PerPart) {
				full = 1
			}
			d.Parts = math.Round(c.Score*1000) / 1000
			d.Fused = (wk*kw + wv*max(0, d.Vector) + rankParts*c.Score + rankFull*full) / (wk + wv + rankParts + rankFull)
		}
		if m {
			d.Fused = max(d.Fused, minMatchScore)
		}
		matched = matched || m
		hl, _ := index.Highlight(q.Text, b.Text)
		hits = append(hits, RankedBullet{ID: b.ID, Text: b.Text, Score: d.Fused, Match: m, Highlights: hl, Details: &d})
	}
	// Matches first, then by score; equal scores keep the fused order.
	slices.SortStableFunc(hits, func(a, b RankedBullet) int {
		if a.Match != b.Match {
			if a.Match {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.Score, a.Score)
	})
	if matched {
		for i := range hits {
			if !hits[i].Match {
				hits[i].Score, hits[i].Details.Fused = 0, 0
			}
		}
	}
	// Every bullet sent is answered; those no retriever returned (keyword
	// mode: no keyword) come last.
	inFused := make(map[string]bool, len(fused))
	for _, f := range fused {
		inFused[f.id] = true
	}
	for _, b := range bullets {
		if !inFused[b.ID] {
			hits = append(hits, RankedBullet{ID: b.ID, Text: b.Text, Details: &vitae.ScoreDetails{Fusion: q.Fusion}})
		}
	}
	return hits
}

func (s *Engine) rankVectors(ctx context.Context, query string, bullets []RankBullet) ([]index.Neighbor, error) {
	if s.emb == nil {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "no embedder configured")
	}
	texts := make([]string, len(bullets))
	for i, b := range bullets {
		texts[i] = b.Text
	}
	qv, err := s.emb.Embed(ctx, []string{query}, vitae.InputQuery)
	if err != nil {
		return nil, err
	}
	dv, err := s.emb.Embed(ctx, texts, vitae.InputDocument)
	if err != nil {
		return nil, err
	}
	out := make([]index.Neighbor, len(bullets))
	for i, v := range dv {
		out[i] = index.Neighbor{ID: bullets[i].ID, Score: float32(cosine(qv[0], v))}
	}
	sortNeighbors(out)
	return out, nil
}

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		if i >= len(b) {
			break
		}
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func dedupeStrings(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
