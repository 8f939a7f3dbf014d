package web

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae/ingest/ingesttest"
	"vitae/match"
	"vitae/web/workbench"
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

// A form past the body limit is refused with a 413 naming that limit (not
// the description's length, which it need not break), not read as empty.
func TestMatchPageRefusesAnOversizedForm(t *testing.T) {
	ts, _ := newTestServer(t, Config{MaxBodyBytes: 1 << 20})
	st, page := postMatchPage(t, ts.URL, url.Values{"jd": {strings.Repeat("Kubernetes in production\n", 50000)}})
	if st != http.StatusRequestEntityTooLarge || !strings.Contains(page, "limit of 1048576 bytes") || strings.Contains(page, "is empty") {
		t.Errorf("status %d, want 413 naming the limit\n%.2000s", st, page)
	}
}

// Binary data is no job description: the match and the stored jobs
// refuse it with a 400 that says why, instead of ranking candidates by
// the skill "C" found in the bytes.
func TestAPIRefusesBinaryJobDescriptions(t *testing.T) {
	base, _ := jobsServer(t)
	b := make([]byte, 2000)
	for i := range b {
		b[i] = byte(i*131 + i/7) // every byte value, no text
	}
	binary := string(b)
	for _, path := range []string{"/match", "/jobs"} {
		req, _ := json.Marshal(map[string]string{"job_description": binary})
		st, body := keyedRaw(t, "POST", base+"/api/v1"+path, string(req))
		if st != http.StatusBadRequest || !strings.Contains(body, `"code":"invalid"`) || !strings.Contains(body, "control character") {
			t.Errorf("POST %s with bytes: %d %s", path, st, body)
		}
	}
}

// A PDF sent as the job description is read as its text, as résumés are:
// the match ranks for its requirements and the stored job keeps its text,
// never its syntax ("%PDF-1.4", "2 0 obj"). One without text, or whose
// compressed streams a JSON string could not carry, is a 400 saying so.
func TestAPIReadsAPDFJobDescription(t *testing.T) {
	base, _ := jobsServer(t)
	page := "BT /F1 11 Tf 50 770 Td (SRE Manager) Tj ET\nBT /F1 11 Tf 50 756 Td (Requirements:) Tj ET\n" +
		"BT /F1 11 Tf 50 742 Td (- Lead a team of site reliability engineers) Tj ET\nBT /F1 11 Tf 50 728 Td (- Kubernetes in production) Tj ET\n"
	var packed bytes.Buffer
	zw := zlib.NewWriter(&packed)
	zw.Write([]byte(page))
	zw.Close()
	tests := []struct {
		name, path, pdf string
		status          int
		want            string // in the answer
	}{
		{"match", "/match", textPDF(ingesttest.Stream("", page)), 200, `"title":"SRE Manager"`},
		{"store", "/jobs", textPDF(ingesttest.Stream("", page)), 201, `"job_description":"SRE Manager\nRequirements:\n- Lead a team`},
		{"match without text", "/match", textPDF(ingesttest.Stream("", "")), 400, "PDF without text"},
		{"store without text", "/jobs", textPDF(ingesttest.Stream("", "")), 400, "PDF without text"},
		{"match compressed", "/match", textPDF(ingesttest.Stream("/Filter /FlateDecode ", packed.String())), 400, `"code":"invalid"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := json.Marshal(map[string]string{"job_description": tt.pdf})
			st, body := keyedRaw(t, "POST", base+"/api/v1"+tt.path, string(req))
			if st != tt.status || !strings.Contains(body, tt.want) || strings.Contains(body, "%PDF") || strings.Contains(body, " 0 obj") {
				t.Errorf("POST %s: %d %.600s\nwant %d with %s", tt.path, st, body, tt.status, tt.want)
			}
		})
	}
}

// textPDF is a one-page PDF whose page content is the stream given.
func textPDF(content string) string {
	return string(ingesttest.PDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		content,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	))
}

// A résumé pasted into the match page, as JSON Resume or as text, and a
// job description not in English are matched, with the warning the API's
// answer carries; a job shows none.
func TestMatchPageWarns(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	pasted, err := os.ReadFile("../data/jordan-lee.md")
	if err != nil {
		t.Fatal(err)
	}
	const warning = `<p class="warn" role="status"><strong>Warning:</strong> `
	tests := []struct {
		name, jd, want string // want: the warning's start; "" for none
	}{
		{"JSON Resume", `{"basics":{"name":"Kai Moss"},"work":[{"name":"Initrode","position":"SRE"}],"skills":[{"name":"Kubernetes"}]}`, "the job description looks like a résumé (JSON Resume"},
		{"pasted résumé", string(pasted), "the job description looks like a résumé (dated roles"},
		{"German job", germanJD, "the job description does not look like English (it reads as German)"},
		{"job", "# SRE\n## Requirements\n- Kubernetes in production", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, page := postMatchPage(t, ts.URL, url.Values{"jd": {tt.jd}})
			if st != http.StatusOK {
				t.Fatalf("status %d", st)
			}
			if tt.want == "" && strings.Contains(page, warning) || tt.want != "" && !strings.Contains(page, warning+tt.want) {
				t.Errorf("page warns %v, want %q", strings.Contains(page, warning), tt.want)
			}
		})
	}
}

// The API's match answer carries the warnings as strings, the shape v1
// clients know, and their codes beside them in warning_codes (read as
// the wire has them, not through match.Result, which reads both shapes);
// a job gets none.
func TestMatchAPIWarns(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	pasted, err := os.ReadFile("../data/000_e069679e7ee00913.txt")
	if err != nil {
		t.Fatal(err)
	}
	job, err := os.ReadFile("../examples/jobs/sre-manager.md")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, jd string
		want     []string // codes
	}{
		// A résumé's bullets are more than a match scores: that is said too.
		{"pasted résumé", string(pasted), []string{match.WarnResume, match.WarnDropped}},
		{"German job", germanJD, []string{match.WarnNotEnglish}},
		{"job", string(job), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(ts.URL+"/api/v1/match", "application/json", bytes.NewReader(matchBody(t, tt.jd)))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var res struct {
				Warnings     []string `json:"warnings"`
				WarningCodes []string `json:"warning_codes"`
				Requirements []any    `json:"requirements"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, decode (warnings must be strings): %v", resp.StatusCode, err)
			}
			if len(res.Warnings) != len(res.WarningCodes) || slices.Contains(res.Warnings, "") {
				t.Errorf("warnings %q, codes %q: want a message for each code", res.Warnings, res.WarningCodes)
			}
			if diff := cmp.Diff(tt.want, res.WarningCodes); diff != "" {
				t.Errorf("warning codes (-want +got):\n%s", diff)
			}
			if len(res.Requirements) == 0 {
				t.Error("no requirements: a warning must not stop the match")
			}
		})
	}
}

// keyedRaw makes one API call with the key and returns the status and body.
func keyedRaw(t *testing.T, method, u, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer k")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// A field of the wrong type is named as the client sent it, not by the
// server's Go type.
func TestAPINamesAMistypedFieldAsSent(t *testing.T) {
	base, _ := jobsServer(t)
	tests := []struct{ path, body, field string }{
		{"/match", `{"job_description":1}`, `field "job_description" has the wrong type`},
		{"/jobs", `{"title":["x"],"job_description":"- Go"}`, `field "title" has the wrong type`},
		{"/search", `{"query":"go","filters":{"skill":"Go"}}`, `field "filters.skill" has the wrong type`},
	}
	for _, tt := range tests {
		st, body := keyedRaw(t, "POST", base+"/api/v1"+tt.path, tt.body)
		if st != http.StatusBadRequest || !strings.Contains(body, strings.ReplaceAll(tt.field, `"`, `\"`)) {
			t.Errorf("POST %s %s: %d %s, want 400 naming %s", tt.path, tt.body, st, body, tt.field)
		}
	}
}

// The jobs of an unknown résumé: 404 naming the résumé asked for.
func TestFitsOfAnUnknownResumeNameIt(t *testing.T) {
	base, _ := jobsServer(t)
	st, body := keyedRaw(t, "GET", base+"/api/v1/resumes/nobody/jobs", "")
	if st != http.StatusNotFound || !strings.Contains(body, `\"nobody\"`) {
		t.Errorf("%d %s, want 404 naming \"nobody\"", st, body)
	}
}

// Saving a job from the page with a form past the body limit says the
// description is too long, not that it is empty.
func TestJobsPageRefusesAnOversizedForm(t *testing.T) {
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	ts, _ := newTestServer(t, Config{APIKey: "k", Workbench: wb, MaxBodyBytes: 1 << 20})
	form := url.Values{"jd": {strings.Repeat("Kubernetes in production\n", 50000)}, "return": {"/match"}}
	req, _ := http.NewRequest("POST", ts.URL+"/jobs", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer k")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var msg string
	for _, ck := range resp.Cookies() {
		if ck.Name == "vitae_flash" {
			msg, _ = url.QueryUnescape(ck.Value) // gin escapes the escaped message again
			msg, _ = url.QueryUnescape(msg)
		}
	}
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(msg, "limit of 1048576 bytes") {
		t.Errorf("%d, flash %q: want a redirect saying the description is too long", resp.StatusCode, msg)
	}
	if js, _ := wb.Jobs(); len(js) != 0 {
		t.Errorf("stored %d job(s)", len(js))
	}
}

// A job description past the requirement cap is matched on 40 of its
// requirements, and the answer says how many were left out: the API with
// requirements_dropped and a warning, the page in words. A title alone asks nothing: 400.
func TestMatchSaysRequirementsDropped(t *testing.T) {
	base, _ := jobsServer(t)
	var jd strings.Builder
	for i := range 60 {
		fmt.Fprintf(&jd, "- Experience with system %d\n", i+1)
	}
	tests := []struct {
		name, jd string
		status   int
		want     []string
		not      string
	}{
		{"past the cap", jd.String(), http.StatusOK, []string{`"requirements_dropped":20`, `"text":"Experience with system 40"`, `"warning_codes":["requirements_dropped"]`}, `"text":"Experience with system 41"`},
		{"within it", "- Go\n- Kubernetes", http.StatusOK, []string{`"text":"Kubernetes"`}, `requirements_dropped`},
		{"a title alone", "# Senior Go Engineer", http.StatusBadRequest, []string{`"code":"invalid"`, "no requirements found"}, `"candidates"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := json.Marshal(map[string]string{"job_description": tt.jd})
			st, body := keyedRaw(t, "POST", base+"/api/v1/match", string(req))
			if st != tt.status || strings.Contains(body, tt.not) {
				t.Fatalf("status %d, want %d without %s: %.600s", st, tt.status, tt.not, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("answer has no %s: %.600s", w, body)
				}
			}
		})
	}
	st, page := postMatchPage(t, base, url.Values{"jd": {jd.String()}, "api_key": {"k"}})
	if want := "has 60 requirements and a match scores at most 40: 20 that say least"; st != http.StatusOK || !strings.Contains(page, want) {
		t.Errorf("page: status %d, want 200 saying %q", st, want)
	}
}

// The API's limits on a job description are what openapi.json says: text
// past 50000 characters is refused with 400 invalid naming the field and
// the limit, for the match and for a stored job, not cut or read as
// something else.
func TestAPIRefusesLongJobDescriptions(t *testing.T) {
	base, _ := jobsServer(t)
	long := strings.Repeat("x", 49990) + "\n- Kubernetes in production" // 50017 characters
	for _, path := range []string{"/match", "/jobs"} {
		req, _ := json.Marshal(map[string]string{"job_description": long})
		st, body := keyedRaw(t, "POST", base+"/api/v1"+path, string(req))
		if st != http.StatusBadRequest || !strings.Contains(body, `"code":"invalid"`) || !strings.Contains(body, "longer than 50000 characters") {
			t.Errorf("POST %s with %d characters: %d %.300s", path, len(long), st, body)
		}
	}
}
