package index

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

func TestUpsertIsIdempotent(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	ch, err := ix.Upsert(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	if ch.Added != 3 || ch.Bullets != 5 {
		t.Errorf("first upsert: %+v", ch)
	}
	ch, err = ix.Upsert(ctx, sample())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Changes{Unchanged: 3}, ch); diff != "" {
		t.Errorf("second upsert (-want +got):\n%s", diff)
	}
	st, _ := ix.Stats()
	if st.Resumes != 3 || st.Bullets != 5 {
		t.Errorf("stats after re-upsert: %+v", st)
	}
	res, err := ix.Lexical(ctx, LexicalRequest{Text: "team", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 {
		t.Errorf("'team' matched %d bullets, want 4 (no duplicates): %v", res.Total, ids(res.Hits))
	}
}

func TestChangedResumeReplacesBullets(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	if _, err := ix.Upsert(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	changed := resume("alice", "Alice Smith", "Planet Labs", "Principal Engineer", "2016-01", "2018-08", nil, "Built a satellite imagery pipeline")
	ch, err := ix.Upsert(ctx, []*vitae.Resume{changed})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Updated != 1 || ch.Bullets != 1 {
		t.Errorf("changes: %+v", ch)
	}
	res, _ := ix.Lexical(ctx, LexicalRequest{Text: "DevOps SREs Kubernetes", Size: 50})
	for _, h := range res.Hits {
		if h.Bullet.ResumeID == "alice" {
			t.Errorf("old bullet still found: %+v", h.Bullet)
		}
	}
	r, err := ix.Resume("alice")
	if err != nil || len(r.Bullets) != 1 || r.Bullets[0].Text != "Built a satellite imagery pipeline" {
		t.Errorf("Resume(alice) = %+v, %v", r, err)
	}
}

func TestDelete(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	if _, err := ix.Upsert(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutVectors([]string{"bob-0", "alice-0"}, [][]float32{{1, 0}, {0, 1}}, "test-model"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	res, _ := ix.Lexical(ctx, LexicalRequest{Text: "DevOps team manager", Size: 50})
	for _, h := range res.Hits {
		if h.Bullet.ResumeID == "bob" {
			t.Errorf("deleted bullet found: %+v", h.Bullet)
		}
	}
	nn, _ := ix.Nearest(ctx, []float32{1, 0}, 5, vitae.Filters{})
	for _, n := range nn {
		if strings.HasPrefix(n.ID, "bob") {
			t.Errorf("deleted vector found: %v", n)
		}
	}
	if _, err := ix.Resume("bob"); !errors.Is(err, vitae.ErrNotFound) {
		t.Errorf("Resume(bob) after delete: %v", err)
	}
	if err := ix.Delete(ctx, "bob"); !errors.Is(err, vitae.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	st, _ := ix.Stats()
	if st.Resumes != 2 || st.Bullets != 3 || st.Vectors != 1 {
		t.Errorf("stats after delete: %+v", st)
	}
	src, _ := ix.Sources()
	if _, ok := src["data/bob.json"]; ok {
		t.Error("source of deleted résumé still listed")
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Upsert(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutVectors([]string{"alice-0", "bob-0"}, [][]float32{{1, 0, 0}, {0, 1, 0}}, "m1"); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutVectors([]string{"carol-0"}, [][]float32{{0, 0, 1}}, "m2"); err == nil {
		t.Error("vectors of a second model were mixed in")
	}
	if _, err := Open(Options{Path: dir}); err == nil {
		t.Error("a second Open of a busy index should fail clearly")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = open(t, Options{Path: dir})
	st, _ := ix.Stats()
	if st.Resumes != 3 || st.Bullets != 5 || st.Vectors != 2 || st.Model != "m1" {
		t.Errorf("stats after reopen: %+v", st)
	}
	nn, _ := ix.Nearest(ctx, []float32{0.1, 1, 0}, 1, vitae.Filters{})
	if len(nn) != 1 || nn[0].ID != "bob-0" {
		t.Errorf("nearest after reopen: %v", nn)
	}
}
