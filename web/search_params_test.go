package web

import (
	"net/url"
	"strings"
	"testing"

	"vitae"
)

func TestSearchParamsToggleAndChips(t *testing.T) {
	p := parseSearchParams(url.Values{"q": {"led DevOps team"}, "skill": {"Go", " ", "Go"}, "page": {"3"}})
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"blank and repeated values drop", strings.Join(p.Skills, ","), "Go"},
		{"add a skill, back to page 1", p.toggle("skill", "Kubernetes").URL(), "/?q=led+DevOps+team&skill=Go&skill=Kubernetes"},
		{"remove a skill, any case", p.toggle("skill", "go").URL(), "/?q=led+DevOps+team"},
		{"add a company", p.toggle("company", "CoreOS").URL(), "/?company=CoreOS&q=led+DevOps+team&skill=Go"},
		{"toggling leaves p alone", p.URL(), "/?page=3&q=led+DevOps+team&skill=Go"},
		{"chip removes its filter", p.chips()[0].Remove, "/?q=led+DevOps+team"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestWhyMatchedInWords(t *testing.T) {
	tests := []struct {
		name, query string
		terms       []string
		kw, vec     int
		want        string
	}{
		{"both", "led DevOps team", []string{"DevOps", "team"}, 1, 3, "Matches “devops”, “team” · 2 of 3 query words · keyword match and similar meaning"},
		{"meaning only", "led DevOps team", nil, 0, 2, "Similar meaning, no shared words"},
		{"stemmed term", "managed teams", []string{"managing"}, 2, 0, "Matches “managed” · 1 of 2 query words · keyword match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hitWith(tt.terms, tt.kw, tt.vec)
			if got := hitWhy(tt.query, h); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func hitWith(terms []string, kwRank, vecRank int) vitae.Hit {
	return vitae.Hit{MatchedTerms: terms, Details: &vitae.ScoreDetails{KeywordRank: kwRank, VectorRank: vecRank}}
}
