package web

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCORSPreflightAllowsEveryAPIMethod: a configured origin's preflight
// (OPTIONS) for any API route is answered 204 with that route's method
// among Access-Control-Allow-Methods (PUT /shortlists/{id}/entries/{id}
// was left out), and the list names only methods the API serves.
func TestCORSPreflightAllowsEveryAPIMethod(t *testing.T) {
	const origin = "https://ats.example"
	srv, err := New(nil, nil, Config{CORSOrigins: []string{origin}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	preflight := func(t *testing.T, method, path string) []string {
		t.Helper()
		req, err := http.NewRequest(http.MethodOptions, ts.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", method)
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != origin {
			t.Fatalf("status %d, allow-origin %q; want 204 and %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), origin)
		}
		return strings.Split(resp.Header.Get("Access-Control-Allow-Methods"), ", ")
	}

	params := regexp.MustCompile(`[:*][^/]+`)
	var served []string
	for _, r := range srv.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		if !slices.Contains(served, r.Method) {
			served = append(served, r.Method)
		}
		t.Run(r.Method+" "+r.Path, func(t *testing.T) {
			if allowed := preflight(t, r.Method, params.ReplaceAllString(r.Path, "x")); !slices.Contains(allowed, r.Method) {
				t.Errorf("Access-Control-Allow-Methods %q lacks %s", allowed, r.Method)
			}
		})
	}
	if !slices.Contains(served, http.MethodPut) {
		t.Error("no API route is PUT: the case this test was written for is gone")
	}
	allowed := preflight(t, http.MethodGet, "/api/v1/stats")
	slices.Sort(allowed)
	slices.Sort(served)
	if !slices.Equal(allowed, served) {
		t.Errorf("Access-Control-Allow-Methods %q, want the API's methods %q", allowed, served)
	}
}
