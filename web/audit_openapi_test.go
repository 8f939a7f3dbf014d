package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"vitae/audit"
)

// auditCalls are the schema check's calls of the accountability routes:
// open has no audit log, keyed wants a key, and a third server logs.
func auditCalls(tb testing.TB, open, keyed *httptest.Server, serve func(Config) *httptest.Server) []liveCall {
	tb.Helper()
	openapi3filter.RegisterBodyDecoder("text/markdown", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	log, err := audit.Open(audit.Options{Dir: tb.TempDir(), StoreText: true, FlushEvery: time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { log.Close() })
	names := audit.NewPseudonyms([]byte("0123456789abcdef0123456789abcdef"))
	logged := serve(Config{Audit: log, Pseudonyms: names, Contact: "privacy@example.com", MaxBodyBytes: 64 << 10})
	call := func(srv *httptest.Server, name, method, path, body string, status int, request string) liveCall {
		return liveCall{name: name, srv: srv, method: method, path: path, body: []byte(body), status: status, request: request}
	}
	jd := url.QueryEscape("SRE Manager\n\nRequirements:\n- Lead a team of SREs\n- Kubernetes in production")
	ana := names.ID("jordan-lee")
	return []liveCall{
		call(logged, "blind search", "POST", "/api/v1/search", `{"query":"led DevOps team","blind":true,"group_by":"candidate"}`, 200, "valid"),
		call(logged, "blind match with a job label", "POST", "/api/v1/match", `{"job_description":"- Kubernetes in production","blind":true,"job":"sre-7"}`, 200, "valid"),
		call(logged, "blind résumé", "GET", "/api/v1/resumes/jordan-lee?blind=true", "", 200, "valid"),
		call(logged, "résumé by pseudonym", "GET", "/api/v1/resumes/"+ana, "", 200, "valid"),

		call(logged, "audit export", "GET", "/api/v1/audit?since=2020-01-01&limit=2", "", 200, "valid"),
		call(logged, "audit export by action", "GET", "/api/v1/audit?action=search&after=1", "", 200, "valid"),
		call(logged, "audit bad since", "GET", "/api/v1/audit?since=yesterday", "", 400, ""),
		call(open, "audit without a log", "GET", "/api/v1/audit", "", 503, "valid"),
		{name: "audit without key", srv: keyed, method: "GET", path: "/api/v1/audit", status: 401},

		call(logged, "decision", "POST", "/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"shortlisted","reason":"on-call record","ref":"A2"}`, 201, "valid"),
		call(logged, "decision by pseudonym", "POST", "/api/v1/decisions", `{"resume_id":"`+ana+`","decision":"rejected","job":"sre-7"}`, 201, "valid"),
		call(logged, "decision unknown kind", "POST", "/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"hired"}`, 400, "invalid"),
		call(logged, "decision unknown résumé", "POST", "/api/v1/decisions", `{"resume_id":"nobody","decision":"rejected"}`, 404, ""),
		call(logged, "decision job label at the maximum", "POST", "/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"rejected","job":"`+strings.Repeat("é", 200)+`"}`, 201, "valid"),
		call(logged, "decision job label too long", "POST", "/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"rejected","job":"`+strings.Repeat("j", 201)+`"}`, 400, "invalid"),
		call(logged, "decision long reason", "POST", "/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"rejected","reason":"`+strings.Repeat("x", 2001)+`"}`, 400, "invalid"),
		call(logged, "decision huge body", "POST", "/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"rejected","reason":"`+strings.Repeat("x", 70<<10)+`"}`, 413, ""),
		call(open, "decision without a log", "POST", "/api/v1/decisions", `{"resume_id":"jordan-lee","decision":"rejected"}`, 503, "valid"),
		{name: "decision without key", srv: keyed, method: "POST", path: "/api/v1/decisions", body: []byte(`{"resume_id":"jordan-lee","decision":"rejected"}`), status: 401},

		call(logged, "reveal", "POST", "/api/v1/candidates/"+ana+"/reveal?reason=interview", "", 200, "valid"),
		call(logged, "reveal a résumé ID", "POST", "/api/v1/candidates/jordan-lee/reveal", "", 400, ""),
		call(logged, "reveal unknown", "POST", "/api/v1/candidates/c-000000000000/reveal", "", 404, ""),
		call(open, "reveal without a log", "POST", "/api/v1/candidates/"+ana+"/reveal", "", 503, "valid"),
		{name: "reveal without key", srv: keyed, method: "POST", path: "/api/v1/candidates/" + ana + "/reveal", status: 401},

		call(logged, "explanation", "GET", "/api/v1/candidates/jordan-lee/explanation?job="+jd, "", 200, "valid"),
		call(logged, "explanation markdown", "GET", "/api/v1/candidates/jordan-lee/explanation?format=markdown&job="+jd, "", 200, "valid"),
		call(logged, "explanation from the log", "GET", "/api/v1/candidates/"+ana+"/explanation?audit=A2&format=html", "", 200, "valid"),
		call(logged, "explanation without job", "GET", "/api/v1/candidates/jordan-lee/explanation", "", 400, ""),
		call(logged, "explanation bad format", "GET", "/api/v1/candidates/jordan-lee/explanation?format=pdf&job=x", "", 400, "invalid"),
		call(logged, "explanation unknown", "GET", "/api/v1/candidates/nobody/explanation?job="+jd, "", 404, ""),
		call(logged, "explanation long job", "GET", "/api/v1/candidates/jordan-lee/explanation?job="+strings.Repeat("a", 20001), "", 400, ""),
		call(open, "explanation from no log", "GET", "/api/v1/candidates/jordan-lee/explanation?audit=A1", "", 503, "valid"),
		{name: "explanation without key", srv: keyed, method: "GET", path: "/api/v1/candidates/jordan-lee/explanation?job=x", status: 401},
	}
}
