package weaviate_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/index/weaviate"
	"vitae/index/weaviate/weaviatetest"
	"vitae/ingest"
)

var collections atomic.Int64

// openStore opens a store with collections of its own on c, dropped at
// the end of the test.
func openStore(tb testing.TB, c *weaviatetest.Cluster, opts weaviate.Options) *weaviate.Store {
	tb.Helper()
	opts.Hosts = c.Hosts()
	if opts.Collection == "" {
		opts.Collection = fmt.Sprintf("T%d", collections.Add(1))
	}
	s, err := weaviate.Open(context.Background(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Drop(context.Background()); err != nil {
			tb.Logf("drop %s: %v", opts.Collection, err)
		}
		s.Close()
	})
	return s
}

// demo reads the shipped sample résumés.
func demo(tb testing.TB) []*vitae.Resume {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	files, err := ingest.Expand([]string{filepath.Join(filepath.Dir(file), "..", "..", "data")})
	if err != nil {
		tb.Fatal(err)
	}
	var out []*vitae.Resume
	for _, f := range files {
		r, err := ingest.File(f, ingest.Options{})
		if err != nil {
			tb.Fatalf("read %s: %v", f, err)
		}
		out = append(out, r)
	}
	return out
}

// vectorStore is what embedVectors needs of either backend.
type vectorStore interface {
	PutVectors(ids []string, vecs [][]float32, model string) error
}

// embedAll embeds every bullet of rs with e into each store.
func embedAll(tb testing.TB, e vitae.Embedder, rs []*vitae.Resume, stores ...vectorStore) {
	tb.Helper()
	var ids, texts []string
	for _, r := range rs {
		for _, b := range r.Bullets {
			ids = append(ids, b.ID)
			texts = append(texts, b.Text)
		}
	}
	vecs, err := e.Embed(context.Background(), texts, vitae.InputDocument)
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range stores {
		if err := s.PutVectors(ids, vecs, e.Model()); err != nil {
			tb.Fatal(err)
		}
	}
}

// embedded opens the embedded backend with rs indexed.
func embedded(tb testing.TB, rs []*vitae.Resume) *index.Index {
	tb.Helper()
	ix, err := index.Open(index.Options{Path: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.Upsert(context.Background(), rs); err != nil {
		tb.Fatal(err)
	}
	return ix
}

func newEmbedder() *embed.Local { return embed.NewLocal(embed.LocalOptions{}) }

func lexReq(q string, f vitae.Filters) index.LexicalRequest {
	return index.LexicalRequest{Text: q, Filters: f, Size: 10}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
