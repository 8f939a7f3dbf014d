package web

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/audit"
	"vitae/embed/embedtest"
	"vitae/match"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestMatchTimeoutSenseCheck: a request whose deadline passes while the
// strong sense check waits on the model answers 504, as a search that
// times out does, and the audit log records no answer (before, the
// ended model call left a 200 marked degraded, logged). The model is
// the built-in one on the OpenAI wire, holding a bullet's request until
// the caller gives up.
func TestMatchTimeoutSenseCheck(t *testing.T) {
	const bullet = "Ran Kubernetes clusters in production"
	model := embedtest.Server(t, 32, func(w http.ResponseWriter, r *http.Request, body []byte) bool {
		if !bytes.Contains(body, []byte(bullet)) {
			return false
		}
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Second):
		}
		http.Error(w, `{"error":{"message":"too late"}}`, http.StatusServiceUnavailable)
		return true
	})
	oa := embedtest.Client(t, model, 32, 30*time.Second)
	rs := []*vitae.Resume{searchtest.Resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", bullet)}
	eng := search.New(searchtest.Index(t, searchtest.Trained(t, rs), rs), oa, search.Options{})
	log, err := audit.Open(audit.Options{Dir: t.TempDir(), StoreText: true, FlushEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	m := match.New(eng, match.Options{Mode: vitae.ModeKeyword, StrongGate: true, StrongSense: 0.01})
	srv, err := New(eng, m, Config{Audit: log, RequestTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	resp, err := http.Post(ts.URL+"/api/v1/match", "application/json",
		strings.NewReader(`{"job_description":"# SRE\n## Requirements\n- Kubernetes in production\n"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusGatewayTimeout {
		t.Errorf("status %d (%.200s), want 504", resp.StatusCode, body)
	}
	n := 0
	if err := log.Records(audit.Filter{Action: audit.Match}, func(audit.Record) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d match answers audited, want none", n)
	}
}
