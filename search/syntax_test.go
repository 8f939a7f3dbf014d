package search

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"vitae"
)

func TestParseSyntax(t *testing.T) {
	tests := []struct {
		in   string
		want Syntax
	}{
		{"led DevOps team", Syntax{Text: "led DevOps team"}},
		{`"site reliability" manager`, Syntax{Text: "site reliability manager", Phrases: []string{"site reliability"}}},
		{`kubernetes -openshift`, Syntax{Text: "kubernetes", Exclude: []string{"openshift"}}},
		{`migration -"data center"`, Syntax{Text: "migration", Exclude: []string{"data center"}}},
		{`kubernetes OR k8s`, Syntax{Text: "kubernetes k8s"}},
		{`reduced costs skill:AWS company:"Acme Corp" role:SRE`, Syntax{Text: "reduced costs",
			Filters: vitae.Filters{Skill: []string{"AWS"}, Company: []string{"Acme Corp"}, Role: []string{"SRE"}}}},
		{`hiring since:2019 until:2022-06`, Syntax{Text: "hiring", Filters: vitae.Filters{Since: "2019", Until: "2022-06"}}},
		{`https://example.com c++ node.js ci/cd`, Syntax{Text: "https://example.com c++ node.js ci/cd"}},
		{`foo:bar baz`, Syntax{Text: "foo:bar baz"}},                  // unknown field: plain text
		{`"unclosed quote here`, Syntax{Text: "unclosed quote here"}}, // never fails
		{`- lone dash`, Syntax{Text: "- lone dash"}},
		{`skill: Go`, Syntax{Text: "Go", NoValue: []string{"skill"}}}, // no value: refused by the engine
		{`led team skill:`, Syntax{Text: "led team", NoValue: []string{"skill"}}},
		{`led team company:""`, Syntax{Text: "led team", NoValue: []string{"company"}}},
		{`Role: since: x`, Syntax{Text: "x", NoValue: []string{"Role", "since"}}},
		{`note: foo:`, Syntax{Text: "note: foo:"}}, // unknown fields: plain text
		{`""  "   "`, Syntax{}},
		{`-"" x`, Syntax{Text: "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ParseSyntax(tt.in)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseSyntax(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSyntaxMerge(t *testing.T) {
	s := ParseSyntax(`x skill:Go since:2019`)
	got := s.Merge(vitae.Filters{Skill: []string{"Rust"}, Since: "2020"})
	want := vitae.Filters{Skill: []string{"Rust", "Go"}, Since: "2020"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Merge (-want +got):\n%s", diff)
	}
}

func FuzzParseSyntax(f *testing.F) {
	for _, s := range []string{`a "b c" -d skill:e`, `"`, `-"x`, `role:"a b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		s := ParseSyntax(q) // must not panic
		for _, p := range s.Phrases {
			if p == "" {
				t.Fatalf("empty phrase from %q", q)
			}
		}
	})
}

// A query with nothing to search for is refused with a message that says
// what it has instead: only common words ("the and of", which the keyword
// side drops and the meaning side weighs nothing) are refused too, not
// answered with the closest bullets; a word only the keyword side drops
// ("IT") is searched; a literal query is read as it is.
func TestQueryWithoutWords(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	tests := []struct {
		name string
		q    vitae.Query
		want string // the message's tail; "" for an answer
	}{
		{"punctuation", vitae.Query{Text: "!!!"}, `"!!!" has no words to search for`},
		{"zero-width space", vitae.Query{Text: "\u200b"}, `has no words to search for`},
		{"emoji", vitae.Query{Text: "🚀"}, `"🚀" has no words to search for`},
		{"empty quotes", vitae.Query{Text: `""""`}, `has no words to search for`},
		{"quoted punctuation", vitae.Query{Text: `"--"`}, `has no words to search for`},
		{"operator", vitae.Query{Text: "OR"}, `"OR" has no words to search for, only the operator OR`},
		{"operators", vitae.Query{Text: "| OR ||"}, `has no words to search for, only the operator OR`},
		{"exclusion", vitae.Query{Text: "-devops"}, `"-devops" has no words to search for, only exclusions or field filters`},
		{"exclusion and punctuation", vitae.Query{Text: "-devops ?"}, `only exclusions or field filters`},
		{"field filter", vitae.Query{Text: "skill:Go"}, `only exclusions or field filters`},
		{"stop words", vitae.Query{Text: "the and of"}, `"the and of" has only common words, which are not searched; add a word that says what to find`},
		{"a quoted line of stop words", vitae.Query{Text: `"to be or not to be"`}, `has only common words, which are not searched; add a word that says what to find`},
		{"stop words and an exclusion", vitae.Query{Text: "the of -devops"}, `has only common words, which are not searched; add a word that says what to find`},
		{"stop words and a filter", vitae.Query{Text: "the skill:Go"}, `has only common words, which are not searched; add a word that says what to find`},
		{"a stop word and a word", vitae.Query{Text: "the kubernetes"}, ""},
		{"a word only keywords drop", vitae.Query{Text: "IT"}, ""},
		{"literal stop words", vitae.Query{Text: "the and of", Literal: true}, ""},
		{"a number", vitae.Query{Text: "2019"}, ""},
		{"literal operator", vitae.Query{Text: "OR", Literal: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid} {
				q := tt.q
				q.Mode = mode
				_, err := s.Search(context.Background(), q)
				switch {
				case tt.want == "" && err != nil:
					t.Errorf("%s: %v, want an answer", mode, err)
				case tt.want == "":
				case vitae.ErrorCode(err) != vitae.EINVALID:
					t.Errorf("%s: error %v, want code invalid", mode, err)
				case !strings.HasSuffix(err.Error(), tt.want):
					t.Errorf("%s: error %q, want it to end with %q", mode, err, tt.want)
				}
			}
		})
	}
}

// A company, role or person filter with no words is refused before the
// vector side embeds the query (a slow provider would have turned the
// EINVALID into a timeout), in every mode.
func TestWordlessFilterRefusedFirst(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid, vitae.ModeSemantic} {
		for _, q := range []vitae.Query{
			{Text: "kubernetes", Filters: vitae.Filters{Role: []string{"--"}}},
			{Text: `kubernetes company:"*"`},
		} {
			q.Mode, q.SemanticRatio, q.Limit = mode, 0.5, 10
			if _, err := s.prepare(q); vitae.ErrorCode(err) != vitae.EINVALID {
				t.Errorf("%s %q %+v: prepare error %v, want EINVALID", mode, q.Text, q.Filters, err)
			}
		}
	}
}

// A field filter without a value is refused, naming the filter and how
// to write one, in every mode: "skill:" was searched as the word skill.
func TestFilterWithoutValue(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	tests := []struct {
		text string
		want string // in the message; "" for an answer
	}{
		{"skill:", `the filter "skill:" has no value`},
		{"led team skill:", `the filter "skill:" has no value: write the value right after the colon, skill:Go, or in quotes, skill:"machine learning"`},
		{"skill: Go", `the filter "skill:" has no value`},
		{`led team company:""`, `the filter "company:" has no value`},
		{`managed since: 2019`, `the filter "since:" has no value: write the value right after the colon, since:2019, or in quotes, since:"2019-06"`},
		{"led team Role:", `the filter "Role:" has no value`},
		{"led team skill:Kubernetes", ""},
		{"led team note:", ""}, // not a filter: a word
	}
	for _, tt := range tests {
		for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
			t.Run(tt.text+"/"+string(mode), func(t *testing.T) {
				_, err := s.Search(context.Background(), vitae.Query{Text: tt.text, Mode: mode, SemanticRatio: 0.5})
				switch {
				case tt.want == "" && err != nil:
					t.Errorf("%v, want an answer", err)
				case tt.want == "":
				case vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(err.Error(), tt.want):
					t.Errorf("error %v (%s), want invalid saying %q", err, vitae.ErrorCode(err), tt.want)
				}
			})
		}
	}
}
