package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
)

// testVectors: vectors go in under one model, the bullets lacking them
// are listed by model, another model or dimension is refused, vectors of
// unknown bullets are skipped, and dropping them empties the store of
// vectors but not of bullets.
func testVectors(t *testing.T, h *harness) {
	h.upsert(sample()...)
	all := []string{"alice-0", "alice-1", "bob-0", "bob-1", "carol-0"}
	if m := h.s.VectorModel(); m != "" {
		t.Errorf("model of an empty store %q, want none", m)
	}
	if diff := cmp.Diff(all, h.missing("m1")); diff != "" {
		t.Errorf("missing before any vector, in ID order (-want +got):\n%s", diff)
	}
	put := func(ids []string, model string, vecs ...[]float32) error {
		if vecs == nil {
			for _, id := range ids {
				vecs = append(vecs, vectorOf(id))
			}
		}
		return h.s.PutVectors(ids, vecs, model)
	}
	if err := put([]string{"bob-1", "alice-0", "nobody-0"}, "m1"); err != nil {
		t.Fatal(err)
	}
	if st := h.stats(); st.Vectors != 2 || st.Model != "m1" || h.s.VectorModel() != "m1" {
		t.Errorf("after 2 vectors (and one of an unknown bullet): %+v, model %q", st, h.s.VectorModel())
	}
	if diff := cmp.Diff([]string{"alice-1", "bob-0", "carol-0"}, h.missing("m1")); diff != "" {
		t.Errorf("missing of m1 (-want +got):\n%s", diff)
	}
	for _, model := range []string{"m2", ""} {
		if diff := cmp.Diff(all, h.missing(model)); diff != "" {
			t.Errorf("missing of %q: every bullet (-want +got):\n%s", model, diff)
		}
	}
	refused := []struct {
		name  string
		err   error
		valid bool
	}{
		{"another model", put([]string{"carol-0"}, "m2"), false},
		{"another dimension", put([]string{"carol-0"}, "m1", make([]float32, dim+1)), false},
		{"no model identity", put([]string{"carol-0"}, ""), false},
		{"more ids than vectors", h.s.PutVectors([]string{"carol-0", "bob-0"}, [][]float32{vectorOf("carol-0")}, "m1"), false},
		{"nothing", h.s.PutVectors(nil, nil, "m1"), true},
	}
	for _, r := range refused {
		if (r.err == nil) != r.valid {
			t.Errorf("put vectors, %s: %v", r.name, r.err)
		}
	}
	if st := h.stats(); st.Vectors != 2 || st.Model != "m1" {
		t.Errorf("refused writes changed the vectors: %+v", st)
	}
	got, err := h.s.Nearest(h.ctx, vectorOf("bob-1"), 1, vitae.Filters{})
	if err != nil || len(got) != 1 || got[0].ID != "bob-1" || got[0].Score < 0.999 {
		t.Errorf("nearest to bob-1's own vector: %v, %v; want bob-1 with cosine 1", got, err)
	}
	if err := h.s.DropVectors(h.ctx); err != nil {
		t.Fatal(err)
	}
	if st := h.stats(); st.Vectors != 0 || st.Model != "" || st.Bullets != 5 || h.s.VectorModel() != "" {
		t.Errorf("after dropping vectors: %+v, model %q", st, h.s.VectorModel())
	}
	if diff := cmp.Diff(all, h.missing("m1")); diff != "" {
		t.Errorf("missing after drop (-want +got):\n%s", diff)
	}
	if err := put([]string{"carol-0"}, "m2", []float32{1, 2, 3}); err != nil {
		t.Errorf("a new model and dimension after the drop: %v", err)
	}
}

// testErasure: after Delete nothing of the résumé is retrievable by any
// read: record, bullets, keyword or vector search, facets, sources,
// vectors to back-fill.
func testErasure(t *testing.T, h *harness) {
	h.upsert(sample()...)
	h.embedAll("m1")
	if err := h.s.Delete(h.ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	bobs := []string{"bob-0", "bob-1"}
	if _, err := h.s.Resume("bob"); !notFound(err) {
		t.Errorf("Resume(bob) = %v, want not found", err)
	}
	if bs, err := h.s.Bullets(bobs); err != nil || len(bs) != 0 {
		t.Errorf("Bullets(bob's) = %v, %v; want none", bs, err)
	}
	for _, text := range []string{"DevOps team manager wiki", "bob jones", "script alert"} {
		for _, id := range h.lexical(text, vitae.Filters{}) {
			if id == "bob-0" || id == "bob-1" {
				t.Errorf("keyword %q finds deleted %s", text, id)
			}
		}
	}
	if got := h.lexical("team", vitae.Filters{Person: []string{"bob jones"}}); len(got) != 0 {
		t.Errorf("keyword search filtered to bob finds %v", got)
	}
	if diff := cmp.Diff([]string{"alice-0", "alice-1", "carol-0"}, h.nearest(vitae.Filters{})); diff != "" {
		t.Errorf("vector search after delete (-want +got):\n%s", diff)
	}
	if got := h.nearest(vitae.Filters{Company: []string{"DUST Identity"}}); len(got) != 0 {
		t.Errorf("vector search filtered to bob's company finds %v", got)
	}
	fs, err := h.s.Facets(bobs, 10)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range fs {
		if len(v) != 0 {
			t.Errorf("facet %s counts deleted bullets: %v", k, v)
		}
	}
	src, err := h.s.Sources()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := src["data/bob.json"]; ok {
		t.Error("the deleted résumé's source is still listed")
	}
	if got := h.missing("m2"); len(got) != 3 {
		t.Errorf("bullets listed for embedding after delete: %v, want alice's and carol's", got)
	}
	if st := h.stats(); st.Resumes != 2 || st.Bullets != 3 || st.Vectors != 3 {
		t.Errorf("stats after erasure: %+v", st)
	}
}

// snapshot is everything a restart must keep.
type snapshot struct {
	Stats   index.Stats
	Model   string
	Resumes []*vitae.Resume
	Sources map[string]string
	Lexical []string
	Nearest []string
	Facets  map[string][]vitae.FacetCount
}

func (h *harness) snapshot() snapshot {
	h.t.Helper()
	st := h.stats()
	st.SizeBytes, st.Approximate = 0, false // may change on close
	sn := snapshot{Stats: st, Model: h.s.VectorModel(), Lexical: h.lexical("team", vitae.Filters{}),
		Nearest: h.nearest(vitae.Filters{Since: "2015"})}
	for _, r := range sample() {
		got, err := h.s.Resume(r.ID)
		if err != nil {
			h.t.Fatalf("Resume(%s): %v", r.ID, err)
		}
		sn.Resumes = append(sn.Resumes, got)
	}
	var err error
	if sn.Sources, err = h.s.Sources(); err != nil {
		h.t.Fatal(err)
	}
	if sn.Facets, err = h.s.Facets(sn.Lexical, 10); err != nil {
		h.t.Fatal(err)
	}
	return sn
}

// testRestart: closing the store and opening it again keeps résumés,
// bullets, vectors and their model, and what every read returns; the
// résumés written before are still unchanged.
func testRestart(t *testing.T, h *harness) {
	h.upsert(sample()...)
	h.embedAll("m1")
	if err := h.s.Delete(h.ctx, "carol"); err != nil {
		t.Fatal(err)
	}
	h.upsert(sample()[2])
	before := h.snapshot()
	if before.Stats.Vectors != 4 || len(before.Nearest) == 0 {
		t.Fatalf("before the restart: %+v", before)
	}
	h.reopen()
	if diff := cmp.Diff(before, h.snapshot()); diff != "" {
		t.Errorf("after a restart (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(index.Changes{Unchanged: 3}, h.upsert(sample()...)); diff != "" {
		t.Errorf("upsert after a restart (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"carol-0"}, h.missing("m1")); diff != "" {
		t.Errorf("missing after a restart (-want +got):\n%s", diff)
	}
}
