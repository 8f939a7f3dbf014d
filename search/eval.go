package search

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"vitae"
)

// EvalQuery is one line of a bullet-query relevance set
// (../shared/eval/README.md).
type EvalQuery struct {
	ID        string         `json:"id"`
	Query     string         `json:"query"`
	Judgments []EvalJudgment `json:"judgments"`
}

// EvalJudgment grades one bullet: "résumé-id#/json/pointer".
type EvalJudgment struct {
	Ref   string `json:"ref"`
	Grade int    `json:"grade"`
}

// ReadEvalQueries reads JSONL; errors name the line.
func ReadEvalQueries(r io.Reader) ([]EvalQuery, error) {
	var out []EvalQuery
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q EvalQuery
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if q.Query == "" {
			return nil, fmt.Errorf("line %d: empty query", n)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

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

// EvalRow is one query's outcome.
type EvalRow struct {
	ID    string `json:"id"`
	Query string `json:"query"`
	Metrics
	Unmatched []string `json:"unmatched,omitempty"`
}

// EvalReport is the mean over queries, in the README's JSON shape.
type EvalReport struct {
	Mode               vitae.Mode `json:"mode"`
	Queries            int        `json:"queries"`
	NDCG10             float64    `json:"ndcg@10"`
	Recall10           float64    `json:"recall@10"`
	Recall50           float64    `json:"recall@50"`
	MRR10              float64    `json:"mrr@10"`
	UnmatchedJudgments int        `json:"unmatched_judgments"`
	Rows               []EvalRow  `json:"rows,omitempty"`
}

// Evaluate runs each query in mode and scores the top 50 bullets. Judged
// bullets missing from the index are counted and listed, not dropped.
func Evaluate(ctx context.Context, s *Engine, queries []EvalQuery, mode vitae.Mode, semanticRatio float64) (*EvalReport, error) {
	rep := &EvalReport{Mode: mode, Queries: len(queries)}
	for _, q := range queries {
		grades := map[string]int{}
		row := EvalRow{ID: q.ID, Query: q.Query}
		refs := map[string]int{}
		for _, j := range q.Judgments {
			refs[j.Ref] = j.Grade
		}
		res, err := s.Search(ctx, vitae.Query{Text: q.Query, Mode: mode, SemanticRatio: semanticRatio, Limit: 50})
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", q.ID, err)
		}
		var ranked []string
		for _, h := range res.Hits {
			ranked = append(ranked, h.ResumeID+"#"+h.Ref)
		}
		for ref, g := range refs {
			grades[ref] = g
			id, ptr, _ := strings.Cut(ref, "#")
			if !s.hasRef(id, ptr) {
				row.Unmatched = append(row.Unmatched, ref)
			}
		}
		sort.Strings(row.Unmatched)
		row.Metrics = Score(ranked, grades)
		rep.UnmatchedJudgments += len(row.Unmatched)
		rep.NDCG10 += row.NDCG10
		rep.Recall10 += row.Recall10
		rep.Recall50 += row.Recall50
		rep.MRR10 += row.MRR10
		rep.Rows = append(rep.Rows, row)
	}
	if n := float64(len(queries)); n > 0 {
		rep.NDCG10 /= n
		rep.Recall10 /= n
		rep.Recall50 /= n
		rep.MRR10 /= n
	}
	return rep, nil
}

// hasRef reports whether the index holds the bullet at ptr of résumé id.
func (s *Engine) hasRef(id, ptr string) bool {
	r, err := s.ix.Resume(id)
	if err != nil {
		return false
	}
	for _, b := range r.Bullets {
		if b.Ref == ptr {
			return true
		}
	}
	return false
}
