package match

import "testing"

// TestSuccessSaysHowWell: "Proven success in" says how well, like
// "proven track record": it is no part a bullet must carry (a tryout saw
// "Led the data engineering team" partial for "Proven success in leading
// data engineering teams").
func TestSuccessSaysHowWell(t *testing.T) {
	g := NewGraderFor(Options{StrongGate: true, ContextEvidence: true})
	for _, tc := range []struct {
		req, bullet string
		want        Level
	}{
		{"Proven success in leading data engineering teams", "Led the data engineering team of 6", Strong},
		{"A successful track record of leading data engineering teams", "Led the data engineering team of 6", Strong},
		{"Proven success in leading data engineering teams", "Baked bread for the office", None},
	} {
		if got, _ := g.Grade(tc.req, tc.bullet); got != tc.want {
			t.Errorf("%q for %q: %v, want %v", tc.bullet, tc.req, got, tc.want)
		}
	}
}
