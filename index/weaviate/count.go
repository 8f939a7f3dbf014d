package weaviate

import (
	"context"
	"fmt"
	"strings"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"
)

// count is how many objects class holds.
func (s *Store) count(ctx context.Context, class string) (int, error) {
	return s.countWhere(ctx, class, nil)
}

// countWhere is how many objects of class w matches (all when w is nil),
// by Weaviate's Aggregate; while a node is out of the cluster Aggregate
// is refused (see unevenReplicas) and the objects are listed instead.
func (s *Store) countWhere(ctx context.Context, class string, w *filters.WhereBuilder) (int, error) {
	n, err := s.aggregateCount(ctx, class, w)
	if unevenReplicas(err) {
		s.opts.Logger.Warn("weaviate refuses to count with a node out; listing instead", "class", class, "error", err)
		return s.countListed(ctx, class, w)
	}
	return n, err
}

// aggregateCount is countWhere by Aggregate alone.
func (s *Store) aggregateCount(ctx context.Context, class string, w *filters.WhereBuilder) (int, error) {
	var res []struct {
		Meta struct {
			Count int `json:"count"`
		} `json:"meta"`
	}
	err := s.call(ctx, func(c *wv.Client) error {
		a := c.GraphQL().Aggregate().WithClassName(class).
			WithFields(graphql.Field{Name: "meta", Fields: []graphql.Field{{Name: "count"}}})
		if w != nil {
			a = a.WithWhere(w)
		}
		resp, err := a.Do(ctx)
		if err != nil {
			return err
		}
		return decode(resp, "Aggregate", class, &res)
	})
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", class, err)
	}
	if len(res) == 0 {
		return 0, nil
	}
	return res[0].Meta.Count, nil
}

// unevenReplicas reports whether Weaviate refused an Aggregate because a
// node is out of the cluster. GraphQL Aggregate takes no consistency
// level and always reads at QUORUM; once the cluster has marked a node
// dead, the shards it held have one live replica (QUORUM of 1 is 1) and
// the others two (QUORUM of 2 is 2), and Weaviate refuses a read whose
// shards resolve to different levels ("inconsistent consistency
// levels") until the node returns. Searches (Get) read at ONE and are
// not refused.
func unevenReplicas(err error) bool {
	return err != nil && strings.Contains(err.Error(), "inconsistent consistency levels")
}

// countListed counts by listing IDs with Get: every object of class
// through the cursor when w is nil, else the first maxResults matches of
// w, which is then a lower bound, logged as such (countEqual is exact).
func (s *Store) countListed(ctx context.Context, class string, w *filters.WhereBuilder) (int, error) {
	if w == nil {
		return s.scanCount(ctx, class, "", "")
	}
	var ids []struct{}
	err := s.get(ctx, class, &ids, func(g *graphql.GetBuilder) *graphql.GetBuilder {
		return g.WithWhere(w).WithLimit(maxResults).WithFields(fields(nil, "id")...)
	})
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", class, err)
	}
	if len(ids) == maxResults {
		s.opts.Logger.Warn("weaviate count capped while a node is out", "class", class, "at_least", maxResults)
	}
	return len(ids), nil
}

// countEqual is how many objects of class have text property prop equal
// to value; while Aggregate is refused it scans the class, so the count
// stays exact past maxResults.
func (s *Store) countEqual(ctx context.Context, class, prop, value string) (int, error) {
	n, err := s.aggregateCount(ctx, class, textEquals(prop, value))
	if unevenReplicas(err) {
		s.opts.Logger.Warn("weaviate refuses to count with a node out; scanning instead", "class", class, "error", err)
		return s.scanCount(ctx, class, prop, value)
	}
	return n, err
}

// scanCount counts the objects of class through the cursor: all of them
// when prop is "", else those whose prop is value.
func (s *Store) scanCount(ctx context.Context, class, prop, value string) (int, error) {
	var names []string
	if prop != "" {
		names = []string{prop}
	}
	n := 0
	err := scan(ctx, s, class, names, func(page []map[string]any) error {
		for _, o := range page {
			if prop == "" || o[prop] == value {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", class, err)
	}
	return n, nil
}
