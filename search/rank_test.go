package search

import (
	"context"
	"math"
	"testing"

	"vitae"
	"vitae/index"
	"vitae/search/searchtest"
)

// The embedded index tells its term statistics; Rank finds them by assertion.
var _ termStatser = (*index.Index)(nil)

// rankCorpus is a small index as résumés read: "led" opens many bullets
// of every trade, "team" is everywhere, "DevOps" is in a few.
var rankCorpus = []*vitae.Resume{
	resume("ana", "Ana", "Planet Labs", "Principal SRE", "2016", "2021",
		"Led the migration of 40 services to Kubernetes",
		"Led a team of five site reliability engineers through an on-call redesign",
		"Built DevOps tooling for blue-green deploys",
		"Cut paging volume by 45% with SLO-based alerting"),
	resume("ben", "Ben", "Northwind", "DevOps Engineer", "2019", "",
		"Automated CI/CD pipelines with Jenkins and GitHub Actions",
		"Led the rollout of Terraform across three AWS accounts",
		"Worked with developers to containerise legacy Java services"),
	resume("cara", "Cara", "Studio Nine", "Design Lead", "2017", "",
		"Led the design team through a full rebrand",
		"Led user research for the mobile checkout",
		"Designed the component library used by six product teams"),
	resume("dev", "Dev", "Acme", "Engineering Manager", "2018", "",
		"Led hiring for the platform team, growing it from 4 to 12 engineers",
		"Ran quarterly planning across three product teams",
		"Owned the DevOps team's budget and vendor contracts"),
	resume("eve", "Eve", "Mercy General", "Charge Nurse", "2012", "2020",
		"Led shift handovers for a 30-bed surgical ward",
		"Supervised a team of 12 registered nurses",
		"Reduced patient falls by 30% through hourly rounding"),
	resume("finn", "Finn", "Globex", "Sales Manager", "2015", "",
		"Led the EMEA sales team to 120% of quota",
		"Negotiated enterprise contracts worth $4M",
		"Trained new account executives on the sales playbook"),
	resume("gia", "Gia", "Initech", "Software Engineer", "2020", "",
		"Led the move from REST to gRPC for internal services",
		"Built the billing service in Go",
		"Mentored two junior engineers on the payments team"),
	resume("hal", "Hal", "Umbrella", "Product Manager", "2014", "2019",
		"Led discovery for the analytics product",
		"Wrote product requirements and ran sprint reviews with the team",
		"Ran pricing experiments that lifted conversion by 8%"),
	resume("ivy", "Ivy", "Hooli", "Data Scientist", "2019", "",
		"Led the churn model project end to end",
		"Built Looker dashboards for the finance team",
		"Cleaned and joined ten years of billing data"),
	resume("jon", "Jon", "Lakeside School", "Teacher", "2010", "",
		"Led the school's robotics club to the regional finals",
		"Taught maths to classes of 30 students",
		"Organised the annual science fair"),
}

// The tryout's request: the bullets, as sent, and the query.
var (
	tryoutQuery   = "led DevOps team"
	tryoutBullets = []RankBullet{
		{Text: "Baked bread"},
		{ID: "b2", Text: "Headed the SRE group"},
		{Text: "Worked with the DevOps team on CI"},
		{Text: "Managed a team of 8 DevOps engineers"},
		{Text: "Led the design team for the new logo"},
	}
)

// noTermStats hides the index's term statistics: a store without them.
type noTermStats struct{ Store }

// TestRankTryout is the tryout's request against a real index in each
// mode: the keyword side weighs "led" as the index does (common), not as
// the five bullets sent do (one of five), and a matching bullet always
// scores above 0 and above those that do not match.
func TestRankTryout(t *testing.T) {
	ctx := context.Background()
	s, _ := newEngineWith(t, rankCorpus)
	tests := []struct {
		name string
		mode vitae.Mode
		// above: each pair's first bullet ranks above its second.
		above [][2]string
		match []string // the bullets that match; the others do not
	}{
		{"hybrid", vitae.ModeHybrid, [][2]string{
			{"4", "5"}, {"b2", "5"}, // leading DevOps or SRE engineers above leading designers
			{"3", "5"}, // the DevOps team above another team
		}, []string{"b2", "3", "4", "5"}},
		{"keyword", vitae.ModeKeyword, [][2]string{
			{"3", "5"}, {"4", "5"}, // "DevOps" rarer than "led" in the index
		}, []string{"3", "4", "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.Rank(ctx, RankRequest{Query: tryoutQuery, Mode: tt.mode, Bullets: tryoutBullets})
			if err != nil {
				t.Fatal(err)
			}
			logRanked(t, res)
			checkRanked(t, res, tt.match)
			at := positions(res)
			for _, p := range tt.above {
				if at[p[0]] > at[p[1]] {
					t.Errorf("%s ranks at %d, under %s at %d", p[0], at[p[0]], p[1], at[p[1]])
				}
			}
		})
	}
}

// TestRankWithoutIndexStatistics: with an empty index, or a store that
// tells no term statistics, the keyword side weighs the terms among the
// bullets sent, smoothed: "led" in one of them and "DevOps" in two no
// longer make "Led the design team…" outscore "Managed a team of 8
// DevOps engineers" (as long, two query words each) by a third.
func TestRankWithoutIndexStatistics(t *testing.T) {
	ctx := context.Background()
	trained := searchtest.Trained(t, rankCorpus)
	empty := searchtest.Index(t, trained, nil)
	full := searchtest.Index(t, trained, rankCorpus)
	stores := []struct {
		name string
		st   Store
	}{
		{"empty index", empty},
		{"store without term statistics", noTermStats{full}},
	}
	for _, st := range stores {
		for _, mode := range []vitae.Mode{vitae.ModeHybrid, vitae.ModeKeyword, vitae.ModeSemantic} {
			t.Run(st.name+"/"+string(mode), func(t *testing.T) {
				s := New(st.st, trained, Options{SemanticRatio: 0.5})
				res, err := s.Rank(ctx, RankRequest{Query: tryoutQuery, Mode: mode, Bullets: tryoutBullets})
				if err != nil {
					t.Fatal(err)
				}
				logRanked(t, res)
				match := []string{"b2", "3", "4", "5"}
				if mode == vitae.ModeKeyword {
					match = []string{"3", "4", "5"}
				}
				checkRanked(t, res, match)
				if mode != vitae.ModeKeyword {
					return
				}
				kw := map[string]float64{}
				for _, h := range res.Hits {
					kw[h.ID] = h.Details.Keyword
				}
				if r := kw["5"] / kw["4"]; r > 1.15 {
					t.Errorf("BM25 of %q is %.2f× that of %q: a word in one bullet of five over-weighted", "Led the design team…", r, "Managed a team…")
				}
			})
		}
	}
}

// checkRanked checks what every answer must: every bullet answered once,
// matches first, each scoring above 0 and above every bullet that does
// not match, and match as want says.
func checkRanked(t *testing.T, res *RankResult, want []string) {
	t.Helper()
	if len(res.Hits) != len(tryoutBullets) {
		t.Fatalf("%d hits for %d bullets", len(res.Hits), len(tryoutBullets))
	}
	wanted := map[string]bool{}
	for _, id := range want {
		wanted[id] = true
	}
	low := math.Inf(1) // the lowest score of a match so far
	for i, h := range res.Hits {
		if h.Match != wanted[h.ID] {
			t.Errorf("%q: match %v, want %v", h.Text, h.Match, wanted[h.ID])
		}
		if h.Match {
			if h.Score <= 0 || i > 0 && !res.Hits[i-1].Match {
				t.Errorf("%q matches, scores %g at %d: want above 0 and above every bullet that does not match", h.Text, h.Score, i+1)
			}
			low = min(low, h.Score)
		} else if h.Score >= low {
			t.Errorf("%q does not match yet scores %g, not under the matches' lowest %g", h.Text, h.Score, low)
		}
		if h.Details != nil && h.Details.Fused != h.Score {
			t.Errorf("%q: score %g, fused %g", h.Text, h.Score, h.Details.Fused)
		}
	}
	if res.NoMatch != (len(want) == 0) {
		t.Errorf("no_match %v with %d matches", res.NoMatch, len(want))
	}
}

func positions(res *RankResult) map[string]int {
	at := map[string]int{}
	for i, h := range res.Hits {
		at[h.ID] = i + 1
	}
	return at
}

func logRanked(t *testing.T, res *RankResult) {
	t.Helper()
	for _, h := range res.Hits {
		t.Logf("%6.3f %-5v %-3s %-40q kw %.3f vec %.3f soft %.3f parts %.3f", h.Score, h.Match, h.ID, h.Text,
			h.Details.Keyword, h.Details.Vector, h.Details.Soft, h.Details.Parts)
	}
}

// TestRankLeadAboveMembership is the mission's query over a pool as a
// client sends it: the bullets that say the lead, the query's action,
// rank above those that only name the DevOps team (rankParts, rankFull);
// min-max fusion alone put "Was a member of the DevOps team" second. A
// bullet's score does not hang on the others sent: sent as a pair, the
// lead still comes first and scores within 0.05 of its score here
// (min-max had moved it from 0.68 to 0.37 by dropping "Baked bread").
func TestRankLeadAboveMembership(t *testing.T) {
	ctx := context.Background()
	s, _ := newEngineWith(t, rankCorpus)
	bullets := []RankBullet{
		{ID: "member", Text: "Was a member of the DevOps team"},
		{ID: "managed", Text: "Managed a team of 6 DevOps engineers"},
		{ID: "led", Text: "Led operationally-focused teams of DevOps engineers and SREs"},
		{ID: "upon", Text: "Upon becoming a manager, I was responsible for the DevOps team"},
		{ID: "with", Text: "Worked with the DevOps team on CI pipelines"},
		{ID: "bread", Text: "Baked bread for the team"},
	}
	for _, mode := range []vitae.Mode{vitae.ModeHybrid, vitae.ModeSemantic} {
		t.Run(string(mode), func(t *testing.T) {
			res, err := s.Rank(ctx, RankRequest{Query: "led DevOps team", Mode: mode, Bullets: bullets})
			if err != nil {
				t.Fatal(err)
			}
			logRanked(t, res)
			at := positions(res)
			for _, lead := range []string{"managed", "led", "upon"} {
				for _, other := range []string{"member", "with", "bread"} {
					if at[lead] > at[other] {
						t.Errorf("%s ranks at %d, under %s at %d", lead, at[lead], other, at[other])
					}
				}
			}
			for _, h := range res.Hits {
				if h.Score < 0 || h.Score > 1 {
					t.Errorf("%s scores %g, outside 0..1", h.ID, h.Score)
				}
			}
			pair, err := s.Rank(ctx, RankRequest{Query: "led DevOps team", Mode: mode, Bullets: []RankBullet{bullets[0], bullets[1]}})
			if err != nil {
				t.Fatal(err)
			}
			logRanked(t, pair)
			if pair.Hits[0].ID != "managed" {
				t.Errorf("sent as a pair, %s ranks first", pair.Hits[0].ID)
			}
			if d := math.Abs(pair.Hits[0].Score - res.Hits[at["managed"]-1].Score); d > 0.05 {
				t.Errorf("managed scores %.3f in a pair, %.3f among six", pair.Hits[0].Score, res.Hits[at["managed"]-1].Score)
			}
		})
	}
}

// A query Rank has nothing to rank by is refused as Search refuses it
// (TestQueryWithoutWords): no words at all, or only common words ("the
// of", which the keyword side drops and the meaning side weighs
// nothing), in every mode; a common word beside another word, or a word
// only the keyword side drops ("IT"), is ranked.
func TestRankRefusesQueriesWithoutWords(t *testing.T) {
	s, _ := newEngineWith(t, rankCorpus)
	tests := []struct {
		query string
		want  string // the message; "" for an answer
	}{
		{"!!!", `query "!!!" has no words to rank by`},
		{"the of", `query "the of" has only common words, which are not ranked by; add a word that says what to find`},
		{"The AND of", `query "The AND of" has only common words, which are not ranked by; add a word that says what to find`},
		{"the DevOps team", ""},
		{"IT", ""},
	}
	for _, tt := range tests {
		for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
			t.Run(tt.query+"/"+string(mode), func(t *testing.T) {
				res, err := s.Rank(context.Background(), RankRequest{Query: tt.query, Mode: mode, Bullets: tryoutBullets})
				switch {
				case tt.want == "" && err != nil:
					t.Fatalf("refused: %v", err)
				case tt.want == "" && len(res.Hits) != len(tryoutBullets):
					t.Errorf("%d bullets ranked, want %d", len(res.Hits), len(tryoutBullets))
				case tt.want != "" && (vitae.ErrorCode(err) != vitae.EINVALID || vitae.ErrorMessage(err) != tt.want):
					t.Errorf("error %v (code %s), want invalid %q", err, vitae.ErrorCode(err), tt.want)
				}
			})
		}
	}
}
