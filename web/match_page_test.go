package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestMatchPageShowsMeaning: the match page states, per candidate, the fit
// in percent, the must-haves and nice-to-haves met, the numbers behind the
// score, and per requirement the evidence level in words with the
// matching words marked.
func TestMatchPageShowsMeaning(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	jd := "# Platform Engineer\n## Requirements\n- Migrated services to Kubernetes\n- Led a team of engineers\n## Nice to have\n- Terraform\n"
	resp, err := http.PostForm(ts.URL+"/match", url.Values{"jd": {jd}})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(data)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", resp.StatusCode, page)
	}
	for _, want := range []string{"fit ", "%", "must-haves met ", "/2, nice-to-haves ", "/1", "evidence ", "role fit ", "strong", "<mark>Kubernetes</mark>", "strong evidence: this bullet shows"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
