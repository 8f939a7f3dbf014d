package search

import (
	"context"
	"fmt"
	"testing"

	"vitae"
)

// A grouped answer lists everyone whose bullets match, not just the owners
// of the first hundred bullets: a tryout found people missing from the
// candidates view whose one matching bullet ranked past the list's pool.
// Thirty people have four strong Kubernetes bullets each (120 bullets,
// past Candidates' 100); ten have one weak one, ranked after them all.
func TestGroupedListsEveryMatchingPerson(t *testing.T) {
	var rs []*vitae.Resume
	for i := range 30 {
		rs = append(rs, resume(fmt.Sprintf("k%02d", i), fmt.Sprintf("Kube Person %d", i), "Acme", "Engineer", "2018", "2020",
			"Ran Kubernetes clusters on Kubernetes",
			fmt.Sprintf("Moved %d services to Kubernetes", i+2),
			"Kubernetes upgrades for Kubernetes operators",
			"Wrote Kubernetes operators"))
	}
	for i := range 10 {
		rs = append(rs, resume(fmt.Sprintf("w%02d", i), fmt.Sprintf("Weak Person %d", i), "Beta", "Analyst", "2018", "2020",
			"Prepared quarterly budget reports, reconciled vendor invoices, trained new analysts, and once read about Kubernetes in a newsletter",
			"Baked bread for the office"))
	}
	s, _ := newEngineWith(t, rs)
	ctx := context.Background()
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid} {
		t.Run(string(mode), func(t *testing.T) {
			seen := map[string]bool{}
			total := -1
			for offset := 0; offset < 60; offset += 7 {
				res, err := s.Search(ctx, vitae.Query{Text: "kubernetes", Mode: mode, SemanticRatio: 0.5, GroupBy: "candidate", Offset: offset, Limit: 7})
				if err != nil {
					t.Fatal(err)
				}
				if total < 0 {
					total = res.Total
				}
				for _, c := range res.Candidates {
					if seen[c.ResumeID] {
						t.Errorf("offset %d: %s listed twice", offset, c.ResumeID)
					}
					seen[c.ResumeID] = true
					if len(c.Hits) == 0 || c.Person == "" {
						t.Errorf("offset %d: %s has %d hits, person %q", offset, c.ResumeID, len(c.Hits), c.Person)
					}
					for _, h := range c.Hits {
						if h.ResumeID != c.ResumeID || len(h.Highlights) == 0 {
							t.Errorf("%s: hit %s of %s, highlights %v", c.ResumeID, h.ID, h.ResumeID, h.Highlights)
						}
					}
				}
			}
			if total != 40 || len(seen) != 40 {
				t.Errorf("total %d, pages listed %d people; want all 40", total, len(seen))
			}
			for i := range 10 {
				if id := fmt.Sprintf("w%02d", i); !seen[id] {
					t.Errorf("%s, whose one bullet ranks past the first 100, is missing", id)
				}
			}
		})
	}
}
