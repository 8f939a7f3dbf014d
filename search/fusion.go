package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"vitae"
	"vitae/index"
)

type fusedHit struct {
	id      string
	details vitae.ScoreDetails
}

// Normalization is how weighted fusion puts the two lists' scores on one
// scale before it sums them.
type Normalization string

const (
	// NormalizeMinMax maps each list to [0,1]; a bullet missing from a
	// list scores 0 there, as its last one does (the default).
	NormalizeMinMax Normalization = "minmax"
	// NormalizeZScore maps each list to standard scores (mean 0,
	// standard deviation 1) raised by zFloor and cut at 0, so a bullet
	// missing from a list scores 0 there, as with min-max, and no score
	// is negative (grouping sums them). It keeps a list's spread: one
	// keyword hit far above the rest stays far above, where min-max
	// squeezes every list into the same range.
	NormalizeZScore Normalization = "zscore"
)

// zFloor is how many deviations under its list's mean a bullet scores
// 0: a bullet the list did not return scores as one this far down.
const zFloor = 2

// fuse combines keyword and vector candidates. Weighted: each list's
// scores are normalised (n) and summed as (1-ratio)·keyword +
// ratio·vector. RRF: Σ 1/(k + rank). Ties break by ID, so order is stable.
func fuse(lex []index.LexicalHit, vec []index.Neighbor, fusion vitae.Fusion, n Normalization, ratio float64, k int) []fusedHit {
	return fuseInto(&runBufs{byID: make(map[string]int, len(lex)+len(vec))}, lex, vec, fusion, n, ratio, k)
}

// fuseInto is fuse in b's fused slice and ID map (empty).
func fuseInto(b *runBufs, lex []index.LexicalHit, vec []index.Neighbor, fusion vitae.Fusion, n Normalization, ratio float64, k int) []fusedHit {
	// The hits in the order first seen, one slice for them all.
	order := slices.Grow(b.fused[:0], len(lex)+len(vec))
	defer func() { b.fused = order }() // the grown slice, its used length for reset
	byID := b.byID
	get := func(id string) *fusedHit {
		if i, ok := byID[id]; ok {
			return &order[i]
		}
		byID[id] = len(order)
		order = append(order, fusedHit{id: id})
		return &order[len(order)-1]
	}
	lnorm := normalizer(n, len(lex), func(i int) float64 { return lex[i].Score })
	vnorm := normalizer(n, len(vec), func(i int) float64 { return float64(vec[i].Score) })
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
			d.Fused += (1-ratio)*lnorm(d.Keyword, d.KeywordRank > 0) + ratio*vnorm(d.Vector, d.VectorRank > 0)
		}
		// A retriever weighted to zero contributes no candidates.
		if (ratio == 0 && d.KeywordRank == 0) || (ratio == 1 && d.VectorRank == 0) {
			continue
		}
		out = append(out, *f)
	}
	// The same stable merge sort as sort.SliceStable (the same "less"
	// calls, so the same order), without its reflection-based swaps.
	slices.SortStableFunc(out, func(a, b fusedHit) int {
		if a.details.Fused != b.details.Fused {
			if a.details.Fused > b.details.Fused {
				return -1
			}
			return 1
		}
		// Equal scores keep the index's order (the order its top k was cut
		// by, so each page's end cuts the same list), then the ID.
		if ka, kb := a.details.KeywordRank, b.details.KeywordRank; ka != kb && ka > 0 && kb > 0 {
			return ka - kb
		}
		return strings.Compare(a.id, b.id)
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

// normalizer returns the normalisation of one list's scores: f(s, true)
// for a score of the list, f(0, false) for a bullet it did not return.
func normalizer(n Normalization, size int, score func(int) float64) func(float64, bool) float64 {
	if n == NormalizeZScore {
		var sum, sq float64
		for i := 0; i < size; i++ {
			sum += score(i)
		}
		mean := sum / float64(max(size, 1))
		for i := 0; i < size; i++ {
			sq += (score(i) - mean) * (score(i) - mean)
		}
		sd := math.Sqrt(sq / float64(max(size, 1)))
		if sd == 0 {
			sd = 1 // equal scores: all at the mean
		}
		return func(s float64, in bool) float64 {
			if !in {
				return 0
			}
			return max(0, (s-mean)/sd+zFloor)
		}
	}
	lo, hi := minMax(size, score)
	return func(s float64, in bool) float64 {
		if !in {
			return 0
		}
		return norm(s, lo, hi)
	}
}

// norm maps s into [0,1]; a list of equal scores maps to 1.
func norm(s, lo, hi float64) float64 {
	if hi <= lo {
		return 1
	}
	return (s - lo) / (hi - lo)
}

// group puts hits under their person and returns the page of candidates
// and how many there are. A candidate's score is their best hit plus a
// damped sum of the next two (0.5, 0.25): breadth of evidence counts, but
// a long résumé cannot win on volume.
// groupWeights weigh a candidate's best three bullets.
var groupWeights = []float64{1, 0.5, 0.25}

func group(hits []vitae.Hit, offset, limit int) ([]vitae.Candidate, int) {
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
	weights := groupWeights
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
		return []vitae.Candidate{}, len(out)
	}
	return out[offset:min(offset+limit, len(out))], len(out)
}

// person is a candidate of a grouped answer: a résumé, its score, and
// the positions of its best bullets in the ranked list.
type person struct {
	id    string
	score float64
	at    []int
}

// people groups a ranked list by résumé, scored as group scores hits:
// the best three bullets weigh 1, 0.5 and 0.25. A bullet without an
// owner (deleted since retrieval) is left out.
func people(rs []ranked, owner map[string]string) []person {
	byID := map[string]int{}
	var out []person
	for i, r := range rs {
		id, ok := owner[r.id]
		if !ok {
			continue
		}
		k, ok := byID[id]
		if !ok {
			k = len(out)
			byID[id] = k
			out = append(out, person{id: id})
		}
		if p := &out[k]; len(p.at) < 5 {
			if n := len(p.at); n < len(groupWeights) {
				p.score += groupWeights[n] * r.details.Fused
			}
			p.at = append(p.at, i)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].score > out[b].score })
	return out
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

// modeRatio is the semantic ratio q's mode fuses by: its own in hybrid
// mode, 0 in keyword mode, 1 in semantic mode.
func modeRatio(q vitae.Query) float64 {
	switch q.Mode {
	case vitae.ModeKeyword:
		return 0
	case vitae.ModeSemantic:
		return 1
	}
	return q.SemanticRatio
}
