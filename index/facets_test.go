package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// TestFacetsForgetRewrittenBullets checks the facet cache: a résumé
// rewritten under the same bullet IDs counts its new values, a deleted one
// and an unknown ID count nothing, and size keeps the commonest values.
func TestFacetsForgetRewrittenBullets(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	if _, err := ix.Upsert(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	all := []string{"alice-0", "alice-1", "bob-0", "bob-1", "carol-0", "nobody-0"}
	count := func(facet string, size int) []vitae.FacetCount {
		t.Helper()
		got, err := ix.Facets(all, size)
		if err != nil {
			t.Fatal(err)
		}
		return got[facet]
	}
	want := []vitae.FacetCount{{Value: "DUST Identity", Count: 2}, {Value: "Planet Labs", Count: 2}, {Value: "Mercy General", Count: 1}}
	if diff := cmp.Diff(want, count("company", 10)); diff != "" {
		t.Errorf("company (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:1], count("company", 1)); diff != "" {
		t.Errorf("company, size 1 (-want +got):\n%s", diff)
	}

	moved := sample()[0]
	moved.Hash += "-moved"
	for i := range moved.Bullets {
		moved.Bullets[i].Company, moved.Bullets[i].Skills = "Mercy General", []string{"Go", "Kubernetes", "Go"}
	}
	if _, err := ix.Upsert(ctx, []*vitae.Resume{moved}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(ctx, "bob"); err != nil {
		t.Fatal(err)
	}
	want = []vitae.FacetCount{{Value: "Mercy General", Count: 3}}
	if diff := cmp.Diff(want, count("company", 10)); diff != "" {
		t.Errorf("company after rewrite and delete (-want +got):\n%s", diff)
	}
	want = []vitae.FacetCount{{Value: "Go", Count: 2}, {Value: "Kubernetes", Count: 2}, {Value: "Epic EHR", Count: 1}}
	if diff := cmp.Diff(want, count("skill", 10)); diff != "" {
		t.Errorf("skill after rewrite, a value once per bullet (-want +got):\n%s", diff)
	}
}

// TestFacetsDuringWrites counts while a résumé is rewritten back and forth
// (run with -race): once the writes are done, the counts are the last
// write's, never a value a search cached from before it.
func TestFacetsDuringWrites(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	if _, err := ix.Upsert(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	ids := []string{"alice-0", "alice-1"}
	done := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := ix.Facets(ids, 10); err != nil {
				errs <- err
				return
			}
		}
	}()
	var last string
	for i := range 30 {
		r := sample()[0]
		last = fmt.Sprintf("Company %d", i)
		r.Hash += last
		for j := range r.Bullets {
			r.Bullets[j].Company = last
		}
		if _, err := ix.Upsert(ctx, []*vitae.Resume{r}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	got, err := ix.Facets(ids, 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]vitae.FacetCount{{Value: last, Count: 2}}, got["company"]); diff != "" {
		t.Errorf("company after the writes (-want +got):\n%s", diff)
	}
}

func TestCommonest(t *testing.T) {
	counts := map[string]int{"b": 2, "a": 2, "c": 5, "d": 1, "e": 2}
	tests := []struct {
		size int
		want []vitae.FacetCount
	}{
		{0, []vitae.FacetCount{}},
		{1, []vitae.FacetCount{{Value: "c", Count: 5}}},
		{3, []vitae.FacetCount{{Value: "c", Count: 5}, {Value: "a", Count: 2}, {Value: "b", Count: 2}}},
		{10, []vitae.FacetCount{{Value: "c", Count: 5}, {Value: "a", Count: 2}, {Value: "b", Count: 2}, {Value: "e", Count: 2}, {Value: "d", Count: 1}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.size), func(t *testing.T) {
			if diff := cmp.Diff(tt.want, commonest(counts, tt.size)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
