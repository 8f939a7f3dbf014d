package index_test

import (
	"sync"
	"testing"

	"vitae/index"
	"vitae/index/storetest"
	"vitae/search"
)

var (
	_ search.Store    = (*index.Index)(nil)
	_ storetest.Store = (*index.Index)(nil)
)

// TestConformance runs the storage conformance suite against the embedded
// backend: bleve, bbolt and the vector store in one directory per test.
func TestConformance(t *testing.T) {
	var mu sync.Mutex
	dirs := map[*testing.T]string{}
	storetest.Run(t, func(t *testing.T) storetest.Store {
		mu.Lock()
		dir, ok := dirs[t]
		if !ok {
			dir = t.TempDir()
			dirs[t] = dir
		}
		mu.Unlock()
		ix, err := index.Open(index.Options{Path: dir})
		if err != nil {
			t.Fatal(err)
		}
		return ix
	})
}
