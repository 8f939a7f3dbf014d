package match

import (
	"math"
	"strings"
	"testing"

	"vitae"
)

// TestLeadYearsAndCareerYears pins a tryout's finding: "10+ years of
// engineering, with 3-5 years leading teams" checked only the 3 years of
// leading, so 7 years in all read as met. Both are checked now; the
// lower fit counts, and the evidence says both.
func TestLeadYearsAndCareerYears(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("short", "S", "Acme", "Engineering Manager", "2019-01", "2026-01", "Led a team of six software engineers building the billing platform"),
		resume("long", "L", "Acme", "Engineering Manager", "2012-01", "2026-01", "Led a team of six software engineers building the billing platform"),
	}
	jd := "## Requirements\n- 10+ years of software engineering experience, with 3-5 years leading engineering teams\n"
	parsed, err := ParseJD(jd, "")
	if err != nil {
		t.Fatal(err)
	}
	if r := parsed.Requirements; len(r) != 1 || r[0].Years != 3 || r[0].TotalYears != 10 {
		t.Fatalf("requirements %+v, want years 3 and total years 10", r)
	}
	got := matchOne(t, corpus, jd)
	for _, tc := range []struct {
		id   string
		fit  float64
		note string
	}{
		{"short", 0.7, "7.1 of 3 years leading, 7.1 of 10 years in all"},
		{"long", 1, "14.1 of 3 years leading, 14.1 of 10 years in all"},
	} {
		c, ok := got[tc.id]
		if !ok {
			t.Fatalf("%s: not ranked", tc.id)
		}
		if len(c.Explain.Years) != 2 || c.Explain.Years[0].Kind != "leadership" || c.Explain.Years[1].Kind != "total" {
			t.Fatalf("%s: years checks %+v, want leadership then total", tc.id, c.Explain.Years)
		}
		if math.Abs(c.Explain.YearsFit-tc.fit) > 0.01 {
			t.Errorf("%s: years fit %v, want %v", tc.id, c.Explain.YearsFit, tc.fit)
		}
		if len(c.Matched) != 1 || !strings.Contains(c.Matched[0].Years, tc.note) {
			t.Errorf("%s: evidence %+v, want a note with %q", tc.id, c.Matched, tc.note)
		}
	}
	if got["short"].Score >= got["long"].Score {
		t.Errorf("7 years in all scored %v, 14 years %v: want lower", got["short"].Score, got["long"].Score)
	}
}
