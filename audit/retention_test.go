package audit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"vitae"
	"vitae/audit"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestSweepErasesExpiredOnAFakeClock: three résumés in a real index; one
// is touched again later, one gets a human action; after 24 months only
// the idle one is erased — from the index and, by tombstone, from the log.
func TestSweepErasesExpiredOnAFakeClock(t *testing.T) {
	rs := []*vitae.Resume{
		searchtest.Resume("idle", "Ida Idle", "Acme", "SRE", "2019", "2021", "Ran the on-call rotation"),
		searchtest.Resume("updated", "Uma Updated", "Acme", "SRE", "2019", "2021", "Migrated services to Kubernetes"),
		searchtest.Resume("opened", "Otto Opened", "Acme", "SRE", "2019", "2021", "Cut cloud costs by a third"),
	}
	eng := search.New(searchtest.Index(t, nil, rs), nil, search.Options{})
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := openLog(t, t.TempDir(), c, false)
	ctx := context.Background()
	ids := []string{"idle", "updated", "opened"}
	const keep = 17520 * time.Hour // 24 months

	if exp, err := l.Expired(ids, keep); err != nil || len(exp) != 0 {
		t.Fatalf("first plan: %v %v, want nothing (clocks start now)", exp, err)
	}
	c.Advance(12 * 30 * 24 * time.Hour)
	if err := l.Touch([]string{"updated"}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Record(ctx, audit.Event{Action: audit.Opened, Subject: "opened"}); err != nil {
		t.Fatal(err)
	}
	c.Advance(13 * 30 * 24 * time.Hour) // 25 months after the start, 13 after the activity
	// Being ranked is not the candidate's activity.
	if _, err := l.Record(ctx, audit.Event{Action: audit.Search, Ranked: []audit.Ranked{{ResumeID: "idle", Score: 1}}}); err != nil {
		t.Fatal(err)
	}

	plan, err := l.Expired(ids, keep)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].ResumeID != "idle" {
		t.Fatalf("plan = %+v, want only idle", plan)
	}
	done, err := l.Sweep(ctx, eng, ids, keep)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || done[0].ResumeID != "idle" {
		t.Fatalf("sweep erased %+v", done)
	}
	if _, err := eng.Resume(ctx, "idle"); !errors.Is(err, vitae.ErrNotFound) {
		t.Errorf("idle still in the index: %v", err)
	}
	for _, id := range []string{"updated", "opened"} {
		if _, err := eng.Resume(ctx, id); err != nil {
			t.Errorf("%s was erased: %v", id, err)
		}
	}
	recs := collect(t, l, audit.Filter{Action: audit.Deleted})
	if len(recs) != 1 || recs[0].Actor != "retention" || recs[0].Subjects[recs[0].Subject] != audit.Erased {
		t.Errorf("the erasure's entry: %+v", recs)
	}
	if s := collect(t, l, audit.Filter{Action: audit.Search}); s[0].ResumeIDs()[0] != "" {
		t.Errorf("the old ranking still names the erased person: %v", s[0].ResumeIDs())
	}
	if v, _ := l.Verify(); !v.OK() {
		t.Errorf("sweep broke the chain: %+v", v)
	}
	if again, _ := l.Expired([]string{"updated", "opened"}, keep); len(again) != 0 {
		t.Errorf("second plan: %+v", again)
	}
}
