package match

import (
	"testing"

	"vitae"
)

// TestNamedRoles pins review 17's second finding: a years requirement
// counts the years of its roles only when it names a title, not a field.
func TestNamedRoles(t *testing.T) {
	z := newAnalyzer(false)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"5 years of backend development", false},
		{"5+ years of DevOps experience", false},
		{"5+ years of frontend development", false},
		{"4+ years of data science experience", false},
		{"10 years in site reliability", false},
		{"3+ years as a data engineer or similar", false},
		{"5+ years of Go", false},
		{"3+ years as a data engineer", true},
		{"5 years as an SRE", true},
		{"3+ years in a DevOps role", true},
		{"5+ years as a product manager", true},
		{"4+ years as a data scientist", true},
		{"5 years of experience as a backend developer", true},
	} {
		if got := len(z.namedRoles(tc.text)) > 0; got != tc.want {
			t.Errorf("namedRoles(%q) names a role = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestFieldYearsAreCareerYears: a 14-year Software Engineer has the
// years asked of backend development, not "0.0 of 5 years in such roles".
func TestFieldYearsAreCareerYears(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("swe", "S", "Acme", "Software Engineer", "2010-01", "2024-01",
			"Built the payments backend in Go", "Ran Kubernetes in production for 40 services"),
	}
	got := matchOne(t, corpus, "## Requirements\n- 5 years of backend development\n- Built services in Go\n")["swe"]
	if len(got.Explain.Years) != 1 {
		t.Fatalf("years checks %+v, want one", got.Explain.Years)
	}
	if y := got.Explain.Years[0]; y.Kind != "total" || y.Fit != 1 {
		t.Errorf("years %+v, want the total career, fit 1", y)
	}
}
