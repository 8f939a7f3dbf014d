package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"vitae/web/workbench"
)

// jobCalls are the live calls of the stored jobs and the jobs a person
// fits, for TestLiveResponsesMatchOpenAPI: unconfigured (503), without
// the key (401), then the real thing on a workbench of their own.
func jobCalls(t *testing.T, serve func(Config) *httptest.Server, open, keyed *httptest.Server) []liveCall {
	t.Helper()
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	srv := serve(Config{Workbench: wb, MaxBodyBytes: 64 << 10})
	stored, _, _, err := saveJob(wb, "", "# SRE Manager\n## Requirements\n- Lead a team of SREs\n- Kubernetes in production\n## Nice to have\n- Terraform", "markdown")
	if err != nil {
		t.Fatal(err)
	}
	jp := "/api/v1/jobs/" + stored.ID
	call := func(srv *httptest.Server, name, method, path, body string, status int, request string) liveCall {
		return liveCall{name: name, srv: srv, method: method, path: path, body: []byte(body), status: status, request: request}
	}
	long := strings.Repeat("- Kubernetes\\n", 4000)
	return []liveCall{
		call(open, "jobs unconfigured", "GET", "/api/v1/jobs", "", 503, "valid"),
		call(open, "save job unconfigured", "POST", "/api/v1/jobs", `{"job_description":"- Go"}`, 503, "valid"),
		call(open, "get job unconfigured", "GET", "/api/v1/jobs/x", "", 503, "valid"),
		call(open, "delete job unconfigured", "DELETE", "/api/v1/jobs/x", "", 503, "valid"),
		call(open, "fits unconfigured", "GET", "/api/v1/resumes/jordan-lee/jobs", "", 503, "valid"),
		call(keyed, "jobs without key", "GET", "/api/v1/jobs", "", 401, ""),
		call(keyed, "save job without key", "POST", "/api/v1/jobs", `{"job_description":"- Go"}`, 401, ""),
		call(keyed, "get job without key", "GET", "/api/v1/jobs/x", "", 401, ""),
		call(keyed, "delete job without key", "DELETE", "/api/v1/jobs/x", "", 401, ""),
		call(keyed, "fits without key", "GET", "/api/v1/resumes/jordan-lee/jobs", "", 401, ""),

		call(srv, "save job", "POST", "/api/v1/jobs", `{"title":"Platform lead","job_description":"Requirements:\n- Led DevOps team\n- Go","format":"text"}`, 201, "valid"),
		call(srv, "save job again", "POST", "/api/v1/jobs", `{"title":"Platform lead","job_description":"Requirements:\n- Led DevOps team\n- Go","format":"text"}`, 200, "valid"),
		call(srv, "save job under another title", "POST", "/api/v1/jobs", `{"title":"Platform head","job_description":"Requirements:\n- Led DevOps team\n- Go","format":"text"}`, 409, "conflict"),
		call(srv, "save job untitled", "POST", "/api/v1/jobs", `{"job_description":"## Requirements\n- Kubernetes in production"}`, 201, "valid"),
		warns(call(srv, "save job not in English", "POST", "/api/v1/jobs", jobBody("", germanJD), 201, "valid"),
			`"warnings":["the job description does not look like English`, `"warning_codes":["not_english"]`),
		call(srv, "save job malformed", "POST", "/api/v1/jobs", `{"job_description":`, 400, "invalid"),
		call(srv, "save job unknown field", "POST", "/api/v1/jobs", `{"job_description":"- Go","salary":1}`, 400, "invalid"),
		call(srv, "save job empty", "POST", "/api/v1/jobs", `{"job_description":""}`, 400, "invalid"),
		call(srv, "save job bad format", "POST", "/api/v1/jobs", `{"job_description":"- Go","format":"pdf"}`, 400, "invalid"),
		call(srv, "save job without requirements", "POST", "/api/v1/jobs", `{"job_description":"{\"title\":\"x\"}","format":"json"}`, 400, ""),
		call(srv, "save job long title", "POST", "/api/v1/jobs", `{"title":"`+strings.Repeat("t", 201)+`","job_description":"- Go"}`, 400, "invalid"),
		call(srv, "save job too long", "POST", "/api/v1/jobs", `{"job_description":"`+long+`"}`, 400, "invalid"),
		call(srv, "save job huge body", "POST", "/api/v1/jobs", `{"job_description":"`+strings.Repeat("a", 70<<10)+`"}`, 413, ""),
		call(srv, "list jobs", "GET", "/api/v1/jobs", "", 200, "valid"),
		call(srv, "get job", "GET", jp, "", 200, "valid"),
		call(srv, "get unknown job", "GET", "/api/v1/jobs/nope", "", 404, ""),
		call(srv, "fits", "GET", "/api/v1/resumes/jordan-lee/jobs", "", 200, "valid"),
		call(srv, "fits of an unknown résumé", "GET", "/api/v1/resumes/nobody/jobs", "", 404, ""),
		call(srv, "fits of a bad id", "GET", "/api/v1/resumes/a%3Fb/jobs", "", 400, "invalid"),
		call(srv, "delete job", "DELETE", jp, "", 200, "valid"),
		call(srv, "delete job again", "DELETE", jp, "", 404, ""),
	}
}

// warns makes a live call also check texts of the answer: a stored job's
// warnings, as a match gives them.
func warns(c liveCall, contains ...string) liveCall {
	c.contains = contains
	return c
}
