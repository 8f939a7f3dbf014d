package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"vitae/audit"
	"vitae/web/workbench"
)

// Every JSON endpoint takes an object: a body that is another JSON value
// (an array, a string, a number, a boolean, null) is a 400 that says so,
// not `field "" has the wrong type` nor a field it then finds empty.
func TestJSONBodyMustBeAnObject(t *testing.T) {
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	log, err := audit.Open(audit.Options{Dir: t.TempDir(), FlushEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	list, err := wb.CreateShortlist("SRE leads", "")
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := newTestServer(t, Config{APIKey: "k", Workbench: wb, Audit: log})
	const object = "request body must be a JSON object"
	endpoints := []struct{ method, path, want string }{
		{"POST", "/search", object},
		{"POST", "/rank", object},
		{"POST", "/match", object},
		{"POST", "/jobs", object},
		{"POST", "/shortlists", object},
		{"PUT", "/shortlists/" + list.ID + "/entries/jordan-lee", object}, // null added the entry
		{"POST", "/searches", object},
		{"POST", "/decisions", object},
		{"POST", "/resumes?id=zed", "not a JSON Resume document: the top level is not an object"},
	}
	bodies := []string{`[{"query":"go"}]`, `[]`, `"led DevOps team"`, `42`, `-1.5`, `true`, `null`, " \n null "}
	for _, e := range endpoints {
		for _, body := range bodies {
			st, got := keyedRaw(t, e.method, ts.URL+"/api/v1"+e.path, body)
			if st != http.StatusBadRequest || !strings.Contains(got, `"code":"invalid"`) || !strings.Contains(got, e.want) {
				t.Errorf("%s %s %q: %d %s, want 400 with %q", e.method, e.path, body, st, got, e.want)
			}
		}
	}
	// Not JSON at all is still a syntax error, and an object still parses.
	for _, tt := range []struct{ body, want string }{
		{`nonsense`, "malformed JSON body: syntax error"},
		{`[1,`, "malformed JSON body"},
		{``, "empty body"},
	} {
		if st, got := keyedRaw(t, "POST", ts.URL+"/api/v1/search", tt.body); st != http.StatusBadRequest || !strings.Contains(got, tt.want) {
			t.Errorf("POST /search %q: %d %s, want 400 with %q", tt.body, st, got, tt.want)
		}
	}
	if st, got := keyedRaw(t, "POST", ts.URL+"/api/v1/search", ` {"query":"led DevOps team"}`); st != http.StatusOK {
		t.Errorf("POST /search with an object: %d %s", st, got)
	}
}

// A body that is not UTF-8 is a 400 on every JSON endpoint: the decoder
// would read its bad bytes as U+FFFD, and a job description saved from
// it would name "Kub��ernetes" (a tryout's finding), where `vitae jobs
// add` refuses the same bytes.
func TestJSONBodyMustBeUTF8(t *testing.T) {
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	ts, _ := newTestServer(t, Config{APIKey: "k", Workbench: wb})
	jd := "## Requirements\\n- Kub\xff\xfeernetes in production\\n- Lead a team of SREs"
	for _, e := range []struct{ path, body string }{
		{"/jobs", `{"job_description":"` + jd + `"}`},
		{"/match", `{"job_description":"` + jd + `"}`},
		{"/search", "{\"query\":\"led \xff DevOps team\"}"},
		{"/rank", "{\"query\":\"devops\",\"bullets\":[\"Led \xc3 DevOps\"]}"},
	} {
		st, got := keyedRaw(t, "POST", ts.URL+"/api/v1"+e.path, e.body)
		if st != http.StatusBadRequest || !strings.Contains(got, "not UTF-8") {
			t.Errorf("POST %s with bytes that are not UTF-8: %d %s, want 400 saying so", e.path, st, got)
		}
	}
	jobs, err := wb.Jobs()
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 0 {
		t.Errorf("stored %d jobs from bodies that are not UTF-8", len(jobs))
	}
	// The same text as UTF-8 is stored.
	if st, got := keyedRaw(t, "POST", ts.URL+"/api/v1/jobs", `{"job_description":"## Requirements\n- Kubernetes in production\n- Lead a team of SREs"}`); st != http.StatusCreated {
		t.Errorf("POST /jobs with UTF-8: %d %s", st, got)
	}
}
