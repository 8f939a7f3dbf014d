package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"vitae"
	"vitae/search"
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
	return evaluate(ctx, l, queries, mode, func(q Query, _ map[string]string) ([]string, error) {
		res, err := s.Search(ctx, vitae.Query{Text: q.Query, Mode: mode, SemanticRatio: semanticRatio, Limit: 50})
		if err != nil {
			return nil, err
		}
		ranked := make([]string, 0, len(res.Hits))
		for _, h := range res.Hits {
			ranked = append(ranked, h.ResumeID+"#"+h.Ref)
		}
		return ranked, nil
	})
}

// Ranker orders ad-hoc bullets for a query (*search.Engine: the
// /api/v1/rank endpoint).
type Ranker interface {
	Rank(ctx context.Context, r search.RankRequest) (*search.RankResult, error)
}

// EvaluateRank measures the ranking of ad-hoc bullets: each query's
// judged bullets that l holds (grade 0s too) are sent to r as one rank
// request, and its order is scored. Unlike Evaluate it measures ordering
// alone: recall@50 is 1 whenever the pool has at most 50 bullets.
func EvaluateRank(ctx context.Context, r Ranker, l Lookup, queries []Query, mode vitae.Mode, semanticRatio float64) (*Report, error) {
	return evaluate(ctx, l, queries, mode, func(q Query, texts map[string]string) ([]string, error) {
		req := search.RankRequest{Query: q.Query, Mode: mode, SemanticRatio: &semanticRatio}
		for _, j := range q.Judgments {
			if t, ok := texts[j.Ref]; ok {
				req.Bullets = append(req.Bullets, search.RankBullet{ID: j.Ref, Text: t})
			}
		}
		if len(req.Bullets) == 0 {
			return nil, nil
		}
		res, err := r.Rank(ctx, req)
		if err != nil {
			return nil, err
		}
		ranked := make([]string, 0, len(res.Hits))
		for _, h := range res.Hits {
			ranked = append(ranked, h.ID)
		}
		return ranked, nil
	})
}

// evaluate scores each query's ranking (rank's, given the texts of the
// judged bullets l holds, by ref) against its judgments.
func evaluate(ctx context.Context, l Lookup, queries []Query, mode vitae.Mode, rank func(q Query, texts map[string]string) ([]string, error)) (*Report, error) {
	rep := &Report{Mode: mode, Queries: len(queries)}
	resumes := map[string]*vitae.Resume{}
	for _, q := range queries {
		row := Row{ID: q.ID, Query: q.Query, Family: q.Family, Split: q.Split}
		grades := map[string]int{}
		texts := map[string]string{}
		for _, j := range q.Judgments {
			grades[j.Ref] = j.Grade
		}
		for ref := range grades {
			id, ptr, _ := strings.Cut(ref, "#")
			if t, ok := bulletText(ctx, l, resumes, id, ptr); ok {
				texts[ref] = t
			} else {
				row.Unmatched = append(row.Unmatched, ref)
			}
		}
		ranked, err := rank(q, texts)
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", q.ID, err)
		}
		sort.Strings(row.Unmatched)
		row.Metrics = Score(ranked, grades)
		rep.UnmatchedJudgments += len(row.Unmatched)
		rep.Judgments += len(grades)
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

// bulletText returns the text of the bullet at ptr of résumé id, if l
// holds it; read keeps the résumés read (nil: not held).
func bulletText(ctx context.Context, l Lookup, read map[string]*vitae.Resume, id, ptr string) (string, bool) {
	r, ok := read[id]
	if !ok {
		r, _ = l.Resume(ctx, id)
		read[id] = r
	}
	if r == nil {
		return "", false
	}
	for _, b := range r.Bullets {
		if b.Ref == ptr {
			return b.Text, true
		}
	}
	return "", false
}
