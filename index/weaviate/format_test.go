package weaviate_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
	"vitae/index/weaviate"
	"vitae/index/weaviate/weaviatetest"
)

// Collections of format 1 (filters over whole lower-cased values, no
// word keys) are upgraded in place by Open: afterwards word filters find
// what the embedded index finds, in both retrievers, and the vectors are
// still there; before, they found nothing.
func TestOpenUpgradesFormat1(t *testing.T) {
	node := weaviatetest.Start(t)
	ctx := context.Background()
	opts := weaviate.Options{Collection: fmt.Sprintf("U%d", collections.Add(1))}
	old := openStore(t, node, opts)
	rs := demo(t)
	if _, err := old.Upsert(ctx, rs); err != nil {
		t.Fatal(err)
	}
	ix := embedded(t, rs)
	e := newEmbedder()
	embedAll(t, e, rs, old, ix)
	if err := old.Downgrade(ctx); err != nil {
		t.Fatal(err)
	}
	f := vitae.Filters{Role: []string{"SRE"}}
	if got := lexicalIDs(t, old, f); len(got) != 0 {
		t.Fatalf("format 1 collections found %v for role:SRE; the test needs them to find nothing", got)
	}

	opts.Hosts = node.Hosts()
	s, err := weaviate.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	q, err := e.Embed(ctx, []string{"kubernetes"}, vitae.InputQuery)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []vitae.Filters{
		{Role: []string{"SRE"}},
		{Role: []string{"product manager"}},
		{Company: []string{"helios"}},
		{Person: []string{"okafor"}},
	} {
		want := lexicalIDs(t, ix, f)
		if len(want) == 0 {
			t.Errorf("%+v: the embedded index finds nothing; pick a filter the demo data has", f)
		}
		if diff := cmp.Diff(want, lexicalIDs(t, s, f)); diff != "" {
			t.Errorf("lexical %+v after the upgrade (-embedded +weaviate):\n%s", f, diff)
		}
		if diff := cmp.Diff(nearestIDs(t, ix, q[0], f), nearestIDs(t, s, q[0], f)); diff != "" {
			t.Errorf("nearest %+v after the upgrade (-embedded +weaviate):\n%s", f, diff)
		}
	}
}

// lexicalIDs are the IDs of the bullets a filtered keyword search for
// common résumé words finds, sorted.
func lexicalIDs(tb testing.TB, s interface {
	Lexical(context.Context, index.LexicalRequest) (*index.LexicalResult, error)
}, f vitae.Filters) []string {
	tb.Helper()
	res, err := s.Lexical(context.Background(), index.LexicalRequest{
		Text: "led team built managed designed reduced improved kubernetes product", Filters: f, Size: 100})
	if err != nil {
		tb.Fatalf("lexical %+v: %v", f, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Bullet.ID)
	}
	slices.Sort(out)
	return out
}

// nearestIDs are the IDs of every bullet a filtered vector search keeps
// (k exceeds the demo data's bullets), sorted.
func nearestIDs(tb testing.TB, s interface {
	Nearest(context.Context, []float32, int, vitae.Filters) ([]index.Neighbor, error)
}, q []float32, f vitae.Filters) []string {
	tb.Helper()
	ns, err := s.Nearest(context.Background(), q, 1000, f)
	if err != nil {
		tb.Fatalf("nearest %+v: %v", f, err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	slices.Sort(out)
	return out
}
