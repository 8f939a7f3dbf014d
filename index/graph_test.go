package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/embed"
	"vitae/index/vector"
)

// Close saves the HNSW graph beside the records and Open reuses it, so a
// restart answers from the same graph without rebuilding it; the file's
// rules (exact match or rebuild) are vector's, tested there.
func TestGraphSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	opts := Options{Path: t.TempDir(), ANNThreshold: 1000}
	ix, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Upsert(ctx, projects(30, 50)); err != nil {
		t.Fatal(err)
	}
	e := embed.NewLocal(embed.LocalOptions{Dim: 32})
	embedAll(t, ix, e)
	qs, err := e.Embed(ctx, []string{"shipped a feature", "project 7", "feature 12"}, vitae.InputQuery)
	if err != nil {
		t.Fatal(err)
	}
	answers := func(ix *Index) [][]Neighbor {
		t.Helper()
		var out [][]Neighbor
		for _, q := range qs {
			got, err := ix.Nearest(ctx, q, 10, vitae.Filters{})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got)
		}
		return out
	}
	if err := ix.BuildANN(ctx); err != nil {
		t.Fatal(err)
	}
	want := answers(ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(opts.Path, vector.GraphFileName)
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("no graph file after Close: %v", err)
	}

	ix = open(t, opts)
	if st, _ := ix.Stats(); !st.Approximate {
		t.Fatal("the saved graph was not loaded on Open")
	}
	if diff := cmp.Diff(want, answers(ix)); diff != "" {
		t.Errorf("answers after reopen (-before +after):\n%s", diff)
	}
}
