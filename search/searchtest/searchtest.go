package searchtest

import (
	"context"
	"fmt"
	"testing"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/pipeline"
)

// Resume builds a résumé with one work bullet per text, bullet IDs
// "<id>-<n>"; its hash follows the texts.
func Resume(id, person, company, role, start, end string, texts ...string) *vitae.Resume {
	r := &vitae.Resume{ID: id, Person: person, Hash: fmt.Sprint(id, texts)}
	for i, t := range texts {
		r.Bullets = append(r.Bullets, vitae.Bullet{ID: fmt.Sprintf("%s-%d", id, i), ResumeID: id, Person: person, Company: company, Role: role,
			Section: vitae.SectionWork, Start: start, End: end, Text: t, Ref: fmt.Sprintf("/work/0/highlights/%d", i)})
	}
	return r
}

// Trained is the built-in embedder trained on the bullets of rs.
func Trained(tb testing.TB, rs []*vitae.Resume) *embed.Local {
	tb.Helper()
	var texts []string
	for _, r := range rs {
		for _, b := range r.Bullets {
			texts = append(texts, b.Text)
		}
	}
	l, err := embed.TrainLocal(texts, embed.LocalOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// Index opens a real index in a temporary directory, closed when the test
// ends, and adds rs through the indexing pipeline with vectors of e (nil:
// keyword only).
func Index(tb testing.TB, e vitae.Embedder, rs []*vitae.Resume) *index.Index {
	tb.Helper()
	ix, err := index.Open(index.Options{Path: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	x, err := pipeline.New(pipeline.Options{Store: ix, Embedder: e})
	if err != nil {
		tb.Fatal(err)
	}
	if len(rs) == 0 {
		return ix
	}
	sum, err := x.Add(context.Background(), rs)
	if err != nil {
		tb.Fatal(err)
	}
	if sum.DegradedBy != nil {
		tb.Fatalf("add: vectors incomplete: %v", sum.DegradedBy)
	}
	return ix
}
