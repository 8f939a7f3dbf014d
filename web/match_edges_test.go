package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// postMatchPage posts the match page's form and returns the status and page.
func postMatchPage(t *testing.T, base string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(base+"/match", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// A form past the body limit is a description that is too long (413, as
// the API says), not an empty one.
func TestMatchPageRefusesAnOversizedForm(t *testing.T) {
	ts, _ := newTestServer(t, Config{MaxBodyBytes: 1 << 20})
	st, page := postMatchPage(t, ts.URL, url.Values{"jd": {strings.Repeat("Kubernetes in production\n", 50000)}})
	if st != http.StatusRequestEntityTooLarge || !strings.Contains(page, "longer than 50000") || strings.Contains(page, "is empty") {
		t.Errorf("status %d, want 413 naming the limit\n%.2000s", st, page)
	}
}
