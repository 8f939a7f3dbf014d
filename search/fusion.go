package search

import (
	"sort"

	"vitae"
	"vitae/index"
)

type fusedHit struct {
	id      string
	details vitae.ScoreDetails
}

// fuse combines keyword and vector candidates. Weighted: each list's
// scores are min-max normalised to [0,1] and summed as
// (1-ratio)·keyword + ratio·vector, a bullet missing from a list scoring 0
// there. RRF: Σ 1/(k + rank). Ties break by ID, so order is stable.
func fuse(lex []index.LexicalHit, vec []index.Neighbor, fusion vitae.Fusion, ratio float64, k int) []fusedHit {
	// The hits in the order first seen, one allocation for them all.
	order := make([]fusedHit, 0, len(lex)+len(vec))
	byID := make(map[string]int, len(lex)+len(vec))
	get := func(id string) *fusedHit {
		if i, ok := byID[id]; ok {
			return &order[i]
		}
		byID[id] = len(order)
		order = append(order, fusedHit{id: id})
		return &order[len(order)-1]
	}
	lmin, lmax := minMax(len(lex), func(i int) float64 { return lex[i].Score })
	vmin, vmax := minMax(len(vec), func(i int) float64 { return float64(vec[i].Score) })
	for i, h := range lex {
		f := get(h.Bullet.ID)
		f.details.Keyword, f.details.KeywordRank = h.Score, i+1
	}
	for i, n := range vec {
		f := get(n.ID)
		f.details.Vector, f.details.VectorRank = float64(n.Score), i+1
	}
	out := order[:0] // compacted in place: out never passes f
	for i := range order {
		f := &order[i]
		d := &f.details
		d.Fusion = fusion
		if fusion == vitae.FusionRRF {
			if d.KeywordRank > 0 && ratio < 1 {
				d.Fused += 1 / float64(k+d.KeywordRank)
			}
			if d.VectorRank > 0 && ratio > 0 {
				d.Fused += 1 / float64(k+d.VectorRank)
			}
		} else {
			if d.KeywordRank > 0 {
				d.Fused += (1 - ratio) * norm(d.Keyword, lmin, lmax)
			}
			if d.VectorRank > 0 {
				d.Fused += ratio * norm(d.Vector, vmin, vmax)
			}
		}
		// A retriever weighted to zero contributes no candidates.
		if (ratio == 0 && d.KeywordRank == 0) || (ratio == 1 && d.VectorRank == 0) {
			continue
		}
		out = append(out, *f)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].details.Fused != out[b].details.Fused {
			return out[a].details.Fused > out[b].details.Fused
		}
		return out[a].id < out[b].id
	})
	return out
}

func minMax(n int, score func(int) float64) (lo, hi float64) {
	for i := 0; i < n; i++ {
		s := score(i)
		if i == 0 || s < lo {
			lo = s
		}
		if i == 0 || s > hi {
			hi = s
		}
	}
	return lo, hi
}

// norm maps s into [0,1]; a list of equal scores maps to 1.
func norm(s, lo, hi float64) float64 {
	if hi <= lo {
		return 1
	}
	return (s - lo) / (hi - lo)
}

// group puts hits under their person. A candidate's score is their best
// hit plus a damped sum of the next two (0.5, 0.25): breadth of evidence
// counts, but a long résumé cannot win on volume.
func group(hits []vitae.Hit, offset, limit int) []vitae.Candidate {
	byID := map[string]*vitae.Candidate{}
	var order []*vitae.Candidate
	for _, h := range hits {
		c, ok := byID[h.ResumeID]
		if !ok {
			c = &vitae.Candidate{ResumeID: h.ResumeID, Person: h.Person}
			byID[h.ResumeID] = c
			order = append(order, c)
		}
		if len(c.Hits) < 5 {
			c.Hits = append(c.Hits, h)
		}
	}
	weights := []float64{1, 0.5, 0.25}
	out := make([]vitae.Candidate, 0, len(order))
	for _, c := range order {
		for i, h := range c.Hits {
			if i < len(weights) {
				c.Score += weights[i] * h.Score
			}
		}
		out = append(out, *c)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	if offset >= len(out) {
		return []vitae.Candidate{}
	}
	return out[offset:min(offset+limit, len(out))]
}

func sortLexical(hits []index.LexicalHit) {
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		return hits[a].Bullet.ID < hits[b].Bullet.ID
	})
}

func sortNeighbors(ns []index.Neighbor) {
	sort.SliceStable(ns, func(a, b int) bool {
		if ns[a].Score != ns[b].Score {
			return ns[a].Score > ns[b].Score
		}
		return ns[a].ID < ns[b].ID
	})
}
