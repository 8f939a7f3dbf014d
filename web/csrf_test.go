package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"vitae"
	"vitae/web/workbench"
)

// noRedirects leaves a 303 as the answer, so the test sees it.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// sendWith makes one request with the given headers and returns the status
// and body.
func sendWith(t *testing.T, method, u, body, ctype string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(data)
}

// personJSON is a JSON Resume of one bullet, searchable on its own.
func personJSON(name string) string {
	b, _ := json.Marshal(map[string]any{
		"basics": map[string]string{"name": name},
		"work":   []map[string]any{{"name": "Initrode", "position": "SRE", "highlights": []string{"Ran the incident reviews for the storage fleet of " + name}}},
	})
	return string(b)
}

// TestCrossSiteWritesRefused reproduces the tryout: with no API key, a
// form another site posts (or a fetch it makes) must change nothing, for
// the pages and the API alike, while the server's own pages, clients
// that name no origin (curl, programs) and the origins configured for
// CORS keep working.
func TestCrossSiteWritesRefused(t *testing.T) {
	const trusted = "https://ats.example"
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	ts, eng := newTestServer(t, Config{CORSOrigins: []string{trusted}, Workbench: wb})
	self := ts.URL // http://127.0.0.1:PORT, the Host the client sends

	origins := []struct {
		name   string
		header map[string]string
		allow  bool
	}{
		{"foreign Origin", map[string]string{"Origin": "http://evil.example"}, false},
		{"foreign Origin from a browser", map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}, false},
		{"same-site Origin on another port", map[string]string{"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"}, false},
		{"opaque Origin (sandboxed frame)", map[string]string{"Origin": "null"}, false},
		{"cross-site without Origin", map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"foreign Referer without Origin", map[string]string{"Referer": "http://evil.example/page"}, false},
		{"same origin", map[string]string{"Origin": self}, true},
		{"same origin from a browser", map[string]string{"Origin": self, "Sec-Fetch-Site": "same-origin"}, true},
		{"same-origin Referer without Origin", map[string]string{"Referer": self + "/resumes/x"}, true},
		{"no Origin (curl, programs)", nil, true},
		{"configured CORS origin", map[string]string{"Origin": trusted, "Sec-Fetch-Site": "cross-site"}, true},
	}
	n := 0
	resumeExists := func(t *testing.T, id string) bool {
		t.Helper()
		_, err := eng.Resume(t.Context(), id)
		if err != nil && vitae.ErrorCode(err) != vitae.ENOTFOUND {
			t.Fatal(err)
		}
		return err == nil
	}
	// seed stores a résumé the way a program would (no Origin).
	seed := func(t *testing.T) string {
		t.Helper()
		n++
		id := fmt.Sprintf("person-%d", n)
		if st, body := sendWith(t, "POST", self+"/api/v1/resumes?id="+id, personJSON("Person "+id), "application/json", nil); st != 201 {
			t.Fatalf("seed %s: %d %s", id, st, body)
		}
		return id
	}
	writes := []struct {
		name string
		page bool
		// do sends the write; changed says whether it took effect.
		do func(t *testing.T, h map[string]string) (status int, body string, changed func() bool)
	}{
		{"page: delete a résumé", true, func(t *testing.T, h map[string]string) (int, string, func() bool) {
			id := seed(t)
			st, body := sendWith(t, "POST", self+"/resumes/"+id+"/delete", url.Values{"confirm": {"yes"}}.Encode(), "application/x-www-form-urlencoded", h)
			return st, body, func() bool { return !resumeExists(t, id) }
		}},
		{"page: delete a stored job", true, func(t *testing.T, h map[string]string) (int, string, func() bool) {
			n++
			j, _, _, err := saveJob(wb, "", fmt.Sprintf("# Job %d\n## Requirements\n- Lead a team of site reliability engineers %d", n, n), "")
			if err != nil {
				t.Fatal(err)
			}
			st, body := sendWith(t, "POST", self+"/jobs/"+j.ID+"/delete", "", "application/x-www-form-urlencoded", h)
			return st, body, func() bool { _, err := wb.Job(j.ID); return err != nil }
		}},
		{"API: POST a résumé", false, func(t *testing.T, h map[string]string) (int, string, func() bool) {
			n++
			id := fmt.Sprintf("posted-%d", n)
			st, body := sendWith(t, "POST", self+"/api/v1/resumes?id="+id, personJSON("Posted "+id), "application/json", h)
			return st, body, func() bool { return resumeExists(t, id) }
		}},
		{"API: POST a search", false, func(t *testing.T, h map[string]string) (int, string, func() bool) {
			// A read, but sent as a cross-site simple request it is
			// refused too: only its answer would differ.
			st, body := sendWith(t, "POST", self+"/api/v1/search", `{"query":"incident reviews"}`, "application/json", h)
			return st, body, func() bool { return st == 200 }
		}},
		{"API: DELETE a résumé", false, func(t *testing.T, h map[string]string) (int, string, func() bool) {
			id := seed(t)
			st, body := sendWith(t, "DELETE", self+"/api/v1/resumes/"+id, "", "", h)
			return st, body, func() bool { return !resumeExists(t, id) }
		}},
	}
	for _, w := range writes {
		for _, o := range origins {
			t.Run(w.name+"/"+o.name, func(t *testing.T) {
				st, body, changed := w.do(t, o.header)
				if !o.allow {
					if st != http.StatusForbidden {
						t.Fatalf("status %d, want 403: %.300s", st, body)
					}
					if changed() {
						t.Fatal("a refused cross-site request changed the data")
					}
					if w.page {
						if !strings.Contains(body, "another site") || !strings.Contains(body, "nothing was changed") {
							t.Errorf("the 403 page does not say why: %.600s", body)
						}
						return
					}
					var e struct {
						Error struct{ Code, Message string } `json:"error"`
					}
					if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != vitae.EFORBIDDEN || !strings.Contains(e.Error.Message, "cross-site") {
						t.Errorf("the 403 is not the API's error shape with code forbidden: %v %.300s", err, body)
					}
					return
				}
				if w.page && st != http.StatusSeeOther || !w.page && (st < 200 || st > 299) {
					t.Fatalf("status %d: %.300s", st, body)
				}
				if !changed() {
					t.Error("an allowed request did not take effect")
				}
			})
		}
	}

	// Reading from anywhere stays possible: a link from another site.
	if st, _ := sendWith(t, "GET", self+"/?q=incident", "", "", map[string]string{"Sec-Fetch-Site": "cross-site", "Referer": "http://evil.example/"}); st != 200 {
		t.Errorf("a cross-site GET got %d, want 200", st)
	}
	// A CORS preflight of the configured origin still gets its answer.
	if st, _ := sendWith(t, "OPTIONS", self+"/api/v1/resumes", "", "", map[string]string{"Origin": trusted, "Access-Control-Request-Method": "POST"}); st != http.StatusNoContent {
		t.Errorf("preflight of the configured origin got %d, want 204", st)
	}
}

// TestCORSOriginsMustBeOrigins: a configured origin that a browser could
// never send (no scheme, a path) stops the server at start, naming it.
func TestCORSOriginsMustBeOrigins(t *testing.T) {
	for _, o := range []string{"ats.example", "https://ats.example/", "*"} {
		_, err := New(nil, nil, Config{CORSOrigins: []string{o}})
		if err == nil || vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(err.Error(), "cors_origins") {
			t.Errorf("CORSOrigins %q: error %v, want invalid naming cors_origins", o, err)
		}
	}
	if _, err := New(nil, nil, Config{CORSOrigins: []string{"https://ats.example", "http://localhost:3000"}}); err != nil {
		t.Errorf("valid origins refused: %v", err)
	}
}

// TestPageWriteWithoutKeySaysWhy: with an API key set, a form posted from
// Vitae's own page without the key is refused with a page that says a key
// is required (it used to be a 303 whose message never showed), and
// nothing changes; a post from another site is refused before the key
// is looked at.
func TestPageWriteWithoutKeySaysWhy(t *testing.T) {
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	ts, eng := newTestServer(t, Config{APIKey: "k", Workbench: wb})
	self := map[string]string{"Origin": ts.URL, "Sec-Fetch-Site": "same-origin"}
	form := "application/x-www-form-urlencoded"
	tests := []struct {
		name, path, body string
		header           map[string]string
		status           int
		want             []string
	}{
		{"delete without key", "/resumes/jordan-lee/delete", "confirm=yes", self, 401, []string{"API key required", "Not deleted", "Nothing was changed", `href="/resumes/jordan-lee?back="`}},
		{"delete with a wrong key", "/resumes/jordan-lee/delete", "confirm=yes&api_key=wrong", self, 401, []string{"API key required", "Not deleted"}},
		{"shortlist without key", "/shortlists/add", "resume_id=jordan-lee&name=x&return=%2Fresumes%2Fjordan-lee", self, 401, []string{"API key required", "Not saved", `href="/resumes/jordan-lee"`}},
		{"upload page without key", "/upload", "x=1", self, 401, []string{"API key required", "Authorization: Bearer KEY"}},
		{"delete with the key from another site", "/resumes/jordan-lee/delete", "confirm=yes&api_key=k", map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}, 403, []string{"another site"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, body := sendWith(t, "POST", ts.URL+tt.path, tt.body, form, tt.header)
			if st != tt.status {
				t.Fatalf("status %d, want %d: %.300s", st, tt.status, body)
			}
			if !strings.HasPrefix(body, "<!doctype html>") {
				t.Errorf("not a page: %.200s", body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q: %.900s", w, body)
				}
			}
		})
	}
	if _, err := eng.Resume(t.Context(), "jordan-lee"); err != nil {
		t.Errorf("a refused delete erased the résumé: %v", err)
	}
	if ls, _ := wb.Shortlists(); len(ls) != 0 {
		t.Errorf("a refused form made a shortlist: %+v", ls)
	}
	// The same form with the key, from the page itself, still goes through.
	st, _ := sendWith(t, "POST", ts.URL+"/resumes/jordan-lee/delete", "confirm=yes&api_key=k", form, self)
	if st != http.StatusSeeOther {
		t.Fatalf("delete with the key: %d, want 303", st)
	}
	if _, err := eng.Resume(t.Context(), "jordan-lee"); err == nil {
		t.Error("the delete with the key did not erase the résumé")
	}
}

// TestCrossSiteFormInBrowser is the attack itself in Chromium: a page on
// another site (localhost, while Vitae is 127.0.0.1) posts a hidden delete
// form on load. The browser lands on Vitae's refusal, which says why, and
// the résumé is still there.
func TestCrossSiteFormInBrowser(t *testing.T) {
	ctx, _ := browser(t)
	ts, eng := newTestServer(t, Config{})
	target := ts.URL + "/resumes/jordan-lee/delete"
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><form id="f" method="post" action="%s"><input type="hidden" name="confirm" value="yes"></form><script>document.getElementById("f").submit()</script>`, target)
	}))
	t.Cleanup(evil.Close)
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	var page string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(evilURL),
		chromedp.WaitVisible("h1", chromedp.ByQuery),
		chromedp.Text("body", &page, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "Refused: sent from another site") || !strings.Contains(page, "http://localhost:") {
		t.Errorf("the browser does not show why: %.600q", page)
	}
	if _, err := eng.Resume(t.Context(), "jordan-lee"); err != nil {
		t.Fatalf("another site's form erased the résumé: %v", err)
	}
	// Vitae's own delete form, in the same browser, still works.
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/resumes/jordan-lee"),
		chromedp.Click("details.danger summary", chromedp.ByQuery),
		chromedp.Click("input[name=confirm]", chromedp.ByQuery),
		chromedp.Click("button.danger", chromedp.ByQuery),
		chromedp.WaitVisible(".flash", chromedp.ByQuery),
		chromedp.Text(".flash", &page, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "Deleted") {
		t.Errorf("own delete form: %q", page)
	}
	if _, err := eng.Resume(t.Context(), "jordan-lee"); err == nil {
		t.Error("Vitae's own delete form did not erase the résumé")
	}
}
