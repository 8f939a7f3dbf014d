package search

import (
	"context"
	"fmt"
	"math"

	"vitae"
	"vitae/index"
)

// termStatser is a store that tells its keyword index's term statistics
// (both backends do; the conformance suite checks them). Rank weighs the
// bullets it is sent by them when the store has one; without it they are
// weighed among themselves, smoothed.
type termStatser interface {
	TermStats(ctx context.Context, terms []string) (index.TermStats, error)
}

// The smoothing of Rank's term statistics: every term counts as if
// priorBullets more bullets had been seen, one of which has it (a query
// word in one bullet of 20 until the counts say otherwise). Among five
// bullets sent, a word in one of them is then weighed 1.17× a word in
// two, not 1.58×: which of a few bullets says a word is no evidence of
// how rare it is. Against an index of thousands of bullets it is noise.
const priorBullets = 20

// rankKeyword scores the bullets by BM25 (k1 1.2, b 0.75), the terms
// weighed as if the bullets had been added to the index: document
// frequencies and count are the index's plus the bullets', smoothed
// (priorBullets). Weighed among the bullets alone, "led" in one of five
// outweighed "DevOps" in two (tryout). Lengths are normalised by the
// bullets' mean: the index's is not kept (bleve's "average" is its
// vocabulary per bullet). It also returns the ceiling no bullet's score
// reaches, Σ idf·(k1+1) over the query's terms, which Rank divides by.
func (s *Engine) rankKeyword(ctx context.Context, query string, bullets []RankBullet) ([]index.LexicalHit, float64, error) {
	qterms := dedupeStrings(index.Terms(query))
	docs := make([]map[string]int, len(bullets))
	lens := make([]int, len(bullets))
	df := make(map[string]int, len(qterms))
	total := 0
	for i, b := range bullets {
		tf := map[string]int{}
		for _, t := range index.Terms(b.Text) {
			tf[t]++
			lens[i]++
		}
		for _, t := range qterms {
			if tf[t] > 0 {
				df[t]++
			}
		}
		docs[i] = tf
		total += lens[i]
	}
	n := len(bullets) + priorBullets
	if ts, ok := s.st.(termStatser); ok && len(qterms) > 0 {
		st, err := ts.TermStats(ctx, qterms)
		if err != nil {
			if ctx.Err() != nil {
				return nil, 0, vitae.Wrap(vitae.ETIMEOUT, err, "rank timed out")
			}
			return nil, 0, fmt.Errorf("rank: %w", err)
		}
		n += st.Bullets
		for _, t := range qterms {
			df[t] += st.DF[t]
		}
	}
	avg := math.Max(1, float64(total)/float64(len(bullets)))
	const k1, bb = 1.2, 0.75
	var hits []index.LexicalHit
	idf := func(t string) float64 {
		d := float64(df[t] + 1) // +1: the prior's bullet
		return math.Log(1 + (float64(n)-d+0.5)/(d+0.5))
	}
	var ceiling float64 // each term's part of BM25 stays under idf·(k1+1)
	for _, t := range qterms {
		ceiling += idf(t) * (k1 + 1)
	}
	for i, b := range bullets {
		var score float64
		for _, t := range qterms {
			f := float64(docs[i][t])
			if f == 0 {
				continue
			}
			score += idf(t) * f * (k1 + 1) / (f + k1*(1-bb+bb*float64(lens[i])/avg))
		}
		if score > 0 {
			hits = append(hits, index.LexicalHit{Bullet: vitae.Bullet{ID: b.ID, Text: b.Text}, Score: score})
		}
	}
	sortLexical(hits)
	for i := range hits {
		hits[i].Rank = i + 1
	}
	return hits, ceiling, nil
}
