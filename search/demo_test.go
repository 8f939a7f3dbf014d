package search

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"vitae"
	"vitae/ingest"
)

// On the demo data, leading a team said in other words ("Managed a group
// of site reliability engineers") is in the top 5 of "led SRE team":
// the lexicon says managed a group = led, site reliability engineers =
// SRE, group = team, and the soft signal hears it (softCovered).
func TestDemoLeadInOtherWords(t *testing.T) {
	files, err := filepath.Glob("../data/*")
	if err != nil {
		t.Fatal(err)
	}
	var rs []*vitae.Resume
	for _, f := range files {
		r, err := ingest.File(f, ingest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		rs = append(rs, r)
	}
	s, _ := newEngineWith(t, rs)
	res, err := s.Search(context.Background(), vitae.Query{Text: "led SRE team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	found := false
	for _, h := range res.Hits {
		texts = append(texts, h.Text)
		found = found || strings.HasPrefix(h.Text, "Managed a group of") && strings.Contains(h.Text, "site reliability engineers")
	}
	if !found {
		t.Errorf("top 5 of \"led SRE team\" has no \"Managed a group of … site reliability engineers\" (Jordan Lee, Marcus Bell): %q", texts)
	}
}
