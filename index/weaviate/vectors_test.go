package weaviate_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/index/weaviate"
)

func testVectors(t *testing.T, s *weaviate.Store) {
	ctx := context.Background()
	rs := demo(t)[:3]
	if _, err := s.Upsert(ctx, rs); err != nil {
		t.Fatal(err)
	}
	if m := s.VectorModel(); m != "" {
		t.Fatalf("VectorModel before any vector = %q", m)
	}
	missing := func(model string) []string {
		var ids []string
		if err := s.MissingVectors(ctx, model, func(id, text string) error {
			if text == "" {
				t.Errorf("MissingVectors gave %s without its text", id)
			}
			ids = append(ids, id)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	n := 0
	for _, r := range rs {
		n += len(r.Bullets)
	}
	before := missing("m1")
	if len(before) != n {
		t.Fatalf("MissingVectors before embedding: %d, want %d", len(before), n)
	}
	for i := 1; i < len(before); i++ {
		if before[i-1] >= before[i] {
			t.Fatalf("MissingVectors not in ID order: %s before %s", before[i-1], before[i])
		}
	}
	vec := func(x float32) []float32 { return []float32{x, 1, 0, 0} }
	if err := s.PutVectors(before[:2], [][]float32{vec(1), vec(2)}, "m1"); err != nil {
		t.Fatal(err)
	}
	if got := missing("m1"); len(got) != n-2 {
		t.Errorf("MissingVectors after two: %d, want %d", len(got), n-2)
	}
	if got := missing("m2"); len(got) != n {
		t.Errorf("MissingVectors of another model: %d, want every bullet (%d)", len(got), n)
	}
	for _, c := range []struct {
		name  string
		vecs  [][]float32
		model string
	}{
		{"another model", [][]float32{vec(3)}, "m2"},
		{"another dimension", [][]float32{{1, 2}}, "m1"},
		{"no model", [][]float32{vec(3)}, ""},
	} {
		if err := s.PutVectors(before[2:3], c.vecs, c.model); vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("PutVectors with %s: %v, want EINVALID", c.name, err)
		}
	}
	st, err := s.Stats()
	if err != nil || st.Vectors != 2 || st.Bullets != n || st.Resumes != 3 || st.Model != "m1" {
		t.Errorf("Stats = %+v, %v", st, err)
	}
	ns, err := s.Nearest(ctx, vec(2), 1, vitae.Filters{})
	if err != nil || len(ns) != 1 || ns[0].ID != before[1] || ns[0].Score < 0.999 {
		t.Errorf("Nearest = %+v, %v; want %s at 1", ns, err, before[1])
	}
	if _, err := s.Nearest(ctx, []float32{1}, 1, vitae.Filters{}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("Nearest with a short vector: %v, want EINVALID", err)
	}

	// A résumé re-indexed with the same texts keeps its vectors.
	r := *rs[0]
	r.Hash += "-again"
	if _, err := s.Upsert(ctx, []*vitae.Resume{&r}); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Stats(); st.Vectors != 2 {
		t.Errorf("vectors after re-indexing unchanged texts: %d, want 2", st.Vectors)
	}

	if err := s.DropVectors(ctx); err != nil {
		t.Fatal(err)
	}
	if m := s.VectorModel(); m != "" {
		t.Errorf("VectorModel after DropVectors = %q", m)
	}
	if ns, err := s.Nearest(ctx, vec(2), 5, vitae.Filters{}); err != nil || len(ns) != 0 {
		t.Errorf("Nearest after DropVectors = %v, %v", ns, err)
	}
	if err := s.PutVectors(before[:1], [][]float32{{1, 2}}, "m2"); err != nil {
		t.Errorf("PutVectors of a new model after DropVectors: %v", err)
	}
	if ns, err := s.Nearest(ctx, []float32{1, 2}, 5, vitae.Filters{}); err != nil || len(ns) != 1 {
		t.Errorf("Nearest with the new model = %v, %v; want the one vector", ns, err)
	}
}

func testBadInput(t *testing.T, s *weaviate.Store) {
	ctx := context.Background()
	long := make([]byte, 1001)
	for i := range long {
		long[i] = 'a'
	}
	cases := []struct {
		name string
		err  error
		code string
	}{
		{"since unreadable", lexErr(s, "go", vitae.Filters{Since: "last year"}), vitae.EINVALID},
		{"until before since", lexErr(s, "go", vitae.Filters{Since: "2020", Until: "2019"}), vitae.EINVALID},
		{"query too long", lexErr(s, string(long), vitae.Filters{}), vitae.EINVALID},
		{"nearest bad filter", func() error { _, err := s.Nearest(ctx, []float32{1}, 3, vitae.Filters{Until: "x"}); return err }(), vitae.EINVALID},
		{"résumé without ID", func() error { _, err := s.Upsert(ctx, []*vitae.Resume{{}}); return err }(), vitae.EINVALID},
	}
	for _, c := range cases {
		if vitae.ErrorCode(c.err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, c.err, c.code)
		}
	}
	if _, err := weaviate.Open(ctx, weaviate.Options{Collection: "lower", Consistency: "SOME"}); vitae.ErrorCode(err) != vitae.EINVALID ||
		!containsAll(err.Error(), "hosts", "collection", "consistency") {
		t.Errorf("Open with bad options: %v, want every problem named", err)
	}
}

func lexErr(s *weaviate.Store, q string, f vitae.Filters) error {
	_, err := s.Lexical(context.Background(), lexReq(q, f))
	return err
}
