package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"vitae"
	"vitae/index"
)

// testLexical: stemmed matching, highlights escaped and marked, hits
// ranked from 1, and IDsOnly hits carrying nothing but ID, score, rank.
func testLexical(t *testing.T, h *harness) {
	h.upsert(sample()...)
	res, err := h.s.Lexical(h.ctx, index.LexicalRequest{Text: "wiki teams", Size: 10, Highlight: true, Filters: vitae.Filters{Person: []string{"bob jones"}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Hits) != 2 || res.Hits[0].Bullet.ID != "bob-1" {
		t.Fatalf("'wiki teams' for bob: %d hits of %d, want bob-1 first of 2", len(res.Hits), res.Total)
	}
	top := res.Hits[0]
	want := "Wrote &lt;script&gt;alert(1)&lt;/script&gt; &amp; other docs for the <mark>team</mark> <mark>wiki</mark>"
	if len(top.Highlights) != 1 || top.Highlights[0] != want {
		t.Errorf("highlights %q, want %q", top.Highlights, want)
	}
	if diff := cmp.Diff([]string{"team", "wiki"}, top.MatchedTerms); diff != "" {
		t.Errorf("matched terms (-want +got):\n%s", diff)
	}
	if top.Rank != 1 || res.Hits[1].Rank != 2 || top.Score < res.Hits[1].Score {
		t.Errorf("ranks %d, %d with scores %g, %g: want 1, 2 best first", top.Rank, res.Hits[1].Rank, top.Score, res.Hits[1].Score)
	}
	if top.Bullet.Company != "DUST Identity" || top.Bullet.ResumeID != "bob" || top.Bullet.Start != "2021-03" {
		t.Errorf("hit bullet lacks its fields: %+v", top.Bullet)
	}

	ids, err := h.s.Lexical(h.ctx, index.LexicalRequest{Text: "team", Size: 2, From: 1, IDsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids.Total != 4 || len(ids.Hits) != 2 || ids.Hits[0].Rank != 2 {
		t.Errorf("page 2 of 'team': %d hits of %d, first ranked %d; want 2 of 4 from rank 2", len(ids.Hits), ids.Total, ids.Hits[0].Rank)
	}
	for _, hit := range ids.Hits {
		if hit.Bullet.ID == "" || hit.Bullet.Text != "" || hit.Highlights != nil {
			t.Errorf("IDsOnly hit carries more than its ID: %+v", hit)
		}
	}
	none, err := h.s.Lexical(h.ctx, index.LexicalRequest{Text: "the and of", Size: 10})
	if err != nil || none.Total != 0 || len(none.Hits) != 0 {
		t.Errorf("stop words only: %+v, %v; want no hits", none, err)
	}
}

// parity is six people whose bullets all mention a team, dated to test
// the window rules: open roles, undated bullets, an unreadable end.
func parity() []*vitae.Resume {
	return []*vitae.Resume{
		resume("alice", "Alice Smith", "Planet Labs", "Principal Engineer", "2016-01", "2018-08", []string{"Kubernetes"}, "Led a team of SREs"),
		resume("bob", "Bob Jones", "DUST Identity", "Engineering Manager", "2021-03", "", []string{"Python"}, "Managed the DevOps team", "Wrote the team wiki"),
		resume("carol", "Carol White", "Mercy General", "Charge Nurse", "2014", "2017", []string{"Epic EHR"}, "Supervised a team of nurses"),
		resume("dave", "Dave Brown", "Planet Labs", "Staff Engineer", "2019-02", "2019-02", []string{"Go", "Kubernetes"}, "Shipped the team's billing service"),
		resume("erin", "Erin Gray", "Acme", "Engineer", "", "", []string{"go"}, "Shipped an undated team project"),
		resume("finn", "Finn Black", "Acme", "Engineer", "2020", "Present", nil, "Shipped a team tool, end unreadable"),
	}
}

// testFilterParity: for each filter, the bullets keyword search keeps
// are exactly those vector search keeps, and both are the ones the
// filter rules select.
func testFilterParity(t *testing.T, h *harness) {
	h.upsert(parity()...)
	h.embedAll("m1")
	pro := []string{vitae.SectionWork}
	tests := []struct {
		name string
		f    vitae.Filters
		want []string
	}{
		{"none", vitae.Filters{}, []string{"alice-0", "bob-0", "bob-1", "carol-0", "dave-0", "erin-0", "finn-0"}},
		{"company, any case", vitae.Filters{Company: []string{" PLANET labs "}}, []string{"alice-0", "dave-0"}},
		{"company, any of", vitae.Filters{Company: []string{"acme", "mercy general"}}, []string{"carol-0", "erin-0", "finn-0"}},
		{"role", vitae.Filters{Role: []string{"charge nurse"}}, []string{"carol-0"}},
		{"role by words", vitae.Filters{Role: []string{"engineer"}}, []string{"alice-0", "dave-0", "erin-0", "finn-0"}},
		{"person", vitae.Filters{Person: []string{"bob jones"}}, []string{"bob-0", "bob-1"}},
		{"skill, any of", vitae.Filters{Skill: []string{"go", "epic ehr"}}, []string{"carol-0", "dave-0", "erin-0"}},
		{"section", vitae.Filters{Section: pro}, []string{"alice-0", "bob-0", "bob-1", "carol-0", "dave-0", "erin-0", "finn-0"}},
		{"another section", vitae.Filters{Section: []string{vitae.SectionEducation}}, nil},
		{"unknown company", vitae.Filters{Company: []string{"initech"}}, nil},
		{"since: open roles kept, undated and unreadable ends not", vitae.Filters{Since: "2019"}, []string{"bob-0", "bob-1", "dave-0"}},
		{"until: a year is all of it", vitae.Filters{Until: "2016"}, []string{"alice-0", "carol-0"}},
		{"one month", vitae.Filters{Since: "2019-02", Until: "2019-02"}, []string{"dave-0"}},
		{"until reads the start only", vitae.Filters{Until: "2020"}, []string{"alice-0", "carol-0", "dave-0", "finn-0"}},
		{"company and since", vitae.Filters{Company: []string{"planet labs"}, Since: "2017"}, []string{"alice-0", "dave-0"}},
		{"skill and role", vitae.Filters{Skill: []string{"kubernetes"}, Role: []string{"staff engineer"}}, []string{"dave-0"}},
		{"person and until", vitae.Filters{Person: []string{"bob jones", "carol white"}, Until: "2018"}, []string{"carol-0"}},
		{"section, company, skill and window", vitae.Filters{Section: pro, Company: []string{"planet labs"}, Skill: []string{"go"}, Since: "2018", Until: "2019"}, []string{"dave-0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, h.lexical("team", tt.f)); diff != "" {
				t.Errorf("lexical (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, h.nearest(tt.f)); diff != "" {
				t.Errorf("vector (-want +got):\n%s", diff)
			}
		})
	}
}

// testInvalidFilters: an unreadable date or an empty window is EINVALID
// in both retrievers, not an empty answer.
func testInvalidFilters(t *testing.T, h *harness) {
	h.upsert(parity()...)
	h.embedAll("m1")
	for _, f := range []vitae.Filters{{Since: "last year"}, {Until: "2020-13"}, {Since: "2020", Until: "2019"}} {
		_, err := h.s.Lexical(h.ctx, index.LexicalRequest{Text: "team", Filters: f, Size: 10})
		if vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("lexical with %+v: %v, want EINVALID", f, err)
		}
		_, err = h.s.Nearest(h.ctx, query(), 10, f)
		if vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("nearest with %+v: %v, want EINVALID", f, err)
		}
	}
}

// testFacets: counts over given bullets (unknown ones count nothing),
// commonest first, cut to size, every facet present; keyword search's
// own facets over its matches agree.
func testFacets(t *testing.T, h *harness) {
	h.upsert(parity()...)
	got, err := h.s.Facets([]string{"alice-0", "bob-0", "bob-1", "dave-0", "erin-0", "nobody-0"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	fc := func(v string, n int) vitae.FacetCount { return vitae.FacetCount{Value: v, Count: n} }
	want := map[string][]vitae.FacetCount{
		"company": {fc("DUST Identity", 2), fc("Planet Labs", 2)},
		"role":    {fc("Engineering Manager", 2), fc("Engineer", 1)},
		"skill":   {fc("Kubernetes", 2), fc("Python", 2)},
		"section": {fc(vitae.SectionWork, 5)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
	none, err := h.s.Facets([]string{"nobody-0"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"company", "role", "skill", "section"} {
		if v, ok := none[k]; !ok || len(v) != 0 {
			t.Errorf("facet %s over no bullets: %v, present %v; want present and empty", k, v, ok)
		}
	}
	for _, text := range []string{"team", "shipped", "nurses"} {
		lex, err := h.s.Lexical(h.ctx, index.LexicalRequest{Text: text, Size: 50, IDsOnly: true, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, hit := range lex.Hits {
			ids = append(ids, hit.Bullet.ID)
		}
		ours, err := h.s.Facets(ids, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"company", "role", "skill", "section"} {
			if diff := cmp.Diff(ours[k], lex.Facets[k], cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%q: facet %s of the matches (-Facets +Lexical):\n%s", text, k, diff)
			}
		}
		if len(lex.Facets) == 0 {
			t.Errorf("%q: Lexical returned no facets though asked", text)
		}
	}
}
