package audit_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vitae/audit"
)

// TestRatesByHand: six candidates ranked for job "sre-1", two of them
// twice (the best score counts), decisions by a human, categories from a
// deployer's file. Every number below was worked out on paper:
//
//	candidate  best score  category  decision
//	a          0.9         X         shortlisted
//	b          0.8         X         rejected
//	c          0.7         Y         shortlisted
//	d          0.6         Y         (shortlisted, then rejected: latest wins)
//	e          0.5         Y         —
//	f          0.4         (none)    shortlisted
//
// median of 0.9 0.8 0.7 0.6 0.5 0.4 = (0.7+0.6)/2 = 0.65
// X: ranked 2, shortlisted 1 → 0.5;  above median 2 → 1.0
// Y: ranked 3, shortlisted 1 → 1/3;  above median 1 (c) → 1/3
// unknown: ranked 1, shortlisted 1 → 1.0; above median 0 → 0
// impact ratios against the best known category (X): Y 2/3 and 1/3.
func TestRatesByHand(t *testing.T) {
	c := &clock{t: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	l := openLog(t, t.TempDir(), c, false)
	ctx := context.Background()
	rank := func(job string, places ...audit.Ranked) {
		if _, err := l.Record(ctx, audit.Event{Action: audit.Match, Job: job, Ranked: places}); err != nil {
			t.Fatal(err)
		}
		c.Advance(time.Minute)
	}
	decide := func(job, id string, a audit.Action) {
		if _, err := l.Record(ctx, audit.Event{Action: a, Job: job, Subject: id}); err != nil {
			t.Fatal(err)
		}
		c.Advance(time.Minute)
	}
	rank("sre-1", audit.Ranked{ResumeID: "a", Score: 0.9}, audit.Ranked{ResumeID: "b", Score: 0.8}, audit.Ranked{ResumeID: "c", Score: 0.5})
	rank("sre-1", audit.Ranked{ResumeID: "c", Score: 0.7}, audit.Ranked{ResumeID: "d", Score: 0.6}, audit.Ranked{ResumeID: "e", Score: 0.5}, audit.Ranked{ResumeID: "f", Score: 0.4})
	rank("other", audit.Ranked{ResumeID: "e", Score: 0.99}) // another job: not counted
	decide("sre-1", "a", audit.Shortlisted)
	decide("sre-1", "b", audit.Rejected)
	decide("sre-1", "c", audit.Shortlisted)
	decide("sre-1", "d", audit.Shortlisted)
	decide("sre-1", "d", audit.Rejected)
	decide("sre-1", "f", audit.Shortlisted)
	decide("other", "e", audit.Shortlisted)

	cats, err := audit.ReadCategories(strings.NewReader("resume_id,category\na,X\nb,X\nc,Y\nd,Y\ne,Y\n"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.Rates("sre-1", time.Time{}, time.Time{}, cats)
	if err != nil {
		t.Fatal(err)
	}
	want := &audit.Rates{Job: "sre-1", Rankings: 2, Ranked: 6, Shortlisted: 3, Rejected: 2, MedianScore: 0.65,
		Categories: []audit.CategoryRates{
			{Category: "X", Ranked: 2, Shortlisted: 1, SelectionRate: 0.5, SelectionImpactRatio: 1, AboveMedian: 2, ScoringRate: 1, ScoringImpactRatio: 1},
			{Category: "Y", Ranked: 3, Shortlisted: 1, SelectionRate: 1.0 / 3, SelectionImpactRatio: 2.0 / 3, AboveMedian: 1, ScoringRate: 1.0 / 3, ScoringImpactRatio: 1.0 / 3},
			{Category: "unknown", Ranked: 1, Shortlisted: 1, SelectionRate: 1, SelectionImpactRatio: 2, AboveMedian: 0, ScoringRate: 0, ScoringImpactRatio: 0},
		}}
	approx := cmp.Comparer(func(x, y float64) bool { return x-y < 1e-9 && y-x < 1e-9 })
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("rates (-want +got):\n%s", diff)
	}

	// Without a categories file: counts only.
	plain, err := l.Rates("sre-1", time.Time{}, time.Time{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Categories != nil || plain.Ranked != 6 {
		t.Errorf("without categories: %+v", plain)
	}
	// A period that holds only the first ranking.
	early, err := l.Rates("sre-1", time.Time{}, time.Date(2026, 9, 1, 0, 0, 30, 0, time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	if early.Rankings != 1 || early.Ranked != 3 || early.Shortlisted != 0 {
		t.Errorf("first minute: %+v", early)
	}
}

func TestReadCategoriesRefusesBadLines(t *testing.T) {
	for _, in := range []string{"a,\n", "a,X\na,Y\n", "a,X,extra\n", ",X\n"} {
		if _, err := audit.ReadCategories(strings.NewReader(in)); err == nil {
			t.Errorf("%q was accepted", in)
		}
	}
}
