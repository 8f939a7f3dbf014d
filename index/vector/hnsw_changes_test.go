package vector

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Identical vectors share one graph node and come back with it; replacing
// or deleting the node or one of its copies keeps every other copy
// findable, and a new copy joins the node it equals.
func TestHNSWFoldsIdenticalVectors(t *testing.T) {
	ctx := context.Background()
	vs := newStore(t, Options{ANNThreshold: 1000})
	vecs := randVecs(3000, 32, 21)
	for _, s := range []int{500, 1500, 2500} {
		vecs[s] = vecs[0]
	}
	ids := bulk(t, vs, vecs)
	vs.BuildANN(context.Background())
	g := vs.graph.Load()
	if g == nil {
		t.Fatal("no graph after BuildANN")
	}
	if n := len(g.twins[int32(vs.pos[ids[0]])]); n != 3 {
		t.Fatalf("node of vector 0 carries %d copies, want 3", n)
	}
	nearest := func(v []float32, k int) []string {
		t.Helper()
		got, err := vs.Nearest(ctx, v, k, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range got {
			if n.Score > 0.9999 {
				out = append(out, n.ID)
			}
		}
		slices.Sort(out)
		return out
	}
	want := func(step string, got []string, ids ...string) {
		t.Helper()
		slices.Sort(ids)
		if !cmp.Equal(got, ids) {
			t.Errorf("%s: exact matches %v, want %v", step, got, ids)
		}
	}
	want("all copies", nearest(vecs[0], 10), ids[0], ids[500], ids[1500], ids[2500])

	// The node's own vector changes: its copies keep theirs, and it
	// becomes a copy of vector 7.
	put(vs, ids[0], vecs[7])
	want("node replaced", nearest(vecs[0], 10), ids[500], ids[1500], ids[2500])
	want("node now a copy of 7", nearest(vecs[7], 10), ids[0], ids[7])

	// A copy's vector changes.
	put(vs, ids[1500], vecs[9])
	want("copy replaced", nearest(vecs[0], 10), ids[500], ids[2500])
	want("copy now a copy of 9", nearest(vecs[9], 10), ids[9], ids[1500])

	// Deleting the résumé of whichever slot is the node now.
	removeResume(vs, 5)
	want("one copy deleted", nearest(vecs[0], 10), ids[2500])
	if vs.graph.Load() != g {
		t.Error("the graph was rebuilt; the changes above were meant to go through insert")
	}
}

// Changes to a published graph keep it searchable: a node on an upper
// layer folded into a copy of another, a node re-inserted near its old
// place (it must not link to itself), the entry point changed, a node
// with copies deleted and indexed again with the same vector, and a new
// copy in a quantized store joining its node.
func TestHNSWGraphChanges(t *testing.T) {
	ctx := context.Background()
	for _, quantize := range []bool{false, true} {
		t.Run(fmt.Sprintf("quantize=%v", quantize), func(t *testing.T) {
			vs := newStore(t, Options{ANNThreshold: 1000, Quantize: quantize})
			vecs := randVecs(3000, 32, 41)
			for _, s := range []int{1100, 2100} {
				vecs[s] = vecs[1000] // node r00010-0 carries two copies
			}
			ids := bulk(t, vs, vecs)
			vs.BuildANN(ctx)
			g := vs.graph.Load()
			slot := func(id string) int { return vs.pos[id] }
			full := func(step string) {
				t.Helper()
				for _, q := range randVecs(30, 32, 43) {
					got, err := vs.Nearest(ctx, q, 10, nil)
					if err != nil || len(got) != 10 {
						t.Fatalf("%s: a query found %d results (%v)", step, len(got), err)
					}
				}
			}

			// Upper-layer nodes become copies of a neighbour.
			folded := 0
			for i, id := range ids {
				if i >= 1000 || folded == 5 {
					break
				}
				s := slot(id)
				if len(g.links[s]) > 1 && len(g.links[s][0]) > 0 && s != g.entry {
					n := int(g.links[s][0][0])
					put(vs, id, vecs[slices.Index(ids, vs.ids[n])])
					folded++
				}
			}
			full("upper-layer nodes folded")

			// Nudged vectors, the entry point's among them: each finds itself.
			nudge := func(v []float32, k int) []float32 {
				out := slices.Clone(v)
				out[k%len(out)] += 0.05
				return out
			}
			entryID := vs.ids[g.entry]
			for k, id := range append([]string{entryID}, ids[1500:1530]...) {
				v := nudge(vecs[slices.Index(ids, id)], k)
				put(vs, id, v)
				got, _ := vs.Nearest(ctx, v, 10, nil)
				if len(got) != 10 || got[0].ID != id {
					t.Fatalf("nudged %s: nearest %v", id, neighborIDs(got))
				}
			}
			full("nudged, entry included")

			// A node with copies deleted and indexed again, same vector.
			removeResume(vs, 10) // and the résumé indexed again: no vectors yet
			put(vs, "r00010-0", vecs[1000])
			got, _ := vs.Nearest(ctx, vecs[1000], 3, nil)
			found := neighborIDs(got)
			slices.Sort(found)
			if !cmp.Equal(found, []string{"r00010-0", "r00011-0", "r00021-0"}) {
				t.Errorf("node with copies re-added: nearest %v", found)
			}

			// A new bullet with an existing vector joins that vector's node.
			put(vs, "extra-0", vecs[2500])
			if g.into[slot("extra-0")] < 0 {
				t.Error("an identical new vector was not folded into its node")
			}
			full("after every change")
			if vs.graph.Load() != g {
				t.Error("the graph was rebuilt; the changes were meant to go through insert")
			}
		})
	}
}
