package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"vitae"
	"vitae/match"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestMatchPageShowsFeedback: with candidate feedback on (the binary's
// default) each candidate's column shows its feedback number beside the
// other parts of the score, the formula ends with the score shown, and
// the short fit line names it; off, none of them.
func TestMatchPageShowsFeedback(t *testing.T) {
	rs := []*vitae.Resume{
		searchtest.Resume("a", "Ann", "X", "Site Reliability Engineer", "2018", "", "Ran Kubernetes clusters in production", "Cut paging volume with SLO alerts"),
		searchtest.Resume("b", "Bo", "Y", "Site Reliability Engineer", "2017", "", "Ran Kubernetes clusters in production for payments", "Wrote postmortems for every outage"),
		searchtest.Resume("c", "Cy", "Z", "Platform Engineer", "2019", "", "Migrated services to Kubernetes in production", "Built Terraform modules"),
		searchtest.Resume("d", "Di", "W", "Registered Nurse", "2016", "", "Ran the Kubernetes study group at the hospital", "Cared for patients on the night shift"),
	}
	e := searchtest.Trained(t, rs)
	eng := search.New(searchtest.Index(t, e, rs), e, search.Options{SemanticRatio: 0.5})
	jd := "# Site Reliability Engineer\n## Requirements\n- Kubernetes in production\n"
	for _, tt := range []struct {
		name     string
		feedback float64
	}{{"on", 0.3}, {"off", 0}} {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := New(eng, match.New(eng, match.Options{SemanticRatio: 0.5, Feedback: tt.feedback}), Config{})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			t.Cleanup(ts.Close)
			page := postMatch(t, ts.URL, jd)
			shown := strings.Count(page, " · feedback 0.") + strings.Count(page, " · feedback 1.")
			said := strings.Contains(page, "; then score ") && strings.Contains(page, "unlike the best candidates")
			if on := tt.feedback > 0; (shown > 0) != on || said != on || strings.Contains(page, "Degraded") {
				t.Errorf("feedback %v: %d candidates show a feedback number, formula and fit line say it %v, degraded %v; want the number and the words: %v",
					tt.feedback, shown, said, strings.Contains(page, "Degraded"), on)
			}
		})
	}
}
