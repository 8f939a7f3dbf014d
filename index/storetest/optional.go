package storetest

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"vitae"
	"vitae/index"
)

// copier is a store that records candidate identities (duplicate uploads,
// erasure by identity): both backends are.
type copier interface {
	Copies(identity string) ([]string, error)
}

// vectorReader is a store whose vectors can be read back as stored
// (pipeline.Migrate): both backends are.
type vectorReader interface {
	Vectors(ctx context.Context, ids []string) (map[string][]float32, error)
}

// resumeLister is a store that streams every résumé with its bullets
// (pipeline.Migrate): both backends are.
type resumeLister interface {
	EachResume(ctx context.Context, fn func(*vitae.Resume) error) error
}

// termStatser is a store that tells its keyword index's term statistics
// (search.Engine.Rank weighs ad-hoc bullets by them): both backends are.
type termStatser interface {
	TermStats(ctx context.Context, terms []string) (index.TermStats, error)
}

// testTermStats: every bullet counted, and for each term the bullets whose
// text has it, as Terms analyses text ("teams" is "team"); the role does
// not count, an erased bullet no more, an unknown term is 0.
func testTermStats(t *testing.T, h *harness) {
	s, ok := h.s.(termStatser)
	if !ok {
		t.Skip("the store tells no term statistics")
	}
	stats := func() index.TermStats {
		t.Helper()
		st, err := s.TermStats(h.ctx, index.Terms("team DevOps managers nurses Kubernetes engineer zebra team"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	empty := stats()
	if empty.Bullets != 0 || empty.DF["team"] != 0 {
		t.Errorf("empty store: %+v, want no bullets", empty)
	}
	h.upsert(sample()...)
	// "engineer" is in alice's text (engineers) and her role; the role
	// does not count.
	want := index.TermStats{Bullets: 5, DF: map[string]int{"team": 4, "devop": 2, "manag": 1, "nurs": 1, "kubernet": 1, "engin": 1, "zebra": 0}}
	if d := cmp.Diff(want, stats()); d != "" {
		t.Errorf("term statistics (-want +got):\n%s", d)
	}
	if err := h.s.Delete(h.ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	want = index.TermStats{Bullets: 3, DF: map[string]int{"team": 2, "devop": 1, "manag": 0, "nurs": 1, "kubernet": 1, "engin": 1, "zebra": 0}}
	if d := cmp.Diff(want, stats()); d != "" {
		t.Errorf("after erasing bob (-want +got):\n%s", d)
	}
}

// testEachResume: every résumé once, with the bullets Resume gives; an
// erased one no more.
func testEachResume(t *testing.T, h *harness) {
	l, ok := h.s.(resumeLister)
	if !ok {
		t.Skip("the store cannot stream its résumés")
	}
	h.upsert(sample()...)
	if err := h.s.Delete(h.ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	got := map[string]*vitae.Resume{}
	if err := l.EachResume(h.ctx, func(r *vitae.Resume) error {
		if got[r.ID] != nil {
			t.Errorf("%s streamed twice", r.ID)
		}
		got[r.ID] = r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["bob"] != nil {
		t.Errorf("streamed %d résumés, want alice and carol", len(got))
	}
	for _, id := range []string{"alice", "carol"} {
		want, err := h.s.Resume(id)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got[id]); d != "" || len(want.Bullets) == 0 {
			t.Errorf("%s streamed (-Resume +EachResume):\n%s", id, d)
		}
	}
}

// testCopies: the résumés of one identity are listed, sorted, and leave
// the list when erased or when their identity changes.
func testCopies(t *testing.T, h *harness) {
	c, ok := h.s.(copier)
	if !ok {
		t.Skip("the store records no identities")
	}
	rs := sample()
	rs[0].Identity, rs[1].Identity, rs[2].Identity = "id-a", "id-a", "id-c"
	h.upsert(rs...)
	copies := func(identity string) []string {
		t.Helper()
		ids, err := c.Copies(identity)
		if err != nil {
			t.Fatalf("copies of %q: %v", identity, err)
		}
		return ids
	}
	tests := []struct {
		name, identity string
		want           []string
	}{
		{"two copies", "id-a", []string{"alice", "bob"}},
		{"one", "id-c", []string{"carol"}},
		{"unknown", "id-z", nil},
		{"empty identity", "", nil},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, copies(tt.identity), cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	if err := h.s.Delete(h.ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	bob := sample()[1]
	bob.Identity, bob.Hash = "id-b", bob.Hash+"-moved"
	h.upsert(bob)
	if got := copies("id-a"); len(got) != 0 {
		t.Errorf("after erasing alice and moving bob: %v, want none", got)
	}
	if d := cmp.Diff([]string{"bob"}, copies("id-b")); d != "" {
		t.Errorf("bob's new identity (-want +got):\n%s", d)
	}
}

// testVectorsReadBack: the vectors read back are the ones put, unit
// length, and only for bullets that have one.
func testVectorsReadBack(t *testing.T, h *harness) {
	r, ok := h.s.(vectorReader)
	if !ok {
		t.Skip("the store's vectors cannot be read back")
	}
	h.upsert(sample()...)
	ids := []string{"alice-0", "bob-1"}
	if err := h.s.PutVectors(ids, [][]float32{vectorOf("alice-0"), vectorOf("bob-1")}, "m1"); err != nil {
		t.Fatal(err)
	}
	got, err := r.Vectors(h.ctx, []string{"alice-0", "alice-1", "bob-1", "nobody-0"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("vectors of %d bullets, want alice-0 and bob-1 only: %v", len(got), got)
	}
	for _, id := range ids {
		if want := unit(vectorOf(id)); !cmp.Equal(want, got[id], cmp.Comparer(closeTo)) {
			t.Errorf("%s: %v, want %v", id, got[id], want)
		}
	}
}

func closeTo(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-6 }

func unit(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) / math.Sqrt(s))
	}
	return out
}
