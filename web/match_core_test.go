package web

import (
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"vitae"
	"vitae/match"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestMatchCoreWeightOne: a matcher with Core 1 (or NaN role evidence)
// answers a titled JD none of whose requirements is core with finite
// scores; before, the weights summed to 0, every score was NaN and the
// server wrote a 200 with an empty body (JSON has no NaN).
func TestMatchCoreWeightOne(t *testing.T) {
	rs := []*vitae.Resume{
		searchtest.Resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", "Ran Kubernetes clusters in production"),
		searchtest.Resume("tf", "T", "Y", "Registered Nurse", "2018", "", "Wrote Terraform modules for every AWS account"),
	}
	e := searchtest.Trained(t, rs)
	eng := search.New(searchtest.Index(t, e, rs), e, search.Options{})
	for _, o := range []match.Options{{Core: 1}, {Core: math.Inf(1), RoleEvidence: math.NaN()}} {
		srv, err := New(eng, match.New(eng, o), Config{})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		resp, err := http.Post(ts.URL+"/api/v1/match", "application/json",
			strings.NewReader(`{"job_description":"# Site Reliability Engineer\n## Requirements\n- Kubernetes in production\n- Terraform\n"}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var res match.Result
		if err := json.Unmarshal(body, &res); resp.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("core %v, role evidence %v: status %d, body %.200q (%v); want 200 and an answer", o.Core, o.RoleEvidence, resp.StatusCode, body, err)
		}
		if len(res.Candidates) == 0 || res.Weights.Core != 0 {
			t.Errorf("core %v: %d candidates, core_weight %v; want candidates and core_weight 0 (no requirement is core)", o.Core, len(res.Candidates), res.Weights.Core)
		}
		for _, c := range res.Candidates {
			if !(c.Score > 0) {
				t.Errorf("core %v: %s scores %v", o.Core, c.ResumeID, c.Score)
			}
		}
	}
}
