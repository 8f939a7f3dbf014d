package web

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae/match"
	"vitae/web/workbench"
)

const (
	sreJob     = "# SRE Manager\n## Requirements\n- Lead a team of site reliability engineers\n- Kubernetes in production\n- 3+ years as a site reliability engineer\n## Nice to have\n- Terraform modules"
	financeJob = "# Financial Analyst\n## Requirements\n- Built financial models in Excel\n- Prepared quarterly board reports"
)

// jobsServer is the real stack with a workbench and an API key.
func jobsServer(t *testing.T) (string, *workbench.Store) {
	t.Helper()
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	ts, _ := newTestServer(t, Config{APIKey: "k", Workbench: wb})
	return ts.URL, wb
}

// keyedJSON makes one API call with the key and decodes the answer into out.
func keyedJSON(t *testing.T, method, u, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer k")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, u, err, data)
		}
	}
	return resp.StatusCode
}

func jobBody(title, jd string) string {
	b, _ := json.Marshal(map[string]string{"title": title, "job_description": jd})
	return string(b)
}

// TestJobFitsAPI: stored jobs in, the person's fits out — scored as
// POST /match scores them — and gone with the résumé.
func TestJobFitsAPI(t *testing.T) {
	base, _ := jobsServer(t)
	api := base + "/api/v1"
	var sre, fin, again, crlf workbench.Job
	tests := []struct {
		name, method, path, body string
		status                   int
		out                      any
	}{
		{"save SRE job untitled", "POST", "/jobs", jobBody("", sreJob), 201, &sre},
		{"save finance job", "POST", "/jobs", jobBody("Analyst", financeJob), 201, &fin},
		{"save SRE job again: the same job", "POST", "/jobs", jobBody("", sreJob), 200, &again},
		{"save SRE job with CRLF and trailing spaces: the same job", "POST", "/jobs", jobBody("", strings.ReplaceAll(sreJob, "\n", " \t\r\n")+"\r\n"), 200, &crlf},
		{"save prose without requirements", "POST", "/jobs", jobBody("x", `{"title":"x"}`), 400, nil},
		{"save nothing", "POST", "/jobs", jobBody("x", " "), 400, nil},
		{"fits of nobody", "GET", "/resumes/nobody/jobs", "", 404, nil},
		{"fits of a bad id", "GET", "/resumes/a%3Fb/jobs", "", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keyedJSON(t, tt.method, api+tt.path, tt.body, tt.out); got != tt.status {
				t.Errorf("%s %s = %d, want %d", tt.method, tt.path, got, tt.status)
			}
		})
	}
	if again.ID != sre.ID || crlf.ID != sre.ID {
		t.Errorf("the same job sent thrice (LF, LF, CRLF) is stored as %s, %s and %s", sre.ID, again.ID, crlf.ID)
	}
	if sre.Title != "SRE Manager" || fin.Title != "Analyst" || sre.ID == "" {
		t.Fatalf("saved %+v and %+v: want the JD's own title when none is given", sre, fin)
	}
	var list struct{ Jobs []workbench.Job }
	if keyedJSON(t, "GET", api+"/jobs", "", &list) != 200 || len(list.Jobs) != 2 || list.Jobs[0].ID != sre.ID {
		t.Fatalf("list: %+v", list)
	}
	var one workbench.Job
	if keyedJSON(t, "GET", api+"/jobs/"+sre.ID, "", &one) != 200 || one.JobDescription != sreJob {
		t.Fatalf("get: %+v", one)
	}

	var fits fitsResponse
	if st := keyedJSON(t, "GET", api+"/resumes/jordan-lee/jobs", "", &fits); st != 200 {
		t.Fatalf("fits: %d", st)
	}
	if fits.Person != "Jordan Lee" || len(fits.Jobs) != 2 || fits.Jobs[0].JobID != sre.ID || fits.FitDefinition == "" {
		t.Fatalf("fits: %+v, want the SRE job first", fits)
	}
	top := fits.Jobs[0]
	if top.Match == nil || len(top.Match.Candidates) != 1 || !top.MustEvident || top.Fit <= fits.Jobs[1].Fit {
		t.Fatalf("SRE fit: %+v", top)
	}
	got := top.Match.Candidates[0]
	if got.Coverage.MustTotal != 3 || got.Coverage.NiceTotal != 1 || got.Coverage.MustMet == 0 || len(got.Matched) == 0 {
		t.Errorf("coverage %+v matched %+v", got.Coverage, got.Matched)
	}
	for _, e := range got.Matched {
		if e.Level != "strong" && e.Level != "partial" || e.Text == "" || e.Plain == "" {
			t.Errorf("evidence without its bullet or level: %+v", e)
		}
	}
	// The same candidate as the match page shows for this job.
	var m match.Result
	body, _ := json.Marshal(match.Request{JobDescription: sreJob, Limit: 100})
	if st := keyedJSON(t, "POST", api+"/match", string(body), &m); st != 200 {
		t.Fatalf("match: %d", st)
	}
	found := false
	for _, c := range m.Candidates {
		if c.ResumeID == "jordan-lee" {
			found = true
			if d := cmp.Diff(c, got); d != "" {
				t.Errorf("fits and match disagree on Jordan Lee (-match +fits):\n%s", d)
			}
		}
	}
	if !found {
		t.Error("the match does not rank Jordan Lee")
	}

	// Deleting a job takes it out of the fits; erasing the person ends them.
	if st := keyedJSON(t, "DELETE", api+"/jobs/"+fin.ID, "", nil); st != 200 {
		t.Fatalf("delete job: %d", st)
	}
	if keyedJSON(t, "GET", api+"/resumes/jordan-lee/jobs", "", &fits); len(fits.Jobs) != 1 || fits.Jobs[0].JobID != sre.ID {
		t.Errorf("fits after deleting a job: %+v", fits.Jobs)
	}
	if st := keyedJSON(t, "DELETE", api+"/resumes/jordan-lee", "", nil); st != 200 {
		t.Fatalf("delete résumé: %d", st)
	}
	if st := keyedJSON(t, "GET", api+"/resumes/jordan-lee/jobs", "", nil); st != 404 {
		t.Errorf("fits of an erased person: %d, want 404", st)
	}
	if keyedJSON(t, "POST", api+"/match", string(body), &m); strings.Contains(fmt.Sprint(m.Candidates), "jordan-lee") {
		t.Error("an erased person is still matched")
	}
}

// TestPagesShowStoredJobsAndFits: the candidate's page shows each stored
// job's fit with the evidence table, the match page lists the stored
// jobs (a click runs the match) and saves or deletes one with the key.
func TestPagesShowStoredJobsAndFits(t *testing.T) {
	base, wb := jobsServer(t)
	if st, page := get(t, base+"/resumes/jordan-lee"); st != 200 || !strings.Contains(page, "No jobs are stored yet") {
		t.Fatalf("candidate page without stored jobs: %d", st)
	}
	j, _, _, err := saveJob(wb, "", sreJob, "markdown")
	if err != nil {
		t.Fatal(err)
	}
	var fits fitsResponse
	if st := keyedJSON(t, "GET", base+"/api/v1/resumes/jordan-lee/jobs", "", &fits); st != 200 || len(fits.Jobs) != 1 || fits.Jobs[0].Match == nil || len(fits.Jobs[0].Match.Candidates) != 1 {
		t.Fatalf("fits: %d %+v", st, fits)
	}
	c := fits.Jobs[0].Match.Candidates[0]
	st, page := get(t, base+"/resumes/jordan-lee")
	if st != 200 {
		t.Fatalf("candidate page: %d", st)
	}
	want := []string{
		"Jobs this person fits",
		`<a href="/match?job=` + j.ID + `">SRE Manager</a>`,
		fmt.Sprintf("fit %d%%", c.Fit),
		c.Coverage.Summary(),
		html.EscapeString(c.Explain.Formula),
	}
	noted := 0 // the years beside the level of a years requirement
	for _, e := range c.Matched {
		level := map[string]string{"strong": "✓ strong", "partial": "◐ partial"}[e.Level]
		want = append(want, string(safeHighlight(e.Highlight)), level, html.EscapeString(e.Plain))
		if e.Years != "" {
			want, noted = append(want, ", "+html.EscapeString(e.Years)+"</summary>"), noted+1
		}
	}
	if noted == 0 {
		t.Errorf("no evidence says its years: %+v", c.Matched)
	}
	for _, m := range c.Missing {
		want = append(want, html.EscapeString(m))
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("the candidate page lacks %q", w)
		}
	}
	// The fit's whole formula is folded away: a tryout found a paragraph
	// of some 250 words before the jobs.
	if _, fits, ok := strings.Cut(page, "Jobs this person fits"); !ok || !strings.Contains(fits, `<summary>how it is scored</summary>Each job is scored`) {
		t.Errorf("the fit's formula is not folded under \"how it is scored\"")
	}

	st, page = get(t, base+"/match")
	if st != 200 || !strings.Contains(page, `href="/match?job=`+j.ID+`"`) {
		t.Fatalf("the match page does not list the stored job: %d", st)
	}
	st, page = get(t, base+"/match?job="+j.ID)
	if st != 200 || !strings.Contains(page, `<a href="/resumes/jordan-lee">Jordan Lee</a>`) || !strings.Contains(page, "Lead a team of site reliability engineers") {
		t.Fatalf("a stored job's link does not run the match: %d", st)
	}
	if st, _ := get(t, base+"/match?job=nope"); st != 404 {
		t.Errorf("an unknown stored job: %d, want 404", st)
	}

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) *http.Response {
		resp, err := noRedirect.PostForm(base+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	post("/jobs", url.Values{"jd": {financeJob}, "return": {"/match"}})
	if js, _ := wb.Jobs(); len(js) != 1 {
		t.Fatalf("a job was saved without the key: %+v", js)
	}
	resp := post("/jobs", url.Values{"jd": {financeJob}, "title": {"Analyst"}, "api_key": {"k"}, "return": {"/match"}})
	js, _ := wb.Jobs()
	if len(js) != 2 || js[1].Title != "Analyst" || resp.Header.Get("Location") != "/match?job="+js[1].ID {
		t.Fatalf("save from the page: %d → %s, jobs %+v", resp.StatusCode, resp.Header.Get("Location"), js)
	}
	post("/jobs/"+js[1].ID+"/delete", url.Values{"api_key": {"k"}, "return": {"/match"}})
	if js, _ := wb.Jobs(); len(js) != 1 || js[0].ID != j.ID {
		t.Errorf("delete from the page: %+v", js)
	}
}

// The candidate page names each stored job as the API does: the stored
// title, which for a job saved without one is its first requirement, and
// which wins over the description's own heading.
func TestFitCaptionShowsStoredTitle(t *testing.T) {
	tests := []struct {
		name, title, jd, want string
	}{
		{"no title anywhere", "", "## Requirements\n- Kubernetes", "Kubernetes"},
		{"title given", "SRE lead", sreJob, "SRE lead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := jobsServer(t)
			var saved savedJob
			if st := keyedJSON(t, "POST", base+"/api/v1/jobs", jobBody(tt.title, tt.jd), &saved); st != 201 || saved.Job == nil || saved.Title != tt.want {
				t.Fatalf("saved: %d %+v, want title %q", st, saved, tt.want)
			}
			st, page := get(t, base+"/resumes/jordan-lee")
			if st != 200 {
				t.Fatalf("candidate page: %d", st)
			}
			if want := "Requirements of “" + tt.want + "”"; !strings.Contains(page, want) {
				t.Errorf("the candidate page lacks %q", want)
			}
		})
	}
}

// GET /jobs, typed in a browser, went to a raw JSON 405: a browser now
// goes to the match page's stored jobs, which the navigation links as
// "Jobs"; a program asking for JSON (or anything) still gets JSON.
func TestJobsURLInABrowser(t *testing.T) {
	base, wb := jobsServer(t)
	if _, _, _, err := saveJob(wb, "", sreJob, "markdown"); err != nil {
		t.Fatal(err)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" // Chromium's
	tests := []struct {
		accept   string
		status   int
		location string // for a redirect
		ctype    string // else the answer's type
	}{
		{browser, http.StatusSeeOther, "/match#jobs", ""},
		{"text/html", http.StatusSeeOther, "/match#jobs", ""},
		{"application/json", http.StatusMethodNotAllowed, "", "application/json"},
		{"*/*", http.StatusMethodNotAllowed, "", "application/json"},
		{"", http.StatusMethodNotAllowed, "", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.accept, func(t *testing.T) {
			req, err := http.NewRequest("GET", base+"/jobs", nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			resp, err := noFollow.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) {
				t.Fatalf("status %d, Location %q, Content-Type %q; want %d %q %q\n%s", resp.StatusCode, resp.Header.Get("Location"),
					resp.Header.Get("Content-Type"), tt.status, tt.location, tt.ctype, data)
			}
			if tt.ctype == "" {
				return
			}
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(data, &e); err != nil || e.Error.Code != "method_not_allowed" || !strings.Contains(e.Error.Message, "GET /api/v1/jobs") || resp.Header.Get("Allow") != "POST" {
				t.Errorf("JSON error %+v (%v), Allow %q; want method_not_allowed naming GET /api/v1/jobs, Allow POST", e, err, resp.Header.Get("Allow"))
			}
		})
	}
	// The redirect lands on the stored jobs; every page's navigation links them.
	if st, page := get(t, base+"/match"); st != 200 || !strings.Contains(page, `<section class="jobs" id="jobs"`) || !strings.Contains(page, "SRE Manager</a>") {
		t.Errorf("match page: %d, no stored jobs section with the saved job", st)
	}
	for _, path := range []string{"/", "/match", "/upload", "/shortlists"} {
		if st, page := get(t, base+path); st != 200 || !strings.Contains(page, `<a href="/match#jobs">Jobs</a>`) {
			t.Errorf("%s: %d, no Jobs link in the navigation", path, st)
		}
	}
}
