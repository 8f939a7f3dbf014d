package vitae

import (
	"strconv"
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

func TestWindow(t *testing.T) {
	tests := []struct {
		since, until string
		from, to     string // "" for zero
		code         string
	}{
		{"", "", "", "", ""},
		{"2019", "", "2019-01-01", "", ""},
		{"", "2019-06", "", "2019-07-01", ""},
		{"2019-03", "2019-03", "2019-03-01", "2019-04-01", ""},
		{"2020", "2019", "", "", EINVALID},
		{"soon", "", "", "", EINVALID},
		{"", "0000", "", "", EINVALID},
		{strconv.Itoa(time.Now().Year() + 1), "", "", "", EINVALID},
		{time.Now().AddDate(0, 2, 0).Format("2006-01"), "", "", "", EINVALID},
		{"2199", "", "", "", EINVALID},
		{"", strconv.Itoa(time.Now().Year() + 1), "", time.Date(time.Now().Year()+2, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), ""},
	}
	day := func(x time.Time) string {
		if x.IsZero() {
			return ""
		}
		return x.Format(time.DateOnly)
	}
	for _, tt := range tests {
		from, to, err := Window(tt.since, tt.until)
		if ErrorCode(err) != tt.code && !(tt.code == "" && err == nil) {
			t.Errorf("Window(%q, %q) error %v, want code %q", tt.since, tt.until, err, tt.code)
			continue
		}
		if err == nil && (day(from) != tt.from || day(to) != tt.to) {
			t.Errorf("Window(%q, %q) = %s..%s, want %s..%s", tt.since, tt.until, day(from), day(to), tt.from, tt.to)
		}
	}
}
