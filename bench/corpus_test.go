package bench

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

var sourceBullets = []vitae.Bullet{
	{Text: "Led a team of five SREs, reducing pages by 40% and improving uptime", Company: "Acme", Role: "SRE Manager", Skills: []string{"Kubernetes"}},
	{Text: "Migrated the monolith to microservices on Kubernetes while keeping zero downtime", Company: "Globex", Role: "Staff Engineer", Skills: []string{"Go"}},
	{Text: "Designed REST APIs in Go; cut p99 latency from 800ms to 120ms", Company: "Initech", Role: "Backend Engineer"},
}

func TestGenerateIsDeterministicAndSized(t *testing.T) {
	opts := CorpusOptions{Bullets: 105, BulletsPerResume: 20, Seed: 7}
	a, err := Generate(sourceBullets, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(sourceBullets, opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed gave different corpora (-first +second):\n%s", diff)
	}
	total, ids := 0, map[string]bool{}
	for _, r := range a {
		for _, bl := range r.Bullets {
			total++
			if ids[bl.ID] {
				t.Errorf("duplicate bullet ID %s", bl.ID)
			}
			ids[bl.ID] = true
			if bl.Text == "" || bl.ResumeID != r.ID || bl.Company == "" {
				t.Errorf("incomplete bullet %+v", bl)
			}
		}
	}
	if total != 105 || len(a) != 6 {
		t.Errorf("got %d bullets in %d résumés, want 105 in 6", total, len(a))
	}
	c, _ := Generate(sourceBullets, CorpusOptions{Bullets: 105, Seed: 8})
	if cmp.Equal(a, c) {
		t.Error("a different seed gave the same corpus")
	}
}

func TestGenerateRejectsEmptyInput(t *testing.T) {
	if _, err := Generate(nil, CorpusOptions{Bullets: 10}); err == nil {
		t.Error("no source bullets: want an error")
	}
	if _, err := Generate(sourceBullets, CorpusOptions{}); err == nil {
		t.Error("zero bullets: want an error")
	}
}
