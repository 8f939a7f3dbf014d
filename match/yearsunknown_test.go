package match

import (
	"math"
	"strings"
	"testing"

	"vitae"
)

// TestYearsUnknownWithoutDates pins a tryout's finding: a résumé whose
// roles carry no dates showed "0.0 of 2 years" and lost the whole years
// fit. Its years are unknown: said so, and the fit is half way.
func TestYearsUnknownWithoutDates(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("undated", "U", "Acme", "DevOps Engineer", "", "", "Ran Kubernetes in production for 40 services"),
		resume("dated", "D", "Acme", "DevOps Engineer", "2024-01", "2024-06", "Ran Kubernetes in production for 40 services"),
	}
	got := matchOne(t, corpus, "## Requirements\n- 3+ years of Kubernetes in production\n")
	for _, tc := range []struct {
		id      string
		unknown bool
		fit     float64
		note    string
	}{
		{"undated", true, unknownYearsFit, "years unknown: no role is dated (3 asked)"},
		{"dated", false, 0.167, "0.5 of 3 years of Kubernetes"},
	} {
		c, ok := got[tc.id]
		if !ok {
			t.Fatalf("%s: not ranked", tc.id)
		}
		if len(c.Explain.Years) != 1 {
			t.Fatalf("%s: years checks %+v, want 1", tc.id, c.Explain.Years)
		}
		y := c.Explain.Years[0]
		if y.Unknown != tc.unknown || math.Abs(y.Fit-tc.fit) > 0.002 || !strings.Contains(y.Note(), tc.note) {
			t.Errorf("%s: unknown %v fit %v note %q; want %v, %v, %q", tc.id, y.Unknown, y.Fit, y.Note(), tc.unknown, tc.fit, tc.note)
		}
		if math.Abs(c.Explain.YearsFit-tc.fit) > 0.002 {
			t.Errorf("%s: years fit %v, want %v", tc.id, c.Explain.YearsFit, tc.fit)
		}
	}
}
