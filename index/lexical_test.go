package index

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

func TestLexicalAnalysisFiltersFacets(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	if _, err := ix.Upsert(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  LexicalRequest
		want []string
	}{
		{"stemming: teams finds team", LexicalRequest{Text: "teams"}, []string{"alice-0", "bob-0", "bob-1", "carol-0"}},
		{"stop words only", LexicalRequest{Text: "the of and"}, nil},
		{"company filter, any case", LexicalRequest{Text: "team", Filters: vitae.Filters{Company: []string{"planet labs"}}}, []string{"alice-0"}},
		{"skill filter", LexicalRequest{Text: "team", Filters: vitae.Filters{Skill: []string{"epic ehr"}}}, []string{"carol-0"}},
		{"since excludes old roles, keeps open ones", LexicalRequest{Text: "team", Filters: vitae.Filters{Since: "2019"}}, []string{"bob-0", "bob-1"}},
		{"until", LexicalRequest{Text: "team", Filters: vitae.Filters{Until: "2015-06"}}, []string{"carol-0"}},
		{"overlap", LexicalRequest{Text: "team", Filters: vitae.Filters{Since: "2018-01", Until: "2018"}}, []string{"alice-0"}},
		{"year precision overlaps", LexicalRequest{Text: "team", Filters: vitae.Filters{Since: "2017-06", Until: "2017-07"}}, []string{"alice-0", "carol-0"}},
		{"query syntax is text", LexicalRequest{Text: `team +company:x* "unclosed`}, []string{"alice-0", "bob-0", "bob-1", "carol-0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Size = 50
			res, err := ix.Lexical(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res.Hits)
			if diff := cmp.Diff(tt.want, sortedCopy(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	res, err := ix.Lexical(ctx, LexicalRequest{Text: "team", Size: 10, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Facets["company"]; len(got) != 3 || got[0].Value != "DUST Identity" || got[0].Count != 2 {
		t.Errorf("company facet: %+v", got)
	}
	if _, err := ix.Lexical(ctx, LexicalRequest{Text: "x", Filters: vitae.Filters{Since: "last year"}}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("bad since: %v", err)
	}
	if _, err := ix.Lexical(ctx, LexicalRequest{Text: strings.Repeat("a ", 600)}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("long query: %v", err)
	}
}
