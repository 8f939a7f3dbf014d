package eval

import (
	"math"
	"sort"
)

// Metrics of one ranked list against graded judgments.
type Metrics struct {
	NDCG10   float64 `json:"ndcg@10"`
	Recall10 float64 `json:"recall@10"`
	Recall50 float64 `json:"recall@50"`
	MRR10    float64 `json:"mrr@10"`
}

// Score computes the metrics of ranked (IDs, best first) against grades
// (ID → grade; unjudged = 0): nDCG@10 with gain 2^g−1 and discount
// log2(rank+1), ideal from all judgments; recall@k over grade ≥ 1; MRR@10
// on the first grade ≥ 1.
func Score(ranked []string, grades map[string]int) Metrics {
	var m Metrics
	var dcg float64
	relevant := 0
	for _, g := range grades {
		if g >= 1 {
			relevant++
		}
	}
	found10, found50 := 0, 0
	for i, id := range ranked {
		g := grades[id]
		if i < 10 {
			dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
			if g >= 1 {
				found10++
				if m.MRR10 == 0 {
					m.MRR10 = 1 / float64(i+1)
				}
			}
		}
		if i < 50 && g >= 1 {
			found50++
		}
	}
	var ideal []int
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	var idcg float64
	for i, g := range ideal {
		if i >= 10 {
			break
		}
		idcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
	}
	if idcg > 0 {
		m.NDCG10 = dcg / idcg
	}
	if relevant > 0 {
		m.Recall10 = float64(found10) / float64(relevant)
		m.Recall50 = float64(found50) / float64(relevant)
	}
	return m
}
