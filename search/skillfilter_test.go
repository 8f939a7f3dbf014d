package search

import (
	"context"
	"testing"

	"vitae"
	"vitae/ingest"
)

// A skill filter by the résumé's own word finds it: indexing stores a
// listed skill by the lexicon's name ("Golang" as Go), and a tryout's
// "--skill Golang" found nothing while "--skill Go" found 96 bullets.
func TestSkillFilterByTheResumesWord(t *testing.T) {
	r, err := ingest.Parse("gopher.json", []byte(`{"basics":{"name":"Gopher"},
		"work":[{"name":"Acme","position":"Engineer","startDate":"2020-01","highlights":["Built the billing service and its Postgres schema"]}],
		"skills":[{"name":"Backend","keywords":["Golang","Splunk"]}]}`), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newEngineWith(t, []*vitae.Resume{r})
	ctx := context.Background()
	for _, tc := range []struct {
		skill string
		want  int
	}{
		{"Golang", 1}, {"golang", 1}, {"Go", 1}, {"Splunk", 1},
		{"Postgres", 1}, // named in the bullet, stored as PostgreSQL
		{"Rust", 0},
	} {
		for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid} {
			res, err := s.Search(ctx, vitae.Query{Text: "billing service", Mode: mode, SemanticRatio: 0.5, Filters: vitae.Filters{Skill: []string{tc.skill}}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) != tc.want {
				t.Errorf("%s, skill %q: %d hits, want %d", mode, tc.skill, len(res.Hits), tc.want)
			}
		}
	}
}
