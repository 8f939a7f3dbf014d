package match

import (
	"reflect"
	"testing"

	"vitae/index"
)

// TestNameTermsMisread pins the short names a title writes that name no
// role: reported, so role fit reads no role in them.
func TestNameTermsMisread(t *testing.T) {
	for _, tt := range []struct {
		title string
		want  []string
	}{
		{"RN - PM Shift", []string{"pm"}},
		{"Nurse, AM/PM", []string{"pm"}},
		{"Co-op Student", []string{"op"}},
		{"Op-Ed Editor", []string{"op"}},
		{"Bi-lingual Customer Support", []string{"bi"}},
		{"Bi-lingual BI Analyst", nil}, // the BI it states is the name
		{"Project Manager (PM)", nil},  // a project manager's PM is a name
		{"Ops Manager", nil},
		{"Director of Ops, Ed Tech", nil}, // "Ops", then a team
		{"Ops - Ed Programs", nil},
		{"OP-ED Editor", []string{"op"}},
	} {
		if _, got := nameTerms(tt.title, index.Terms(tt.title)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("nameTerms(%q) misread %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestRoleFitMisread: a title whose short name names no role fits no JD
// by that word.
func TestRoleFitMisread(t *testing.T) {
	checkRoleFits(t, []roleFitCase{
		{"Senior PM, Payments", "RN - PM Shift", 0},
		{"Senior PM, Payments", "Nurse, AM/PM", 0},
		{"Senior PM, Payments", "Product Manager", 1},
		{"Ops Manager", "Co-op Student", 0},
		{"Ops Manager", "Op-Ed Editor", 0},
		{"Ops Manager", "Operations Manager", 1},
		{"BI Analyst", "Bi-lingual Customer Support", 0},
		{"Operations Manager", "Director of Ops, Ed Tech", 1},
		{"Operations Manager", "Ops - Ed Programs", 1},
		{"Operations Manager", "Op-Ed Editor", 0},
	})
}
