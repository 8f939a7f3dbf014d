package weaviate_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"vitae/index"
	"vitae/index/storetest"
	"vitae/index/weaviate"
	"vitae/index/weaviate/weaviatetest"
	"vitae/search"
)

var (
	_ search.Store    = (*weaviate.Store)(nil)
	_ storetest.Store = (*weaviate.Store)(nil)
	// What search.Engine.Rank finds by assertion (the suite skips a store without it).
	_ interface {
		TermStats(ctx context.Context, terms []string) (index.TermStats, error)
	} = (*weaviate.Store)(nil)
)

// TestConformance runs the storage conformance suite against one real
// Weaviate node: each behaviour gets collections of its own, and a
// "restart" reopens the same collections with a new client.
func TestConformance(t *testing.T) {
	node := weaviatetest.Start(t)
	var mu sync.Mutex
	names := map[*testing.T]string{}
	storetest.Run(t, func(t *testing.T) storetest.Store {
		mu.Lock()
		name, ok := names[t]
		if !ok {
			name = fmt.Sprintf("C%d", collections.Add(1))
			names[t] = name
		}
		mu.Unlock()
		s, err := weaviate.Open(context.Background(), weaviate.Options{Hosts: node.Hosts(), Collection: name})
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Cleanup(func() { _ = s.Drop(context.Background()) })
		}
		return s
	})
}
