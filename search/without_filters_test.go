package search

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// A filtered search that finds nothing says how many bullets its query
// matches without the filters, the Total of that search; a search
// without filters, or with hits, does not count.
func TestBulletsWithoutFilters(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	keywordOnly := New(s.st, nil, Options{}) // hybrid degrades to keyword
	ctx := context.Background()
	nurse := vitae.Filters{Role: []string{"Charge Nurse"}}
	nowhere := vitae.Filters{Company: []string{"Nowhere Inc"}}
	tests := []struct {
		name string
		eng  *Engine
		q    vitae.Query
		// want: the count, or -1 for none; unfiltered: the query whose
		// Total it must equal.
		want       int
		unfiltered vitae.Query
	}{
		{"keyword, request filter", s, vitae.Query{Text: "devops", Mode: vitae.ModeKeyword, Filters: nowhere}, 2,
			vitae.Query{Text: "devops", Mode: vitae.ModeKeyword}},
		{"keyword, query syntax", s, vitae.Query{Text: `devops role:"Charge Nurse"`, Mode: vitae.ModeKeyword}, 2,
			vitae.Query{Text: "devops", Mode: vitae.ModeKeyword}},
		{"keyword, date filter", s, vitae.Query{Text: "devops until:2010", Mode: vitae.ModeKeyword}, 2,
			vitae.Query{Text: "devops", Mode: vitae.ModeKeyword}},
		{"keyword, exclusion kept", s, vitae.Query{Text: `devops -manager company:"Nowhere Inc"`, Mode: vitae.ModeKeyword}, 1,
			vitae.Query{Text: "devops -manager", Mode: vitae.ModeKeyword}},
		{"hybrid", s, vitae.Query{Text: "led DevOps team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Filters: nowhere}, -2,
			vitae.Query{Text: "led DevOps team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5}},
		{"hybrid, filtered bullets do not match", s, vitae.Query{Text: "devops", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Filters: nurse}, -2,
			vitae.Query{Text: "devops", Mode: vitae.ModeHybrid, SemanticRatio: 0.5}},
		{"semantic", s, vitae.Query{Text: "led DevOps team", Mode: vitae.ModeSemantic, SemanticRatio: 1, Filters: nowhere}, -2,
			vitae.Query{Text: "led DevOps team", Mode: vitae.ModeSemantic, SemanticRatio: 1}},
		{"grouped counts bullets", s, vitae.Query{Text: "led DevOps team", GroupBy: "candidate", SemanticRatio: 0.5, Filters: nowhere}, -2,
			vitae.Query{Text: "led DevOps team", SemanticRatio: 0.5}},
		{"degraded counts keyword matches", keywordOnly, vitae.Query{Text: "devops", Mode: vitae.ModeHybrid, Filters: nowhere}, 2,
			vitae.Query{Text: "devops", Mode: vitae.ModeKeyword}},
		{"no match either way", s, vitae.Query{Text: "zzyzx", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Filters: nowhere}, 0,
			vitae.Query{Text: "zzyzx", Mode: vitae.ModeHybrid, SemanticRatio: 0.5}},
		{"no filters", s, vitae.Query{Text: "zzyzx", Mode: vitae.ModeKeyword}, -1, vitae.Query{}},
		{"filtered with hits", s, vitae.Query{Text: "devops role:manager", Mode: vitae.ModeKeyword}, -1, vitae.Query{}},
		{"filtered with hits, hybrid", s, vitae.Query{Text: "led DevOps team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Filters: vitae.Filters{Company: []string{"Planet Labs"}}}, -1, vitae.Query{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.eng.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got := res.BulletsWithoutFilters
			if tt.want == -1 {
				if got != nil {
					t.Errorf("bullets without filters %d, want none (total %d)", *got, res.Total)
				}
				return
			}
			if res.Total != 0 {
				t.Fatalf("filtered total %d, want 0: the case tests nothing", res.Total)
			}
			if got == nil {
				t.Fatal("bullets without filters not counted")
			}
			plain, err := tt.eng.Search(ctx, tt.unfiltered)
			if err != nil {
				t.Fatal(err)
			}
			if *got != plain.Total {
				t.Errorf("bullets without filters %d, the search without them totals %d", *got, plain.Total)
			}
			switch {
			case tt.want >= 0 && *got != tt.want:
				t.Errorf("bullets without filters %d, want %d", *got, tt.want)
			case tt.want == -2 && *got == 0:
				t.Errorf("bullets without filters 0, want some")
			}
		})
	}
}

func TestWithoutFilters(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"kubernetes role:PM", "kubernetes"},
		{`reduced costs skill:AWS company:"Acme Corp" role:SRE`, "reduced costs"},
		{`"site reliability" since:2019 -"data center" until:2022-06 manager`, `"site reliability" -"data center" manager`},
		{`foo:bar baz`, `foo:bar baz`}, // not a filter: kept
		{`skill: Go`, `skill: Go`},     // empty value: text
		{`a"quoted phrase"`, `a"quoted phrase"`},
		{`kubernetes -skill:Go`, `kubernetes -skill:Go`}, // an exclusion, not a filter
		{`role:"unclosed`, `role:"unclosed`},
		{`été role:Chef   cuisine`, `été cuisine`},
	} {
		got := WithoutFilters(tt.in)
		if got != tt.want {
			t.Errorf("WithoutFilters(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if diff := cmp.Diff(ParseSyntax(tt.in).Text, ParseSyntax(got).Text); diff != "" {
			t.Errorf("WithoutFilters(%q) searches other words (-want +got):\n%s", tt.in, diff)
		}
		if f := ParseSyntax(got).Filters; !f.Empty() {
			t.Errorf("WithoutFilters(%q) = %q keeps filters %s", tt.in, got, f)
		}
	}
}
