package match

import (
	"context"
	"reflect"
	"sync/atomic"
	"testing"

	"vitae"
	"vitae/search"
)

// counted is the real engine, counting the searches it runs.
type counted struct {
	*search.Engine
	batches atomic.Int64
}

func (c *counted) SearchBatch(ctx context.Context, qs []vitae.Query) ([]*vitae.Results, error) {
	c.batches.Add(1)
	return c.Engine.SearchBatch(ctx, qs)
}

// TestPoolsKeptPerIndexVersion: a stored job's pool is found once per
// index version, so the jobs a person fits cost no searches on the next
// person's page, with the same answer as found afresh; a match of a
// pasted job description finds its own; a résumé added or erased
// changes the version, and the next fit searches again.
func TestPoolsKeptPerIndexVersion(t *testing.T) {
	eng, _ := engineWith(t, matchCorpus)
	b := &counted{Engine: eng}
	m := New(b, Options{SemanticRatio: 0.5})
	ctx := context.Background()
	jobs := fitJDs[:1]
	res, err := m.Match(ctx, Request{JobDescription: jobs[0].JobDescription, Limit: 100})
	if err != nil || len(res.Candidates) == 0 {
		t.Fatalf("match: %v, %d candidates", err, len(res.Candidates))
	}
	one, other := res.Candidates[0].ResumeID, matchCorpus[0].ID
	if other == one {
		other = matchCorpus[1].ID
	}
	searches := func(want int64, what string) {
		t.Helper()
		if n := b.batches.Load(); n != want {
			t.Errorf("%s: %d searches in all, want %d", what, n, want)
		}
	}
	first, err := m.Fits(ctx, one, jobs)
	if err != nil {
		t.Fatal(err)
	}
	searches(2, "the match, then a first fit")
	if _, err := m.Fits(ctx, other, jobs); err != nil {
		t.Fatal(err)
	}
	again, err := m.Fits(ctx, one, jobs)
	if err != nil {
		t.Fatal(err)
	}
	searches(2, "two more fits of the same job")
	fresh, err := New(eng, Options{SemanticRatio: 0.5}).Fits(ctx, one, jobs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) || !reflect.DeepEqual(again, fresh) {
		t.Errorf("the kept pool answers otherwise:\n%+v\n%+v\n%+v", first, again, fresh)
	}
	if _, err := m.Match(ctx, Request{JobDescription: jobs[0].JobDescription}); err != nil {
		t.Fatal(err)
	}
	searches(3, "a match of the same text")

	// A résumé added changes the version: the next fit searches again.
	added := resume("newcomer", "Nia Newcomer", "Acme", "Site Reliability Engineer", "2019", "", res.Candidates[0].Matched[0].Text)
	if _, err := eng.Add(ctx, []*vitae.Resume{added}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fits(ctx, one, jobs); err != nil {
		t.Fatal(err)
	}
	searches(4, "a fit after a résumé was added")
	if err := eng.Delete(ctx, "newcomer"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fits(ctx, one, jobs); err != nil {
		t.Fatal(err)
	}
	searches(5, "a fit after a résumé was erased")
}

func holds(res *Result, id string) bool {
	for _, c := range res.Candidates {
		if c.ResumeID == id {
			return true
		}
	}
	return false
}
