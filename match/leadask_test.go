package match

import (
	"testing"

	"vitae"
)

// TestAsksToLead pins review 17's third finding: a requirement asks for
// leadership years when it asks to lead people, not on a bare lead verb.
func TestAsksToLead(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"5+ years leading a team of SREs or DevOps engineers", true},
		{"5+ years of people management experience", true},
		{"3+ years of team leadership", true},
		{"2+ years in a leadership role", true},
		{"Experience managing teams of engineers", true},
		{"3+ years as a line manager", true},
		{"5+ years managing cloud infrastructure", false},
		{"3+ years leading migrations to Kubernetes", false},
		{"5+ years of technical leadership on distributed systems", false},
		{"5+ years of Go", false},
	} {
		if got := asksToLead(tc.text); got != tc.want {
			t.Errorf("asksToLead(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestManagingThingsIsNotLeadingYears: "5+ years managing cloud
// infrastructure" counts the career, so a 9-year infrastructure engineer
// meets its years; "people management" counts the years leading.
func TestManagingThingsIsNotLeadingYears(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("ic", "I", "Acme", "Infrastructure Engineer", "2015-01", "2024-01",
			"Managed the AWS cloud infrastructure of 40 services", "Ran Kubernetes in production for 40 services"),
	}
	for _, tc := range []struct {
		req, kind string
		fit       float64
	}{
		{"5+ years managing cloud infrastructure", "total", 1},
		{"5+ years of people management experience", "leadership", 0},
	} {
		got := matchOne(t, corpus, "## Requirements\n- "+tc.req+"\n- Kubernetes in production\n")["ic"]
		if len(got.Explain.Years) != 1 {
			t.Fatalf("%q: years checks %+v, want one", tc.req, got.Explain.Years)
		}
		if y := got.Explain.Years[0]; y.Kind != tc.kind || y.Fit != tc.fit {
			t.Errorf("%q: years %+v, want kind %s, fit %v", tc.req, y, tc.kind, tc.fit)
		}
	}
}
