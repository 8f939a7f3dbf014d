package weaviate

import (
	"context"
	"fmt"
	"slices"
	"sort"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"

	"vitae"
)

// facetProps maps each facet to the property it counts.
var facetProps = map[string]string{"company": pCompany, "role": pRole, "skill": pSkills, "section": pSection}

func emptyFacets() map[string][]vitae.FacetCount {
	out := make(map[string][]vitae.FacetCount, len(facetProps))
	for f := range facetProps {
		out[f] = []vitae.FacetCount{}
	}
	return out
}

// Facets counts facet values over the bullets ids, the results a caller
// has ranked, as the embedded index does: for company, role, skill and
// section, how many of those bullets carry each value, the size most
// frequent first (count descending, then value). Unknown IDs count for
// nothing; every facet is present.
func (s *Store) Facets(ids []string, size int) (map[string][]vitae.FacetCount, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	bs, err := s.bullets(ctx, ids)
	if err != nil {
		return nil, err
	}
	found := make([]vitae.Bullet, 0, len(ids))
	for _, id := range ids {
		if b, ok := bs[id]; ok {
			found = append(found, b)
		}
	}
	return tally(found, size), nil
}

// tally counts, for each facet, how many of bs carry each value, the
// size most frequent first.
func tally(bs []vitae.Bullet, size int) map[string][]vitae.FacetCount {
	counts := map[string]map[string]int{}
	for f := range facetProps {
		counts[f] = map[string]int{}
	}
	add := func(facet, v string) {
		if v != "" {
			counts[facet][v]++
		}
	}
	for _, b := range bs {
		add("company", b.Company)
		add("role", b.Role)
		add("section", b.Section)
		for i, sk := range b.Skills {
			if !slices.Contains(b.Skills[:i], sk) { // a bullet counts once per value
				add("skill", sk)
			}
		}
	}
	out := make(map[string][]vitae.FacetCount, len(counts))
	for f, byValue := range counts {
		out[f] = commonest(byValue, size)
	}
	return out
}

// commonest returns the size values with the highest counts, count
// descending then value.
func commonest(byValue map[string]int, size int) []vitae.FacetCount {
	out := make([]vitae.FacetCount, 0, len(byValue))
	for v, n := range byValue {
		out = append(out, vitae.FacetCount{Value: v, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Count > out[j].Count || (out[i].Count == out[j].Count && out[i].Value < out[j].Value)
	})
	return out[:max(0, min(size, len(out)))]
}

// aggregateFacets counts facet values over every bullet w matches, with
// Weaviate's topOccurrences aggregation: the cost grows with the matches,
// as bleve's facets over a search do.
func (s *Store) aggregateFacets(ctx context.Context, w *filters.WhereBuilder, size int) (map[string][]vitae.FacetCount, error) {
	var fs []graphql.Field
	for _, p := range facetProps {
		fs = append(fs, graphql.Field{Name: p, Fields: []graphql.Field{{
			Name: fmt.Sprintf("topOccurrences(limit: %d)", size), Fields: []graphql.Field{{Name: "value"}, {Name: "occurs"}},
		}}})
	}
	var res []map[string]struct {
		Top []struct {
			Value  string `json:"value"`
			Occurs int    `json:"occurs"`
		} `json:"topOccurrences"`
	}
	err := s.call(ctx, func(c *wv.Client) error {
		resp, err := c.GraphQL().Aggregate().WithClassName(s.bullet).WithWhere(w).WithFields(fs...).Do(ctx)
		if err != nil {
			return err
		}
		return decode(resp, "Aggregate", s.bullet, &res)
	})
	if unevenReplicas(err) {
		s.opts.Logger.Warn("weaviate refuses to aggregate facets with a node out; listing instead", "error", err)
		return s.listedFacets(ctx, w, size)
	}
	if err != nil {
		return nil, err
	}
	out := emptyFacets()
	if len(res) == 0 {
		return out, nil
	}
	for facet, p := range facetProps {
		byValue := map[string]int{}
		for _, t := range res[0][p].Top {
			if t.Value != "" {
				byValue[t.Value] = t.Occurs
			}
		}
		out[facet] = commonest(byValue, size)
	}
	return out, nil
}

// listedFacets tallies the facets of the first maxResults bullets w
// matches, read with Get, for when Aggregate is refused (unevenReplicas).
func (s *Store) listedFacets(ctx context.Context, w *filters.WhereBuilder, size int) (map[string][]vitae.FacetCount, error) {
	var objs []bulletObj
	err := s.get(ctx, s.bullet, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
		return g.WithWhere(w).WithLimit(maxResults).WithFields(fields([]string{pCompany, pRole, pSection, pSkills})...)
	})
	if err != nil {
		return nil, err
	}
	bs := make([]vitae.Bullet, len(objs))
	for i, o := range objs {
		bs[i] = o.bullet()
	}
	return tally(bs, size), nil
}
