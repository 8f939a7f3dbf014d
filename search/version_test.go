package search_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// order is a ranking as replay compares it: bullet IDs and scores.
func order(res *vitae.Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	for _, c := range res.Candidates {
		out = append(out, "candidate:"+c.ResumeID)
	}
	return out
}

// TestSameQuerySameVersionsSameOrder: the same query on the same index
// and model versions gives the same order and scores, from the same
// engine or a new one over the same store; a write changes the index
// version, and undoing it brings the old version back.
func TestSameQuerySameVersionsSameOrder(t *testing.T) {
	rs := []*vitae.Resume{
		searchtest.Resume("ana", "Ana", "Acme", "SRE", "2019", "2022", "Led the SRE team through a Kubernetes migration", "Ran the on-call rotation for 40 services"),
		searchtest.Resume("bo", "Bo", "Initech", "Engineer", "2018", "2020", "Led a small team building payment APIs in Go", "Cut deploy time from hours to minutes"),
		searchtest.Resume("cy", "Cy", "Globex", "Manager", "2020", "", "Managed a team of ten engineers", "Led the team migration to Kubernetes"),
	}
	emb := searchtest.Trained(t, rs)
	ix := searchtest.Index(t, emb, rs)
	ctx := context.Background()
	queries := []vitae.Query{
		{Text: "led a team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Explain: true},
		{Text: "kubernetes", Mode: vitae.ModeSemantic, GroupBy: "candidate"},
		{Text: "team", Mode: vitae.ModeKeyword, Fusion: vitae.FusionRRF},
	}
	first := search.New(ix, emb, search.Options{})
	for _, q := range queries {
		t.Run(q.Text, func(t *testing.T) {
			a, err := first.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if a.IndexVersion == "" || a.ModelVersion != emb.Model() {
				t.Fatalf("versions %q %q", a.IndexVersion, a.ModelVersion)
			}
			for _, eng := range []*search.Engine{first, search.New(ix, emb, search.Options{})} {
				b, err := eng.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if b.IndexVersion != a.IndexVersion || b.ModelVersion != a.ModelVersion {
					t.Errorf("versions moved: %s/%s then %s/%s", a.IndexVersion, a.ModelVersion, b.IndexVersion, b.ModelVersion)
				}
				if diff := cmp.Diff(order(a), order(b)); diff != "" {
					t.Errorf("order (-first +again):\n%s", diff)
				}
				if diff := cmp.Diff(a.Hits, b.Hits); diff != "" {
					t.Errorf("hits and scores (-first +again):\n%s", diff)
				}
			}
		})
	}

	before, _ := first.Versions()
	if _, err := first.Add(ctx, []*vitae.Resume{searchtest.Resume("di", "Di", "Umbrella", "SRE", "2021", "", "Led incident reviews")}); err != nil {
		t.Fatal(err)
	}
	added, _ := first.Versions()
	if added.Index == before.Index {
		t.Error("adding a résumé left the index version unchanged")
	}
	if err := first.Delete(ctx, "di"); err != nil {
		t.Fatal(err)
	}
	if after, _ := first.Versions(); after.Index != before.Index {
		t.Errorf("index version %s after undoing the add, want %s", after.Index, before.Index)
	}
	if kw, _ := search.New(ix, nil, search.Options{}).Versions(); kw.Model != "none" {
		t.Errorf("keyword-only engine reports model %q", kw.Model)
	}
}
