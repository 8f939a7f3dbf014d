package vector

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The HNSW graph is saved when the store closes and reused when it is
// loaded again, but only while it describes exactly the stored vectors:
// after a change that left it stale, a torn file or a file from other
// vectors, the store goes without it and rebuilds it when needed.
func TestHNSWGraphSavedAndReused(t *testing.T) {
	ctx := context.Background()
	opts := Options{ANNThreshold: 1000}
	file := filepath.Join(t.TempDir(), GraphFileName)
	// closeAndReopen does what index.Close and index.Open do: save the
	// graph, then load the stored vectors (in ID order, as bbolt keeps
	// them) into a new store and the graph file beside them.
	closeAndReopen := func(vs *Store) *Store {
		t.Helper()
		vs.Close()
		if err := vs.SaveGraph(file); err != nil {
			t.Fatal(err)
		}
		next := newStore(t, opts)
		next.Load(vs.model, vs.nLive, slices.Values(stored(vs)))
		if err := next.LoadGraph(file); err != nil && !os.IsNotExist(err) {
			t.Logf("graph not loaded: %v", err)
		}
		return next
	}
	vecs := randVecs(3000, 32, 31)
	for _, s := range []int{100, 200, 300} {
		vecs[s] = vecs[5] // folded copies survive the round trip too
	}
	qs := append(randVecs(20, 32, 32), vecs[5])
	answers := func(vs *Store) [][]Neighbor {
		t.Helper()
		var out [][]Neighbor
		for _, q := range qs {
			got, err := vs.Nearest(ctx, q, 10, nil)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got)
		}
		return out
	}

	vs := newStore(t, opts)
	bulk(t, vs, vecs)
	vs.BuildANN(ctx)
	want := answers(vs)
	vs = closeAndReopen(vs)
	st, err := os.Stat(file)
	if err != nil {
		t.Fatalf("no graph file after close: %v", err)
	}
	if !vs.Approximate() {
		t.Fatal("the saved graph was not loaded")
	}
	if got := answers(vs); !cmp.Equal(got, want) {
		t.Errorf("answers from the reloaded graph differ:\n got %v\nwant %v", got, want)
	}
	if n := len(vs.graph.Load().twins[int32(vs.pos["r00000-5"])]); n != 3 {
		t.Errorf("reloaded node carries %d copies, want 3", n)
	}
	vs = closeAndReopen(vs)
	if st2, _ := os.Stat(file); !st2.ModTime().Equal(st.ModTime()) {
		t.Error("an unchanged graph was written again")
	}

	// A torn file is not used; searches still answer (exactly, then from a rebuild).
	vs.Close()
	good, _ := os.ReadFile(file)
	os.WriteFile(file, good[:len(good)/2], 0o644)
	vs = newStore(t, opts)
	bulk(t, vs, vecs)
	if err := vs.LoadGraph(file); err == nil || vs.Approximate() {
		t.Errorf("a torn graph file was loaded (%v)", err)
	}
	if got := answers(vs); len(got[0]) != 10 {
		t.Errorf("search without the graph: %v", got[0])
	}
	vs.BuildANN(ctx)
	vs = closeAndReopen(vs) // saves the rebuilt graph

	// Change one vector and delete a résumé: the graph, stale in part, is
	// saved and reused, and finds the changed vector at its new place.
	put(vs, "r00010-1", vecs[7])
	removeResume(vs, 0) // holds the node of vector 5's copies
	vs = closeAndReopen(vs)
	if !vs.Approximate() {
		t.Fatal("the graph saved after changes was not loaded")
	}
	got, _ := vs.Nearest(ctx, vecs[7], 2, nil)
	if ids := neighborIDs(got); len(ids) == 0 || ids[0] != "r00010-1" { // r00000-7 is deleted
		t.Errorf("changed vector after reload: %v", ids)
	}
	got, _ = vs.Nearest(ctx, vecs[5], 3, nil)
	ids := neighborIDs(got)
	slices.Sort(ids)
	if !cmp.Equal(ids, []string{"r00001-0", "r00002-0", "r00003-0"}) {
		t.Errorf("copies of a deleted node after reload: %v", ids)
	}

	// The old file put back describes other vectors: refused.
	vs.Close()
	os.WriteFile(file, good, 0o644)
	next := newStore(t, opts)
	next.Load(vs.model, vs.nLive, slices.Values(stored(vs)))
	if err := next.LoadGraph(file); err == nil || next.graph.Load() != nil {
		t.Errorf("a graph of other vectors was loaded (%v)", err)
	}
}

// stored lists vs's live vectors as index keeps them on disk: by ID.
func stored(vs *Store) []Entry {
	var out []Entry
	for i, id := range vs.ids {
		if vs.live[i] {
			var m Meta
			vs.meta.get(i, &m)
			out = append(out, Entry{ID: id, Vec: slices.Clone(vs.vector(i)), Meta: m})
		}
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.ID, b.ID) })
	return out
}
