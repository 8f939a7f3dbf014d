package match

import (
	"math"
	"testing"
	"time"

	"vitae"
)

// TestRoleFitField: a field's words ("Operations Research") count only
// between titles that both name the field, whichever name a role title
// uses for the rest.
func TestRoleFitField(t *testing.T) {
	checkRoleFits(t, []roleFitCase{
		{"Operations Research Analyst", "Operations Manager", 0},
		{"Operations Research Analyst", "Ops Manager", 0},
		{"Operations Research Analyst", "Research Operations Lead", 0},
		{"Operations Research Analyst", "Head of Operations, Research", 0},
		{"Operations Research Analyst", "Operations Research Scientist", 1},
		{"Operations Research Analyst", "DevOps Engineer", 0},
		{"Operations Manager", "Operations Research Scientist", 0},
		{"Ops Manager", "Operations Research Scientist", 0},
		{"Operations Manager", "Ops Lead", 1},
		{"Research Scientist", "Research Associate", 1},
	})
}

// roleFitCase is the role fit a JD title gives one résumé role title.
type roleFitCase struct {
	title, role string
	want        float64
}

// checkRoleFits scores each role title in a pool beside a nurse (so IDF
// has a second title to read) and compares its role fit.
func checkRoleFits(t *testing.T, tests []roleFitCase) {
	t.Helper()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		pool := map[string]*vitae.Resume{
			"c": resume("c", "C", "X", tt.role, "2020-01", "", "Did the work"),
			"n": resume("n", "N", "X", "Nurse", "2020-01", "", "Cared for patients"),
		}
		got, _ := roleFit(tt.title, pool, defaultWeights, now, true)
		if math.Abs(got["c"]-tt.want) > 0.01 {
			t.Errorf("roleFit(%q) of %q = %.2f, want %.2f", tt.title, tt.role, got["c"], tt.want)
		}
	}
}
