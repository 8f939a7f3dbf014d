package match

import (
	"math"
	"reflect"
	"testing"
	"time"

	"vitae"
)

// TestRoleTitlesWorkPlace pins the slash lists that say where or how the
// work is: their place and mode items are no names of the role, their
// other items are.
func TestRoleTitlesWorkPlace(t *testing.T) {
	tests := []struct {
		title string
		want  [][]string
	}{
		{"Data Engineer (Remote-first/EU)", [][]string{{"data", "engin"}}},
		{"Data Engineer (On site/Berlin)", [][]string{{"data", "engin"}}},
		{"Data Engineer (WFH/Flexible)", [][]string{{"data", "engin"}}},
		{"Data Engineer (Remote/Contract)", [][]string{{"data", "engin"}}},
		{"Data Engineer (Hybrid/EMEA)", [][]string{{"data", "engin"}}},
		{"Platform Engineer (Remote/SRE)", [][]string{{"platform", "engin"}, {"sre"}}},
		{"Platform Engineer (Hybrid/DevOps/SRE)", [][]string{{"platform", "engin"}, {"devop"}, {"sre"}}},
		{"Platform Engineer (SRE/DevOps)", [][]string{{"platform", "engin"}, {"sre"}, {"devop"}}},
		{"Software Engineer (Frontend/Backend)", [][]string{{"softwar", "engin"}, {"frontend"}, {"backend"}}},
	}
	for _, tt := range tests {
		if got := roleTitles(tt.title); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("roleTitles(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestRoleFitWorkPlace: a place or mode of work is no role a résumé's
// title can fit by, and a role named beside one still fits.
func TestRoleFitWorkPlace(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := func(id, role string) *vitae.Resume {
		return resume(id, id, "X", role, "2020-01", "", "Did the work")
	}
	tests := []struct {
		title string
		role  string
		want  float64
	}{
		{"Data Engineer (Remote-first/EU)", "Remote Support Agent", 0},
		{"Data Engineer (On site/Berlin)", "Berlin Office Manager", 0},
		{"Data Engineer (WFH/Flexible)", "Flexible Workforce Planner", 0},
		{"Data Engineer (Remote/Contract)", "Contract Administrator", 0},
		{"Platform Engineer (Remote/SRE)", "SRE", 1},
		{"Platform Engineer (Hybrid/DevOps/SRE)", "SRE", 1},
		{"Platform Engineer (Hybrid/DevOps/SRE)", "DevOps", 1},
		{"Platform Engineer (SRE/DevOps)", "SRE", 1},
		{"Software Engineer (Frontend/Backend)", "Backend", 1},
	}
	for _, tt := range tests {
		pool := map[string]*vitae.Resume{"c": r("c", tt.role), "n": r("n", "Nurse")}
		got, _ := roleFit(tt.title, pool, defaultWeights, now, true)
		if math.Abs(got["c"]-tt.want) > 0.01 {
			t.Errorf("roleFit(%q) of %q = %.2f, want %.2f", tt.title, tt.role, got["c"], tt.want)
		}
	}
}
