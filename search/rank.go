package search

import (
	"context"
	"math"
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
// them: BM25 over the supplied bullets themselves (the same English
// analysis as the index), cosine similarity from the embedder, fused like
// Search.
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
	if len(r.Bullets) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "bullets are empty")
	}
	if len(r.Bullets) > maxRankBullets {
		return nil, vitae.Errorf(vitae.ETOOLARGE, "%d bullets, more than %d", len(r.Bullets), maxRankBullets)
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
			return nil, vitae.Errorf(vitae.ETOOLARGE, "bullet %d is longer than %d characters", i+1, maxRankChars)
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
	lex := s.bm25(q.Text, bullets)
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
	ratio := q.SemanticRatio
	switch q.Mode {
	case vitae.ModeKeyword:
		ratio = 0
	case vitae.ModeSemantic:
		ratio = 1
	}
	byID := map[string]RankBullet{}
	for _, b := range bullets {
		byID[b.ID] = b
	}
	fused := fuse(lex, vec, q.Fusion, s.opts.Normalization, ratio, q.RankConstant)
	// Scores are relative to the bullets sent; whether a bullet matches at
	// all is the search's relevance floor: a keyword match, or enough of
	// the query said (soft or parts), so "Baked bread" is no match for
	// "led DevOps team" however it ranks among the others.
	base, _ := embed.Base()
	u := Understand(lexicon.Default(), base, q.Text)
	matches := func(text string, d vitae.ScoreDetails) bool {
		if d.KeywordRank > 0 {
			return true
		}
		words := lexicon.Tokenize(text)
		soft, _ := u.softWords(words)
		return soft >= matchFloor || u.coverWords(words).Score >= matchFloor
	}
	inFused := map[string]bool{}
	res.NoMatch = true
	for _, f := range fused {
		inFused[f.id] = true
		b := byID[f.id]
		d := f.details
		hl, _ := index.Highlight(q.Text, b.Text)
		m := matches(b.Text, d)
		res.NoMatch = res.NoMatch && !m
		res.Hits = append(res.Hits, RankedBullet{ID: b.ID, Text: b.Text, Score: d.Fused, Match: m, Highlights: hl, Details: &d})
	}
	// Every supplied bullet is answered; those nothing matched come last.
	for _, b := range bullets {
		if !inFused[b.ID] {
			res.Hits = append(res.Hits, RankedBullet{ID: b.ID, Text: b.Text, Details: &vitae.ScoreDetails{Fusion: q.Fusion}})
		}
	}
	return res, nil
}

// bm25 scores bullets as their own tiny collection (k1 1.2, b 0.75).
func (s *Engine) bm25(query string, bullets []RankBullet) []index.LexicalHit {
	qterms := index.Terms(query)
	docs := make([]map[string]int, len(bullets))
	lens := make([]int, len(bullets))
	df := map[string]int{}
	total := 0
	for i, b := range bullets {
		tf := map[string]int{}
		for _, t := range index.Terms(b.Text) {
			tf[t]++
			lens[i]++
		}
		for t := range tf {
			df[t]++
		}
		docs[i] = tf
		total += lens[i]
	}
	avg := math.Max(1, float64(total)/float64(len(bullets)))
	n := float64(len(bullets))
	const k1, bb = 1.2, 0.75
	var hits []index.LexicalHit
	for i, b := range bullets {
		var score float64
		for _, t := range dedupeStrings(qterms) {
			f := float64(docs[i][t])
			if f == 0 {
				continue
			}
			idf := math.Log(1 + (n-float64(df[t])+0.5)/(float64(df[t])+0.5))
			score += idf * f * (k1 + 1) / (f + k1*(1-bb+bb*float64(lens[i])/avg))
		}
		if score > 0 {
			hits = append(hits, index.LexicalHit{Bullet: vitae.Bullet{ID: b.ID, Text: b.Text}, Score: score})
		}
	}
	sortLexical(hits)
	for i := range hits {
		hits[i].Rank = i + 1
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
