package vitae

import (
	"testing"
	"time"
)

func TestPeriodOverlaps(t *testing.T) {
	tests := []struct {
		p            Period
		since, until string
		want         bool
	}{
		{Period{"2019-03", "2020-06"}, "", "", true},
		{Period{"2019-03", "2020-06"}, "2020", "", true},
		{Period{"2019-03", "2020-06"}, "2020-07", "", false},
		{Period{"2019-03", "2020-06"}, "", "2019-03", true},
		{Period{"2019-03", "2020-06"}, "", "2019-02", false},
		{Period{"2019", "2019"}, "2019-12", "", true},
		{Period{"2019", "2019"}, "2020-01", "", false},
		{Period{"2019", ""}, "2030", "", true}, // ongoing
		{Period{"", ""}, "2019", "", false},    // undated
		{Period{"", ""}, "", "", true},
		{Period{"0000", "2019"}, "2018", "", false}, // unreadable start
	}
	for _, tt := range tests {
		if got := tt.p.Overlaps(tt.since, tt.until); got != tt.want {
			t.Errorf("%+v.Overlaps(%q, %q) = %v, want %v", tt.p, tt.since, tt.until, got, tt.want)
		}
	}
}

func TestPeriodBounds(t *testing.T) {
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		p        Period
		from, to string
		ok       bool
	}{
		{Period{"2019-03", "2020-06"}, "2019-03-01", "2020-07-01", true},
		{Period{"2019", "2019"}, "2019-01-01", "2020-01-01", true},
		{Period{"2024-01", ""}, "2024-01-01", "2026-11-30", true},
		{Period{"soon", ""}, "", "", false},
		{Period{"2019", "later"}, "", "", false},
	}
	for _, tt := range tests {
		from, to, ok := tt.p.Bounds(now)
		if ok != tt.ok {
			t.Errorf("%+v.Bounds ok = %v, want %v", tt.p, ok, tt.ok)
			continue
		}
		if ok && (from.Format(time.DateOnly) != tt.from || to.Format(time.DateOnly) != tt.to) {
			t.Errorf("%+v.Bounds = %s..%s, want %s..%s", tt.p, from.Format(time.DateOnly), to.Format(time.DateOnly), tt.from, tt.to)
		}
	}
}
