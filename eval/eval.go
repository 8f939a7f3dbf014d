package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"vitae"
)

// Query is one line of a bullet-query relevance set
// (../shared/eval/README.md).
type Query struct {
	ID        string     `json:"id"`
	Query     string     `json:"query"`
	Judgments []Judgment `json:"judgments"`
}

// Judgment grades one bullet: "résumé-id#/json/pointer".
type Judgment struct {
	Ref   string `json:"ref"`
	Grade int    `json:"grade"`
}

// ReadQueries reads a bullet-query set (JSONL); errors name the line.
func ReadQueries(r io.Reader) ([]Query, error) {
	return readJSONL(r, func(q Query) error {
		if q.Query == "" {
			return errors.New("empty query")
		}
		return nil
	})
}

// Row is one query's outcome.
type Row struct {
	ID    string `json:"id"`
	Query string `json:"query"`
	Metrics
	Unmatched []string `json:"unmatched,omitempty"`
}

// Report is the mean over queries, in the README's JSON shape.
type Report struct {
	Mode               vitae.Mode `json:"mode"`
	Queries            int        `json:"queries"`
	NDCG10             float64    `json:"ndcg@10"`
	Recall10           float64    `json:"recall@10"`
	Recall50           float64    `json:"recall@50"`
	MRR10              float64    `json:"mrr@10"`
	UnmatchedJudgments int        `json:"unmatched_judgments"`
	Rows               []Row      `json:"rows,omitempty"`
}

// Lookup finds indexed résumés; Evaluate asks it whether a judged bullet
// is in the index at all. *search.Engine satisfies it.
type Lookup interface {
	// Resume returns one résumé with its bullets; an unknown ID is an
	// error (ENOTFOUND).
	Resume(ctx context.Context, id string) (*vitae.Resume, error)
}

// Evaluate runs each query on s in mode and scores the top 50 bullets.
// Judged bullets that l does not hold are counted and listed as
// unmatched, not dropped.
func Evaluate(ctx context.Context, s vitae.Searcher, l Lookup, queries []Query, mode vitae.Mode, semanticRatio float64) (*Report, error) {
	rep := &Report{Mode: mode, Queries: len(queries)}
	for _, q := range queries {
		grades := map[string]int{}
		row := Row{ID: q.ID, Query: q.Query}
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
			if !hasRef(ctx, l, id, ptr) {
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

// hasRef reports whether l holds the bullet at ptr of résumé id.
func hasRef(ctx context.Context, l Lookup, id, ptr string) bool {
	r, err := l.Resume(ctx, id)
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
