package web

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"vitae/web/workbench"
)

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestSearchPageMessages: what the page says in the cases the issue
// names — candidates counted, past the last page, nothing found, too
// long, only common words, a résumé without a name.
func TestSearchPageMessages(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	tests := []struct {
		name, path string
		status     int
		want       []string
		not        []string
	}{
		{"grouped counts candidates", "/?q=led+DevOps+team", 200, []string{" candidates</h2>", `class="card nav-item"`, "<h1"}, []string{"bullets</h2>"}},
		{"unnamed résumé shows its latest role", "/?q=led+DevOps+team", 200, []string{"VP, Product · Diamanti", "Senior Engineering Manager · DUST Identity"}, []string{">000_e069679e7ee00913<", ">002_6ca7291b08ba563c<"}},
		{"why in words", "/?q=led+DevOps+team", 200, []string{"keyword match"}, []string{"BM25", "cosine"}},
		{"past the last page", "/?q=led+DevOps+team&page=999", 200, []string{"Page 999 is past the end", "Go to the last page"}, nil},
		{"nothing found", "/?q=zzyzx+qwvx&mode=keyword", 200, []string{"Nothing matches", "try “Words and meaning”"}, nil},
		{"too long", "/?q=" + strings.Repeat("a", 1001), 400, []string{"the limit is 1000", `href="/match"`}, nil},
		{"filter without a value", "/?q=led+team+skill%3A", 400, []string{"has no value", "skill:Go"}, nil},
		{"only common words", "/?q=the+of", 400, []string{"has only common words, which are not searched; add a word that says what to find"}, []string{"Nothing matches", "No candidates"}},
		{"only common words, bullet view", "/?q=the+and+of&view=bullets", 400, []string{"has only common words"}, []string{"Nothing matches", `class="hit nav-item"`}},
		{"bullet view", "/?q=led+DevOps+team&view=bullets&sort=recent", 200, []string{" matching bullets</h2>", `class="hit nav-item"`}, nil},
		{"two skills combine with AND", "/?q=team&skill=Kubernetes&skill=Go", 200, []string{"skill: Kubernetes", "skill: Go"}, nil},
		{"match page has an h1", "/match", 200, []string{"<h1>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := get(t, ts.URL+tt.path)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("page shows %q", n)
				}
			}
		})
	}
}

// TestPageWritesNeedTheKey: a delete or a shortlist from a page without
// the key changes nothing; the CSV export defuses formulas.
func TestPageWritesNeedTheKey(t *testing.T) {
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	ts, eng := newTestServer(t, Config{APIKey: "k", Workbench: wb})
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) *http.Response {
		resp, err := noRedirect.PostForm(ts.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	post("/resumes/jordan-lee/delete", url.Values{"confirm": {"yes"}, "api_key": {"wrong"}})
	post("/resumes/jordan-lee/delete", url.Values{"api_key": {"k"}}) // not confirmed
	if _, err := eng.Resume(t.Context(), "jordan-lee"); err != nil {
		t.Fatalf("a delete without the key or the confirmation erased the résumé: %v", err)
	}
	post("/shortlists/add", url.Values{"resume_id": {"jordan-lee"}, "name": {"x"}})
	if ls, _ := wb.Shortlists(); len(ls) != 0 {
		t.Fatalf("a shortlist was made without the key: %+v", ls)
	}
	resp := post("/shortlists/add", url.Values{"resume_id": {"jordan-lee"}, "name": {"=HYPERLINK(\"x\")"}, "note": {"@SUM(1)"}, "api_key": {"k"}})
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) == 0 {
		t.Fatalf("add with the key: %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	ls, _ := wb.Shortlists()
	if len(ls) != 1 || len(ls[0].Entries) != 1 {
		t.Fatalf("shortlists after add: %+v", ls)
	}
	_, csv := get(t, ts.URL+"/shortlists/"+ls[0].ID+"/export?format=csv")
	if !strings.Contains(csv, "'@SUM(1)") || strings.Contains(csv, ",@SUM") {
		t.Errorf("a formula in a note reaches the CSV as a formula:\n%s", csv)
	}
	post("/resumes/jordan-lee/delete", url.Values{"confirm": {"yes"}, "api_key": {"k"}})
	if _, err := eng.Resume(t.Context(), "jordan-lee"); err == nil {
		t.Fatal("the delete with the key did not erase the résumé")
	}
	if l, _ := wb.Shortlist(ls[0].ID); len(l.Entries) != 0 {
		t.Errorf("the erased person is still on the shortlist: %+v", l.Entries)
	}
}

// TestSearchPageExportLinks follows the export links the search page
// writes, filters included: each must answer the export, not a 400 for a
// query string escaped as one value.
func TestSearchPageExportLinks(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	_, page := get(t, ts.URL+"/?q=led+DevOps+team&mode=keyword")
	links := regexp.MustCompile(`href="(/export\?[^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(links) != 2 {
		t.Fatalf("page has %d export links, want 2 (CSV, JSON)", len(links))
	}
	for _, l := range links {
		u := html.UnescapeString(l[1])
		status, body := get(t, ts.URL+u)
		if status != http.StatusOK || body == "" {
			t.Errorf("GET %s: %d %.80q, want 200 and the export", u, status, body)
		}
		if !strings.Contains(u, "q=led+DevOps+team") || !strings.Contains(u, "mode=keyword") {
			t.Errorf("export link %s lost the search", u)
		}
	}
}
