package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
)

// testUpsert: new résumés are added with their bullets; writing them
// again changes nothing and finds no duplicates.
func testUpsert(t *testing.T, h *harness) {
	if diff := cmp.Diff(index.Changes{Added: 3, Bullets: 5}, h.upsert(sample()...)); diff != "" {
		t.Errorf("first upsert (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(index.Changes{Unchanged: 3}, h.upsert(sample()...)); diff != "" {
		t.Errorf("same résumés again (-want +got):\n%s", diff)
	}
	if st := h.stats(); st.Resumes != 3 || st.Bullets != 5 || st.Vectors != 0 {
		t.Errorf("stats: %+v, want 3 résumés, 5 bullets, no vectors", st)
	}
	if got, want := h.lexical("team", vitae.Filters{}), []string{"alice-0", "bob-0", "bob-1", "carol-0"}; !cmp.Equal(want, got) {
		t.Errorf("'team' finds %v, want %v (no duplicates)", got, want)
	}
}

// testReplace: a résumé whose hash changed replaces all its old bullets,
// and their vectors.
func testReplace(t *testing.T, h *harness) {
	h.upsert(sample()...)
	h.embedAll("m1")
	changed := resume("alice", "Alice Smith", "Planet Labs", "Principal Engineer", "2016-01", "2018-08", nil, "Built a satellite imagery pipeline")
	rs := append(sample()[1:], changed)
	if diff := cmp.Diff(index.Changes{Updated: 1, Unchanged: 2, Bullets: 1}, h.upsert(rs...)); diff != "" {
		t.Errorf("changed résumé (-want +got):\n%s", diff)
	}
	if got := h.lexical("DevOps SREs Kubernetes", vitae.Filters{Person: []string{"alice smith"}}); len(got) != 0 {
		t.Errorf("old bullets still found: %v", got)
	}
	r, err := h.s.Resume("alice")
	if err != nil || len(r.Bullets) != 1 || r.Bullets[0].Text != "Built a satellite imagery pipeline" {
		t.Errorf("Resume(alice) = %+v, %v", r, err)
	}
	if st := h.stats(); st.Bullets != 4 || st.Vectors != 3 {
		t.Errorf("stats: %+v, want 4 bullets and the 3 vectors of unchanged bullets", st)
	}
	if diff := cmp.Diff([]string{"alice-0"}, h.missing("m1")); diff != "" {
		t.Errorf("bullets lacking vectors (-want +got):\n%s", diff)
	}
}

// testDelete: deleting removes one résumé; an unknown one is not found.
func testDelete(t *testing.T, h *harness) {
	h.upsert(sample()...)
	if err := h.s.Delete(h.ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	if st := h.stats(); st.Resumes != 2 || st.Bullets != 3 {
		t.Errorf("stats after delete: %+v, want 2 résumés, 3 bullets", st)
	}
	for _, id := range []string{"bob", "nobody"} {
		if err := h.s.Delete(h.ctx, id); !notFound(err) {
			t.Errorf("Delete(%s) = %v, want not found", id, err)
		}
	}
}

// testRecords: résumés come back whole, pages in ID order, bullets by ID,
// and sources map to their résumés.
func testRecords(t *testing.T, h *harness) {
	h.upsert(sample()...)
	r, err := h.s.Resume("bob")
	if err != nil {
		t.Fatal(err)
	}
	want := sample()[1]
	if r.ID != "bob" || r.Person != want.Person || r.Source != want.Source {
		t.Errorf("Resume(bob) = %+v", r)
	}
	if diff := cmp.Diff(want.Bullets, r.Bullets); diff != "" {
		t.Errorf("bob's bullets, in document order (-want +got):\n%s", diff)
	}
	if _, err := h.s.Resume("nobody"); !notFound(err) {
		t.Errorf("Resume(nobody) = %v, want not found", err)
	}
	pages := []struct {
		offset, limit int
		want          []string
	}{
		{0, 2, []string{"alice", "bob"}},
		{2, 2, []string{"carol"}},
		{3, 2, nil},
		{1, 0, []string{"bob", "carol"}}, // no limit: the rest
	}
	for _, p := range pages {
		rs, total, err := h.s.Resumes(p.offset, p.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.ID)
			if len(r.Bullets) != 0 {
				t.Errorf("Resumes lists %s with %d bullets, want none", r.ID, len(r.Bullets))
			}
		}
		if total != 3 || !cmp.Equal(p.want, got) {
			t.Errorf("Resumes(%d, %d) = %v of %d, want %v of 3", p.offset, p.limit, got, total, p.want)
		}
	}
	bs, err := h.s.Bullets([]string{"carol-0", "alice-1", "nobody-0"})
	if err != nil {
		t.Fatal(err)
	}
	wantBullets := map[string]vitae.Bullet{"carol-0": sample()[2].Bullets[0], "alice-1": sample()[0].Bullets[1]}
	if diff := cmp.Diff(wantBullets, bs); diff != "" {
		t.Errorf("Bullets, unknown IDs absent (-want +got):\n%s", diff)
	}
	src, err := h.s.Sources()
	if err != nil {
		t.Fatal(err)
	}
	wantSrc := map[string]string{"data/alice.json": "alice", "data/bob.json": "bob", "data/carol.json": "carol"}
	if diff := cmp.Diff(wantSrc, src); diff != "" {
		t.Errorf("Sources (-want +got):\n%s", diff)
	}
}
