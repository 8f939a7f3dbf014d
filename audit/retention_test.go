package audit_test

import (
	"context"
	"errors"
	"strings"
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
	const keep = 17520 * time.Hour // 24 months
	policy := audit.Policy{Default: keep}

	if exp, err := l.Expired(rs, policy); err != nil || len(exp) != 0 {
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

	plan, err := l.Expired(rs, policy)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].ResumeID != "idle" || plan[0].Rule != audit.DefaultRule || plan[0].Keep != keep {
		t.Fatalf("plan = %+v, want only idle", plan)
	}
	done, err := l.Sweep(ctx, eng, rs, policy)
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
	if again, _ := l.Expired(rs[1:], policy); len(again) != 0 {
		t.Errorf("second plan: %+v", again)
	}
}

func TestPolicyFor(t *testing.T) {
	p := audit.Policy{Default: 24 * month, Rules: []audit.Rule{
		{Source: "upload:", Keep: 6 * month},
		{Source: "data/agency/", Keep: 12 * month},
		{Source: "data/agency/staff/", Keep: 0}, // kept until deleted
	}}
	tests := []struct {
		source string
		keep   time.Duration
		rule   string
	}{
		{"upload:ana.pdf", 6 * month, "source upload:"},
		{"data/agency/jo.json", 12 * month, "source data/agency/"},
		{"data/agency/staff/al.json", 0, "source data/agency/staff/"}, // the longest prefix wins
		{"data/other/x.json", 24 * month, audit.DefaultRule},
		{"", 24 * month, audit.DefaultRule},
	}
	for _, tt := range tests {
		keep, rule := p.For(tt.source)
		if keep != tt.keep || rule != tt.rule {
			t.Errorf("For(%q) = %s, %q; want %s, %q", tt.source, keep, rule, tt.keep, tt.rule)
		}
	}
	if !p.Active() || (audit.Policy{Rules: []audit.Rule{{Source: "x", Keep: 0}}}).Active() {
		t.Error("Active: a policy with a period is active, one without is not")
	}
	bad := audit.Policy{Default: -1, Rules: []audit.Rule{{Source: ""}, {Source: "a", Keep: -1}, {Source: "a"}}}
	err := bad.Validate()
	for _, want := range []string{"default must not be negative", "rule 1: source is empty", "rule 2 (a): keep must not be negative", `rule 3: source "a" is given twice`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to say %q", err, want)
		}
	}
}

const month = 30 * 24 * time.Hour

// TestSweepBySourceOnAFakeClock: uploads are kept 6 months, one agency's
// résumés 12, its staff folder until deleted, the rest 24. At 13 months
// of idleness only the upload and the agency résumé go, each under the
// rule the plan names; at 25 months the default catches the other.
func TestSweepBySourceOnAFakeClock(t *testing.T) {
	mk := func(id, person, source string) *vitae.Resume {
		r := searchtest.Resume(id, person, "Acme", "SRE", "2019", "2021", "Ran the on-call rotation for "+id)
		r.Source = source
		return r
	}
	rs := []*vitae.Resume{
		mk("up", "Uli Upload", "upload:uli.pdf"),
		mk("agency", "Agi Agency", "data/agency/agi.json"),
		mk("staff", "Sam Staff", "data/agency/staff/sam.json"),
		mk("other", "Oda Other", "data/other/oda.json"),
	}
	eng := search.New(searchtest.Index(t, nil, rs), nil, search.Options{})
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := openLog(t, t.TempDir(), c, false)
	ctx := context.Background()
	p := audit.Policy{Default: 24 * month, Rules: []audit.Rule{
		{Source: "upload:", Keep: 6 * month},
		{Source: "data/agency/", Keep: 12 * month},
		{Source: "data/agency/staff/", Keep: 0},
	}}
	if exp, err := l.Expired(rs, p); err != nil || len(exp) != 0 {
		t.Fatalf("first plan: %v %v, want nothing (clocks start now)", exp, err)
	}
	c.Advance(7 * month)
	plan, err := l.Expired(rs, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].ResumeID != "up" || plan[0].Rule != "source upload:" || plan[0].Keep != 6*month || plan[0].Source != "upload:uli.pdf" {
		t.Fatalf("plan at 7 months = %+v, want only the upload under its rule", plan)
	}
	c.Advance(6 * month) // 13 months
	done, err := l.Sweep(ctx, eng, rs, p)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range done {
		got[e.ResumeID] = e.Rule
	}
	if len(got) != 2 || got["up"] != "source upload:" || got["agency"] != "source data/agency/" {
		t.Fatalf("sweep at 13 months erased %+v, want up and agency", done)
	}
	for id, gone := range map[string]bool{"up": true, "agency": true, "staff": false, "other": false} {
		_, err := eng.Resume(ctx, id)
		if gone != errors.Is(err, vitae.ErrNotFound) {
			t.Errorf("%s: erased %v, want %v (%v)", id, !gone, gone, err)
		}
	}
	recs := collect(t, l, audit.Filter{Action: audit.Deleted})
	if len(recs) != 2 || recs[0].Actor != "retention" || recs[0].ReasonSHA256 == "" {
		t.Errorf("the erasures' entries: %+v", recs)
	}
	c.Advance(12 * month) // 25 months
	done, err = l.Sweep(ctx, eng, rs[2:], p)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 1 || done[0].ResumeID != "other" || done[0].Rule != audit.DefaultRule {
		t.Errorf("sweep at 25 months = %+v, want other under the default (staff is kept until deleted)", done)
	}
	if v, _ := l.Verify(); !v.OK() {
		t.Errorf("sweeps broke the chain: %+v", v)
	}
	if _, err := l.Expired(rs, audit.Policy{Rules: []audit.Rule{{Source: "", Keep: month}}}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("an invalid policy: %v, want EINVALID", err)
	}
}
