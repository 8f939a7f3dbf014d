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

// TestPoolsKeptPerIndexVersion: a job's pool is found once per index
// version, so the jobs a person fits cost no searches on the next
// person's page, with the same answer; a résumé added or erased changes
// the version, and the next match searches again and finds (or no
// longer finds) them.
func TestPoolsKeptPerIndexVersion(t *testing.T) {
	eng, _ := engineWith(t, matchCorpus)
	b := &counted{Engine: eng}
	m := New(b, Options{SemanticRatio: 0.5})
	ctx := context.Background()
	req := Request{JobDescription: fitJDs[0].JobDescription}
	first, err := m.Match(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if n := b.batches.Load(); n != 1 {
		t.Fatalf("first match: %d searches, want 1", n)
	}
	again, err := m.Match(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if n := b.batches.Load(); n != 1 {
		t.Errorf("the same job again: %d searches, want the pool kept (1)", n)
	}
	if !reflect.DeepEqual(first, again) {
		t.Errorf("the kept pool answers otherwise:\n%+v\n%+v", first, again)
	}
	if _, err := m.Fits(ctx, first.Candidates[0].ResumeID, fitJDs[:1]); err != nil || b.batches.Load() != 1 {
		t.Errorf("Fits of the same job: %v, %d searches, want the pool kept", err, b.batches.Load())
	}

	// A new résumé that fits changes the version: searched again, found.
	added := resume("newcomer", "Nia Newcomer", "Acme", "Site Reliability Engineer", "2019", "",
		first.Candidates[0].Matched[0].Text)
	if _, err := eng.Add(ctx, []*vitae.Resume{added}); err != nil {
		t.Fatal(err)
	}
	after, err := m.Match(ctx, Request{JobDescription: req.JobDescription, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if n := b.batches.Load(); n != 2 {
		t.Errorf("after a résumé was added: %d searches, want 2", n)
	}
	if !holds(after, "newcomer") {
		t.Errorf("the added résumé is not among %d candidates", len(after.Candidates))
	}
	// Erased: searched again, gone.
	if err := eng.Delete(ctx, "newcomer"); err != nil {
		t.Fatal(err)
	}
	gone, err := m.Match(ctx, Request{JobDescription: req.JobDescription, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if n := b.batches.Load(); n != 3 || holds(gone, "newcomer") {
		t.Errorf("after the erasure: %d searches, newcomer listed %v; want 3, not listed", n, holds(gone, "newcomer"))
	}
}

func holds(res *Result, id string) bool {
	for _, c := range res.Candidates {
		if c.ResumeID == id {
			return true
		}
	}
	return false
}
