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
	ID     string `json:"id"`
	Query  string `json:"query"`
	Family string `json:"family,omitempty"` // skill, achievement, leadership, plain-language …
	// Split is "train" (tune on it) or "heldout" (only measure it).
	Split     string     `json:"split,omitempty"`
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
	ID     string `json:"id"`
	Query  string `json:"query"`
	Family string `json:"family,omitempty"`
	Split  string `json:"split,omitempty"`
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
	Judgments          int        `json:"judgments"`
	Rows               []Row      `json:"rows,omitempty"`
}

// ErrNotIndexed is returned by Evaluate when most judged bullets are not
// in the index: the set was judged on another corpus, and every metric
// would be a meaningless zero.
var ErrNotIndexed = errors.New("most judged bullets are not in the index")

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
		row := Row{ID: q.ID, Query: q.Query, Family: q.Family, Split: q.Split}
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
		rep.Judgments += len(refs)
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
	if 2*rep.UnmatchedJudgments > rep.Judgments {
		return rep, fmt.Errorf("%w: %d of %d are missing", ErrNotIndexed, rep.UnmatchedJudgments, rep.Judgments)
	}
	return rep, nil
}

// Group is the mean nDCG@10 of the rows sharing a split and a family
// ("" family: all of the split; "" split: the whole set).
type Group struct {
	Split   string  `json:"split"`
	Family  string  `json:"family"`
	Queries int     `json:"queries"`
	NDCG10  float64 `json:"ndcg@10"`
}

// Groups summarises rows by split, by split and family, and over all,
// in a stable order: splits and families sorted, "" (all) first.
func Groups(rows []Row) []Group {
	type key struct{ split, family string }
	sum := map[key]*Group{}
	add := func(k key, v float64) {
		g, ok := sum[k]
		if !ok {
			g = &Group{Split: k.split, Family: k.family}
			sum[k] = g
		}
		g.Queries++
		g.NDCG10 += v
	}
	for _, r := range rows {
		add(key{}, r.NDCG10)
		if r.Split != "" {
			add(key{r.Split, ""}, r.NDCG10)
		}
		if r.Family != "" {
			add(key{r.Split, r.Family}, r.NDCG10)
		}
	}
	out := make([]Group, 0, len(sum))
	for _, g := range sum {
		g.NDCG10 /= float64(g.Queries)
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Split != out[j].Split {
			return out[i].Split < out[j].Split
		}
		return out[i].Family < out[j].Family
	})
	return out
}

// Only returns the queries of one split ("" or "all": every query).
func Only(queries []Query, split string) []Query {
	if split == "" || split == "all" {
		return queries
	}
	var out []Query
	for _, q := range queries {
		if q.Split == split {
			out = append(out, q)
		}
	}
	return out
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
