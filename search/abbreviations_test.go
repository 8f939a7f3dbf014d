package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"vitae"
)

// abbreviationCorpus holds bullets that say P&L in three ways and
// bullets that only share its letters ("L&T", "l.", "P&ID"), which the
// letters p and l used to match; likewise for M&A ("O & M", "M/s") and
// Q&A ("B&Q").
var abbreviationCorpus = []*vitae.Resume{
	resume("fin", "Fran", "Acme Retail", "Finance Director", "2018", "",
		"Owned a $40M P&L for the EMEA region",
		"Managed the P & L of the retail division",
		"Responsible for profit and loss of three stores"),
	resume("eng", "Eli", "Intertek", "Electrical Engineer", "2015", "2018",
		"?? Completed Internship in L&T",
		"l. Ensuring engineer's travel for Pre-FAT / FAT / attending meetings",
		"Carried out automation engineering as per P&ID process"),
	resume("lab", "Lou", "Helios", "Research Lead", "2016", "2021",
		"Led the R&D team of 12 engineers",
		"Integrated two acquired companies after the M&A",
		"Ran weekly Q&A sessions with customers"),
	resume("ops", "Ola", "Northwind", "DevOps Engineer", "2019", "",
		"Built CI/CD pipelines with Jenkins and Argo CD",
		"Tuned TCP/IP stacks for low latency trading",
		"Rolled out A/B testing for the checkout flow"),
	resume("site", "Sam", "Vivid Electromech", "Site Engineer", "2010", "2014",
		"Prepared drawings and the O & M manual",
		"Supplied panels to M/s Duncan Engineering Ltd",
		"Led the 3D work for the B&Q bathroom planner"),
	resume("mix", "Max", "Globex", "Operations Manager", "2012", "2019",
		"Managed a warehouse team of 40",
		"Reduced shipping costs by 15% through carrier negotiation"),
}

// An abbreviation is one word in every mode: "P&L" finds the bullets
// saying P&L or P & L (and, by meaning, profit and loss), never the
// bullets that merely hold the letters p or l; R&D, M&A, Q&A, CI/CD,
// TCP/IP and A/B find theirs.
func TestAbbreviationsInEveryMode(t *testing.T) {
	s, _ := newEngineWith(t, abbreviationCorpus)
	ctx := context.Background()
	letters := []string{"eng-0", "eng-1", "eng-2"} // L&T, "l.", P&ID
	tests := []struct {
		query string
		mode  vitae.Mode
		want  []string // among the hits
		not   []string // never among them
	}{
		{"P&L", vitae.ModeKeyword, []string{"fin-0", "fin-1"}, append([]string{"fin-2"}, letters...)},
		{"P&L", vitae.ModeSemantic, []string{"fin-0", "fin-1", "fin-2"}, letters},
		{"P&L", vitae.ModeHybrid, []string{"fin-0", "fin-1", "fin-2"}, letters},
		{"p & l responsibility", vitae.ModeKeyword, []string{"fin-0", "fin-1", "fin-2"}, letters}, // "responsible"
		{"R&D", vitae.ModeKeyword, []string{"lab-0"}, []string{"eng-1"}},
		{"R&D", vitae.ModeHybrid, []string{"lab-0"}, []string{"eng-1"}},
		{"M&A", vitae.ModeKeyword, []string{"lab-1"}, []string{"site-0", "site-1"}},
		{"M&A", vitae.ModeHybrid, []string{"lab-1"}, []string{"site-0", "site-1"}},
		{"Q&A", vitae.ModeKeyword, []string{"lab-2"}, []string{"site-2"}},
		{"Q&A", vitae.ModeSemantic, []string{"lab-2"}, []string{"site-2"}},
		{"CI/CD", vitae.ModeKeyword, []string{"ops-0"}, nil},
		{"CI/CD", vitae.ModeHybrid, []string{"ops-0"}, nil},
		{"TCP/IP", vitae.ModeKeyword, []string{"ops-1"}, nil},
		{"TCP/IP", vitae.ModeSemantic, []string{"ops-1"}, nil},
		{"A/B testing", vitae.ModeHybrid, []string{"ops-2"}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%s", tt.query, tt.mode), func(t *testing.T) {
			res, err := s.Search(ctx, vitae.Query{Text: tt.query, Mode: tt.mode, SemanticRatio: 0.5, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res.Hits)
			if res.NoMatch {
				t.Fatalf("no_match; closest %v", got)
			}
			for _, id := range tt.want {
				if !slices.Contains(got, id) {
					t.Errorf("hits %v lack %s", got, id)
				}
			}
			for _, id := range tt.not {
				if slices.Contains(got, id) {
					t.Errorf("hits %v hold %s", got, id)
				}
			}
		})
	}
}

// Ranking ad-hoc bullets reads "P&L" as the index does: the bullets
// holding only its letters do not match.
func TestRankAbbreviations(t *testing.T) {
	s, _ := newEngineWith(t, abbreviationCorpus)
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid} {
		t.Run(string(mode), func(t *testing.T) {
			res, err := s.Rank(context.Background(), RankRequest{Query: "managed a P&L", Mode: mode, Bullets: []RankBullet{
				{ID: "lt", Text: "?? Completed Internship in L&T"},
				{ID: "pid", Text: "Carried out automation as per P&ID process"},
				{ID: "pnl", Text: "Owned a $40M P&L for the EMEA region"},
			}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Hits[0].ID != "pnl" || !res.Hits[0].Match {
				t.Errorf("first %+v, want the P&L bullet, matching", res.Hits[0])
			}
			for _, h := range res.Hits[1:] {
				if h.Match {
					t.Errorf("%s (%q) matches", h.ID, h.Text)
				}
			}
		})
	}
}
