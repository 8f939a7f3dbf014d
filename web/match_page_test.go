package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// postMatch posts jd to the match page of the server at base and
// returns the page, failing the test unless it answers 200.
func postMatch(t *testing.T, base, jd string) string {
	t.Helper()
	resp, err := http.PostForm(base+"/match", url.Values{"jd": {jd}})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", resp.StatusCode, data)
	}
	return string(data)
}

// TestMatchPageShowsMeaning: the match page states, per candidate, the fit
// in percent, the must-haves and nice-to-haves met, the numbers behind the
// score, and per requirement the evidence level in words with the
// matching words marked.
func TestMatchPageShowsMeaning(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	jd := "# Platform Engineer\n## Requirements\n- Migrated services to Kubernetes\n- Led a team of engineers\n## Nice to have\n- Terraform\n"
	page := postMatch(t, ts.URL, jd)
	for _, want := range []string{"fit ", "%", "must-haves met ", "/2 (", "strong", "nice-to-haves ", "/1", "◐ partial evidence (counts as met, for less)", "evidence ", "role fit ", "strong", "<mark>Kubernetes</mark>", "strong evidence: this bullet shows", ">weight 2</span>", ">weight 1</span>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestMatchPageShowsLeadingYears: a requirement that asks for years of
// leading shows the candidate's years beside the level, so "strong" is
// not read as the years met (issue 14).
func TestMatchPageShowsLeadingYears(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	jd := "## Requirements\n- 5+ years leading a team of engineers\n- Migrated services to Kubernetes\n"
	if page := postMatch(t, ts.URL, jd); !strings.Contains(page, " of 5 years leading</summary>") {
		t.Fatalf("page lacks the leading years beside the level:\n%s", page)
	}
}

// TestMatchPageSaysYearsOfAGap: a requirement that asks for years but no
// bullet shows says the years counted in its empty cell, as the CLI says
// it ("years met: … ; no bullet shows the rest"), not a bare "—" beside a
// header that counts the years met (a tryout's finding).
func TestMatchPageSaysYearsOfAGap(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	jd := "## Requirements\n- 2+ years of experience in a zany quokka environment\n- Migrated services to Kubernetes\n"
	page := postMatch(t, ts.URL, jd)
	if !strings.Contains(page, `aria-label="no evidence">—<p class="score">years met: `) || !strings.Contains(page, " of 2 years in all; no bullet shows the rest</p>") {
		t.Fatalf("the empty cell does not say the years met:\n%s", page)
	}
}
