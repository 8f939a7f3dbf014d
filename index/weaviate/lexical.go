package weaviate

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"

	"vitae"
	"vitae/index"
)

// Query limits, the embedded index's: user text is matched, never parsed
// as query syntax, and bounded.
const (
	maxQueryRunes = 1000
	maxQueryTerms = 256
	maxPage       = 1000
)

// Lexical runs a BM25 search over the bullets' analysed terms, the role's
// adding 0.3, among the bullets whose text has a query term and that the
// filters keep; with highlights and, on request, facets over every match
// (an aggregation).
func (s *Store) Lexical(ctx context.Context, req index.LexicalRequest) (*index.LexicalResult, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	text := strings.TrimSpace(req.Text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		return nil, vitae.TooLong("query", maxQueryRunes, "characters")
	}
	terms := index.Terms(text)
	if len(terms) > maxQueryTerms {
		return nil, vitae.TooLong("query", maxQueryTerms, "terms")
	}
	size, from := req.Size, req.From
	if size <= 0 {
		size = 10
	}
	if size > maxPage || from < 0 || from > 10*maxPage {
		return nil, vitae.Errorf(vitae.EINVALID, "page out of range (size %d, from %d)", size, from)
	}
	flt, err := where(req.Filters)
	if err != nil {
		return nil, err
	}
	out := &index.LexicalResult{}
	if len(terms) == 0 {
		if req.Facets {
			out.Facets = emptyFacets()
		}
		return out, nil
	}
	w := and(filters.Where().WithPath([]string{pTerms}).WithOperator(filters.ContainsAny).WithValueText(terms...), flt)
	if out.Total, err = s.countWhere(ctx, s.bullet, w); err != nil {
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	if from+size > maxResults {
		size = max(0, maxResults-from)
	}
	var objs []bulletObj
	if size > 0 && from < out.Total {
		names := bulletFields
		if req.IDsOnly {
			names = []string{pBulletID}
		}
		bm25 := (&graphql.BM25ArgumentBuilder{}).WithQuery(strings.Join(terms, " ")).WithProperties(pTerms, pRoleTerms+"^0.3")
		err = s.get(ctx, s.bullet, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
			return g.WithBM25(bm25).WithWhere(w).WithOffset(from).WithLimit(size).
				WithFields(fields(names, "score")...)
		})
		if err != nil {
			return nil, fmt.Errorf("keyword search: %w", err)
		}
	}
	for i, o := range objs {
		hit := index.LexicalHit{Bullet: o.bullet(), Score: o.Additional.score(), Rank: from + i + 1}
		if req.Highlight && !req.IDsOnly {
			hit.Highlights, hit.MatchedTerms = index.Highlight(text, hit.Bullet.Text)
		}
		out.Hits = append(out.Hits, hit)
	}
	if req.Facets {
		if out.Facets, err = s.aggregateFacets(ctx, w, 10); err != nil {
			return nil, fmt.Errorf("keyword search facets: %w", err)
		}
	}
	return out, nil
}

// TermStats counts the bullets whose analysed text has each of terms, and
// all the bullets (an aggregation each): the statistics Weaviate's BM25
// weighs them by, for ranking ad-hoc bullets (search.Engine.Rank). The
// counts are read one after another, not in one snapshot: a write in
// between moves a count by the bullets it wrote.
func (s *Store) TermStats(ctx context.Context, terms []string) (index.TermStats, error) {
	if err := checkCtx(ctx); err != nil {
		return index.TermStats{}, err
	}
	st := index.TermStats{DF: make(map[string]int, len(terms))}
	var err error
	if st.Bullets, err = s.count(ctx, s.bullet); err != nil {
		return index.TermStats{}, fmt.Errorf("term statistics: %w", err)
	}
	for _, t := range terms {
		if _, ok := st.DF[t]; ok {
			continue
		}
		w := filters.Where().WithPath([]string{pTerms}).WithOperator(filters.ContainsAny).WithValueText(t)
		if st.DF[t], err = s.countWhere(ctx, s.bullet, w); err != nil {
			return index.TermStats{}, fmt.Errorf("term statistics of %q: %w", t, err)
		}
	}
	return st, nil
}
