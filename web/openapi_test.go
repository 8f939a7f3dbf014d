package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"vitae/ingest"
	"vitae/match"
	"vitae/web/workbench"
)

// reParam turns gin's ":name" path parameters into OpenAPI's "{name}".
var reParam = regexp.MustCompile(`:(\w+)`)

// loadOpenAPI parses and validates openapi.json (examples included).
func loadOpenAPI(tb testing.TB) *openapi3.T {
	tb.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openapiJSON)
	if err != nil {
		tb.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		tb.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	return doc
}

// TestOpenAPIMatchesRoutes keeps openapi.json true: every /api/v1 and
// operations route is documented, and every documented operation exists.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	srv, err := New(nil, nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	registered := map[string]bool{}
	for _, r := range srv.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") && !slices.Contains([]string{"/healthz", "/readyz", "/metrics"}, r.Path) {
			continue // pages and static files
		}
		key := r.Method + " " + reParam.ReplaceAllString(r.Path, "{$1}")
		registered[key] = true
	}
	documented := map[string]bool{}
	for p, item := range doc.Paths.Map() {
		base := doc.Servers[0].URL
		if len(item.Servers) > 0 {
			base = item.Servers[0].URL
		}
		for m, op := range item.Operations() {
			key := m + " " + strings.TrimSuffix(base, "/") + p
			documented[key] = true
			if !registered[key] {
				t.Errorf("openapi.json documents %s, which is not registered", key)
			}
			if op.OperationID == "" {
				t.Errorf("%s has no operationId", key)
			}
		}
	}
	for key := range registered {
		if !documented[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
}

// liveCall is one request of the schema check, and what it must get.
type liveCall struct {
	name   string
	srv    *httptest.Server
	method string
	path   string
	body   []byte
	ctype  string
	key    string
	status int
	// request: whether the document accepts the request — "valid" (it
	// must), "invalid" (it must not: the schema says what the server
	// refuses) or "" (not checked: a valid request the server refuses for
	// another reason, such as an unknown id).
	request string
	// contains are texts the answer must hold: fields only some
	// configurations write, so the schema check sees them.
	contains []string
	origin   string // the Origin header a browser would send
}

// testLiveResponsesMatchOpenAPI calls every route of the real server,
// with valid and invalid requests, and validates each response (status,
// headers, body) against openapi.json; TestE2E runs it on each backend.
func testLiveResponsesMatchOpenAPI(t *testing.T, store openStore) {
	doc := loadOpenAPI(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	open, eng := newTestServerOn(t, store, Config{MaxBodyBytes: 64 << 10})
	serve := func(cfg Config) *httptest.Server {
		s, err := New(eng, match.New(eng, match.Options{}), cfg)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(s)
		t.Cleanup(ts.Close)
		return ts
	}
	keyed := serve(Config{APIKey: "s3cret", ProtectReads: true})
	limited := serve(Config{RateLimit: 0.001, RateBurst: 1})
	starting := serve(Config{Ready: func() bool { return false }})
	rejecting := serve(Config{Uploads: UploadLimits{Duplicates: DuplicatesReject}})
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	bench := serve(Config{Workbench: wb, MaxBodyBytes: 64 << 10})
	list, err := wb.CreateShortlist("SRE leads", "led DevOps team")
	if err != nil {
		t.Fatal(err)
	}
	saved, err := wb.SaveSearch(workbench.Search{Name: "K8s", Query: "kubernetes"})
	if err != nil {
		t.Fatal(err)
	}
	benchCall := func(name, method, path, body string, status int, request string) liveCall {
		return liveCall{name: name, srv: bench, method: method, path: path, body: []byte(body), status: status, request: request}
	}
	keyedCall := func(name, method, path, body string) liveCall {
		return liveCall{name: name + " without key", srv: keyed, method: method, path: path, body: []byte(body), status: 401}
	}
	lp, sp := "/api/v1/shortlists/"+list.ID, "/api/v1/searches/"+saved.ID

	jsonCall := func(name, method, path, body string, status int, request string) liveCall {
		return liveCall{name: name, srv: open, method: method, path: path, body: []byte(body), status: status, request: request}
	}
	upload, uploadType := multipartFiles(t, map[string][]byte{
		"riley-chen.pdf":    readFile(t, "../data/riley-chen.pdf"),
		"morgan-blake.docx": readFile(t, "../data/morgan-blake.docx"),
		"broken.json":       []byte(`{"basics": `),
	})
	allBroken, allBrokenType := multipartFiles(t, map[string][]byte{"broken.json": []byte(`{"basics": `)})
	noFiles, noFilesType := multipartFiles(t, map[string][]byte{})
	huge, hugeType := multipartFiles(t, map[string][]byte{"big.md": bytes.Repeat([]byte("- Led a team\n"), 6000)})
	long := strings.Repeat("devops ", 200)
	hugeText := strings.Repeat("a", 70<<10) // past the 64 KiB body limit: 413, whatever the field
	kai := `{"basics":{"name":"Kai Moss","email":"kai@example.com"},"work":[{"name":"Initrode","position":"SRE","highlights":["Ran the incident reviews for the storage fleet"]}]}`
	kaiCopy, kaiCopyType := multipartFiles(t, map[string][]byte{"kai-2.json": []byte(kai)})
	kaiResume, err := ingest.Parse("kai-moss.json", []byte(kai), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	empty, emptyType := multipartFiles(t, map[string][]byte{"empty.md": []byte("# Nobody\n")})

	calls := []liveCall{
		jsonCall("search hybrid explained", "POST", "/api/v1/search", `{"query":"led DevOps team","limit":5,"explain":true}`, 200, "valid"),
		jsonCall("search grouped", "POST", "/api/v1/search", `{"query":"led DevOps team","group_by":"candidate"}`, 200, "valid"),
		jsonCall("search keyword filtered", "POST", "/api/v1/search", `{"query":"team","mode":"keyword","filters":{"company":["Planet Labs"],"skill":["Go"],"since":"2015","until":"2024-06"}}`, 200, "valid"),
		jsonCall("search semantic rrf", "POST", "/api/v1/search", `{"query":"kubernetes migration","mode":"semantic","fusion":"rrf","offset":2}`, 200, "valid"),
		jsonCall("search without facets", "POST", "/api/v1/search", `{"query":"led DevOps team","facets":false,"group_by":null}`, 200, "valid"),
		jsonCall("search no hits", "POST", "/api/v1/search", `{"query":"zzyzx","mode":"keyword"}`, 200, "valid"),
		{name: "search filtered to nothing", srv: open, method: "POST", path: "/api/v1/search", body: []byte(`{"query":"kubernetes role:PM","filters":{"since":"2019"}}`),
			status: 200, request: "valid", contains: []string{`"total":0`, `"bullets_without_filters":`}},
		{name: "search grouped filtered to nothing", srv: open, method: "POST", path: "/api/v1/search", body: []byte(`{"query":"zzyzx","mode":"keyword","group_by":"candidate","filters":{"company":["Nowhere"]}}`),
			status: 200, request: "valid", contains: []string{`"total":0`, `"bullets_without_filters":0`}},
		jsonCall("search malformed JSON", "POST", "/api/v1/search", `{"query":`, 400, "invalid"),
		jsonCall("search unknown field", "POST", "/api/v1/search", `{"query":"x","bogus":1}`, 400, "invalid"),
		jsonCall("search wrong type", "POST", "/api/v1/search", `{"query":5}`, 400, "invalid"),
		jsonCall("search empty query", "POST", "/api/v1/search", `{"query":""}`, 400, "invalid"),
		jsonCall("search bad mode", "POST", "/api/v1/search", `{"query":"x","mode":"magic"}`, 400, "invalid"),
		jsonCall("search negative offset", "POST", "/api/v1/search", `{"query":"x","offset":-1}`, 400, "invalid"),
		jsonCall("search limit over the maximum", "POST", "/api/v1/search", `{"query":"x","limit":100000}`, 400, "invalid"),
		jsonCall("search negative limit", "POST", "/api/v1/search", `{"query":"x","limit":-1}`, 400, "invalid"),
		jsonCall("search bad ratio", "POST", "/api/v1/search", `{"query":"x","semantic_ratio":7}`, 400, "invalid"),
		jsonCall("search bad date", "POST", "/api/v1/search", `{"query":"x","filters":{"since":"soon"}}`, 400, "invalid"),
		jsonCall("search long query", "POST", "/api/v1/search", `{"query":"`+long+`"}`, 400, "invalid"),
		jsonCall("search huge body", "POST", "/api/v1/search", `{"query":"`+strings.Repeat("a", 70<<10)+`"}`, 413, "invalid"),

		jsonCall("rank", "POST", "/api/v1/rank", `{"query":"led DevOps team","bullets":["Baked bread",{"id":"b2","text":"Headed the SRE group"}]}`, 200, "valid"),
		jsonCall("rank keyword", "POST", "/api/v1/rank", `{"query":"SRE","mode":"keyword","semantic_ratio":0.2,"bullets":["Headed the SRE group"]}`, 200, "valid"),
		jsonCall("rank bad bullet", "POST", "/api/v1/rank", `{"query":"x","bullets":[42]}`, 400, "invalid"),
		jsonCall("rank no bullets", "POST", "/api/v1/rank", `{"query":"x","bullets":[]}`, 400, "invalid"),
		jsonCall("rank long query", "POST", "/api/v1/rank", `{"query":"`+long+`","bullets":["x"]}`, 400, "invalid"),
		jsonCall("rank huge body", "POST", "/api/v1/rank", `{"query":"x","bullets":["`+hugeText+`"]}`, 413, ""),

		jsonCall("match", "POST", "/api/v1/match", `{"job_description":"## Requirements\n- Lead a team of SREs\n- Kubernetes in production"}`, 200, "valid"),
		{name: "match titled", srv: open, method: "POST", path: "/api/v1/match", body: []byte(`{"title":"SRE Manager","job_description":"## Requirements\n- Lead a team of SREs\n- Kubernetes in production"}`),
			status: 200, request: "valid", contains: []string{`"title":"SRE Manager"`}},
		jsonCall("match title too long", "POST", "/api/v1/match", `{"title":"`+strings.Repeat("t", 201)+`","job_description":"- Go"}`, 400, "invalid"),
		{name: "match years of a role", srv: open, method: "POST", path: "/api/v1/match", body: []byte(`{"job_description":"## Requirements\n- 3+ years as a site reliability engineer\n- Kubernetes in production"}`),
			status: 200, request: "valid", contains: []string{`"kind":"role"`}},
		{name: "match years of a skill", srv: open, method: "POST", path: "/api/v1/match", body: []byte(`{"job_description":"## Requirements\n- At least 3 years experience with Kubernetes\n- Lead a team of SREs"}`),
			status: 200, request: "valid", contains: []string{`"kind":"skill"`, `"skills":["Kubernetes"]`}},
		{name: "match years past a working life", srv: open, method: "POST", path: "/api/v1/match", body: []byte(`{"job_description":"## Requirements\n- 100+ years of Go experience\n- Kubernetes in production"}`),
			status: 200, request: "valid", contains: []string{`"warning_codes":["implausible_years"]`, `asks for 100 years, more than a working life (60)`}},
		{name: "match past the requirement cap", srv: open, method: "POST", path: "/api/v1/match", body: []byte(`{"job_description":"` + numberedLines(`- Experience with Kubernetes operator %d\n`, 45) + `"}`),
			status: 200, request: "valid", contains: []string{`"requirements_dropped":5`}},
		jsonCall("match text limited", "POST", "/api/v1/match", `{"job_description":"SRE Manager\n\nRequirements:\n- 5+ years of Go\n- Terraform","format":"text","limit":2,"mode":"keyword"}`, 200, "valid"),
		jsonCall("match empty", "POST", "/api/v1/match", `{"job_description":""}`, 400, "invalid"),
		jsonCall("match negative limit", "POST", "/api/v1/match", `{"job_description":"- Go","limit":-1}`, 400, "invalid"),
		jsonCall("match limit over the maximum", "POST", "/api/v1/match", `{"job_description":"- Go","limit":101}`, 400, "invalid"),
		{name: "match a résumé", srv: open, method: "POST", path: "/api/v1/match", body: []byte(`{"job_description":"{\"basics\":{\"name\":\"Kai Moss\"},\"work\":[{\"name\":\"Initrode\",\"position\":\"SRE\"}],\"skills\":[{\"name\":\"Kubernetes\"}]}"}`),
			status: 200, request: "valid", contains: []string{`"warnings":["the job description looks like a résumé`, `"warning_codes":["looks_like_resume"]`}},
		{name: "match a pasted résumé", srv: open, method: "POST", path: "/api/v1/match", body: matchBody(t, "# Jordan Lee\n## Experience\n### SRE Manager, Northwind\nMar 2020 – Present\n- Led six SREs\n- Cut paging by 45%\n- Built the on-call rota\n### Engineer, Contoso\nJun 2016 – Feb 2020\n- Automated PostgreSQL failover\n## Skills\nKubernetes, Terraform"),
			status: 200, request: "valid", contains: []string{`"warning_codes":["looks_like_resume"]`}},
		{name: "match a job not in English", srv: open, method: "POST", path: "/api/v1/match", body: matchBody(t, germanJD),
			status: 200, request: "valid", contains: []string{`"warnings":["the job description does not look like English (it reads as German)`, `"warning_codes":["not_english"]`}},
		jsonCall("match job label at the maximum", "POST", "/api/v1/match", `{"job_description":"- Go","job":"`+strings.Repeat("é", 200)+`"}`, 200, "valid"),
		jsonCall("match job label too long", "POST", "/api/v1/match", `{"job_description":"- Go","job":"`+strings.Repeat("j", 300)+`"}`, 400, "invalid"),
		jsonCall("match huge body", "POST", "/api/v1/match", `{"job_description":"`+strings.Repeat("a", 70<<10)+`"}`, 413, ""),

		jsonCall("list résumés", "GET", "/api/v1/resumes", "", 200, "valid"),
		jsonCall("list a page", "GET", "/api/v1/resumes?offset=1&limit=2", "", 200, "valid"),
		jsonCall("list bad offset", "GET", "/api/v1/resumes?offset=-3", "", 400, "invalid"),
		jsonCall("one résumé", "GET", "/api/v1/resumes/jordan-lee", "", 200, "valid"),
		jsonCall("one JSON Resume", "GET", "/api/v1/resumes/ana-silva", "", 200, "valid"),
		jsonCall("unknown résumé", "GET", "/api/v1/resumes/nobody", "", 404, ""),

		jsonCall("upload JSON Resume", "POST", "/api/v1/resumes?id=zoe-park", `{"basics":{"name":"Zoe Park"},"work":[{"name":"Initrode","position":"SRE","highlights":["Headed the platform operations crew of six"]}]}`, 201, "valid"),
		jsonCall("upload it again, unchanged", "POST", "/api/v1/resumes?id=zoe-park", `{"basics":{"name":"Zoe Park"},"work":[{"name":"Initrode","position":"SRE","highlights":["Headed the platform operations crew of six"]}]}`, 200, "valid"),
		{name: "upload files", srv: open, method: "POST", path: "/api/v1/resumes", body: upload, ctype: uploadType, status: 201, request: "valid"},
		{name: "upload only broken files", srv: open, method: "POST", path: "/api/v1/resumes", body: allBroken, ctype: allBrokenType, status: 400},
		{name: "upload no files", srv: open, method: "POST", path: "/api/v1/resumes", body: noFiles, ctype: noFilesType, status: 400, request: "invalid"},
		{name: "upload too large", srv: open, method: "POST", path: "/api/v1/resumes", body: huge, ctype: hugeType, status: 413},
		jsonCall("upload bad id", "POST", "/api/v1/resumes?id=../../etc", `{}`, 400, "invalid"),
		jsonCall("upload garbage", "POST", "/api/v1/resumes?id=g", `{"basics":`, 400, "invalid"),
		{name: "upload wrong type", srv: open, method: "POST", path: "/api/v1/resumes", body: []byte("x"), ctype: "text/plain", status: 415, request: "invalid"},

		jsonCall("upload with email", "POST", "/api/v1/resumes?id=kai-moss", kai, 201, "valid"),
		{name: "upload a refused duplicate", srv: rejecting, method: "POST", path: "/api/v1/resumes", body: kaiCopy, ctype: kaiCopyType, status: 409},
		{name: "upload no bullets", srv: open, method: "POST", path: "/api/v1/resumes", body: empty, ctype: emptyType, status: 422},
		jsonCall("get a bad id", "GET", "/api/v1/resumes/a%3Fb", "", 400, "invalid"),
		jsonCall("delete a bad id", "DELETE", "/api/v1/resumes/a%3Fb", "", 400, "invalid"),
		jsonCall("delete a bad identity", "DELETE", "/api/v1/candidates/kai", "", 400, "invalid"),
		jsonCall("delete a candidate", "DELETE", "/api/v1/candidates/"+kaiResume.Identity, "", 200, "valid"),
		jsonCall("delete an erased candidate", "DELETE", "/api/v1/candidates/"+kaiResume.Identity, "", 404, ""),
		{name: "delete a candidate without key", srv: keyed, method: "DELETE", path: "/api/v1/candidates/" + kaiResume.Identity, status: 401},
		{name: "metrics without key", srv: keyed, method: "GET", path: "/metrics", status: 401},
		jsonCall("delete all copies", "DELETE", "/api/v1/resumes/zoe-park?all_copies=true", "", 200, "valid"),
		jsonCall("delete", "DELETE", "/api/v1/resumes/ana-silva", "", 200, "valid"),
		jsonCall("delete unknown", "DELETE", "/api/v1/resumes/zoe-park", "", 404, ""),

		jsonCall("stats", "GET", "/api/v1/stats", "", 200, "valid"),
		jsonCall("openapi", "GET", "/api/v1/openapi.json", "", 200, "valid"),
		jsonCall("healthz", "GET", "/healthz", "", 200, "valid"),
		jsonCall("readyz", "GET", "/readyz", "", 200, "valid"),
		jsonCall("metrics", "GET", "/metrics", "", 200, "valid"),
		{name: "readyz while indexing", srv: starting, method: "GET", path: "/readyz", status: 503, request: "valid"},

		{name: "search without key", srv: keyed, method: "POST", path: "/api/v1/search", body: []byte(`{"query":"x"}`), status: 401},
		{name: "rank without key", srv: keyed, method: "POST", path: "/api/v1/rank", body: []byte(`{"query":"x","bullets":["x"]}`), status: 401},
		{name: "match without key", srv: keyed, method: "POST", path: "/api/v1/match", body: []byte(`{"job_description":"- Go"}`), status: 401},
		{name: "list without key", srv: keyed, method: "GET", path: "/api/v1/resumes", status: 401},
		{name: "get with wrong key", srv: keyed, method: "GET", path: "/api/v1/resumes/jordan-lee", key: "wrong", status: 401},
		{name: "upload without key", srv: keyed, method: "POST", path: "/api/v1/resumes?id=x", body: []byte(`{}`), status: 401},
		{name: "delete without key", srv: keyed, method: "DELETE", path: "/api/v1/resumes/jordan-lee", status: 401},
		{name: "stats without key", srv: keyed, method: "GET", path: "/api/v1/stats", status: 401},
		{name: "stats with key", srv: keyed, method: "GET", path: "/api/v1/stats", key: "s3cret", status: 200, request: "valid"},

		{name: "stats within the rate", srv: limited, method: "GET", path: "/api/v1/stats", status: 200, request: "valid"},
		{name: "stats over the rate", srv: limited, method: "GET", path: "/api/v1/stats", status: 429, request: "valid"},
		{name: "openapi over the rate", srv: limited, method: "GET", path: "/api/v1/openapi.json", status: 429, request: "valid"},
		{name: "metrics over the rate", srv: limited, method: "GET", path: "/metrics", status: 429, request: "valid"},
		{name: "healthz is not rate limited", srv: limited, method: "GET", path: "/healthz", status: 200, request: "valid"},

		// Shortlists and saved searches: without a workbench (503), without
		// the key (401), then the real thing.
		jsonCall("shortlists unconfigured", "GET", "/api/v1/shortlists", "", 503, "valid"),
		jsonCall("create shortlist unconfigured", "POST", "/api/v1/shortlists", `{"name":"x"}`, 503, "valid"),
		jsonCall("get shortlist unconfigured", "GET", "/api/v1/shortlists/x", "", 503, "valid"),
		jsonCall("delete shortlist unconfigured", "DELETE", "/api/v1/shortlists/x", "", 503, "valid"),
		jsonCall("set entry unconfigured", "PUT", "/api/v1/shortlists/x/entries/jordan-lee", `{"note":""}`, 503, "valid"),
		jsonCall("remove entry unconfigured", "DELETE", "/api/v1/shortlists/x/entries/jordan-lee", "", 503, "valid"),
		jsonCall("searches unconfigured", "GET", "/api/v1/searches", "", 503, "valid"),
		jsonCall("save search unconfigured", "POST", "/api/v1/searches", `{"name":"x","query":"x"}`, 503, "valid"),
		jsonCall("delete search unconfigured", "DELETE", "/api/v1/searches/x", "", 503, "valid"),
		keyedCall("shortlists", "GET", "/api/v1/shortlists", ""),
		keyedCall("create shortlist", "POST", "/api/v1/shortlists", `{"name":"x"}`),
		keyedCall("get shortlist", "GET", "/api/v1/shortlists/x", ""),
		keyedCall("delete shortlist", "DELETE", "/api/v1/shortlists/x", ""),
		keyedCall("set entry", "PUT", "/api/v1/shortlists/x/entries/jordan-lee", `{"note":""}`),
		keyedCall("remove entry", "DELETE", "/api/v1/shortlists/x/entries/jordan-lee", ""),
		keyedCall("searches", "GET", "/api/v1/searches", ""),
		keyedCall("save search", "POST", "/api/v1/searches", `{"name":"x","query":"x"}`),
		keyedCall("delete search", "DELETE", "/api/v1/searches/x", ""),
		benchCall("create shortlist", "POST", "/api/v1/shortlists", `{"name":"Platform leads","query":"led DevOps team","entries":[{"resume_id":"jordan-lee","note":"on-call story"}]}`, 201, "valid"),
		benchCall("create shortlist without name", "POST", "/api/v1/shortlists", `{"name":""}`, 400, "invalid"),
		benchCall("create shortlist with unknown candidate", "POST", "/api/v1/shortlists", `{"name":"x","entries":[{"resume_id":"nobody"}]}`, 404, ""),
		benchCall("create shortlist long name", "POST", "/api/v1/shortlists", `{"name":"`+strings.Repeat("n", 201)+`"}`, 400, "invalid"),
		benchCall("create shortlist huge body", "POST", "/api/v1/shortlists", `{"name":"`+hugeText+`"}`, 413, ""),
		benchCall("list shortlists", "GET", "/api/v1/shortlists", "", 200, "valid"),
		benchCall("get shortlist", "GET", lp, "", 200, "valid"),
		benchCall("get unknown shortlist", "GET", "/api/v1/shortlists/nope", "", 404, ""),
		benchCall("set entry", "PUT", lp+"/entries/jordan-lee", `{"note":"call back Monday"}`, 200, "valid"),
		benchCall("set entry malformed", "PUT", lp+"/entries/jordan-lee", `{"note":`, 400, "invalid"),
		benchCall("set entry long note", "PUT", lp+"/entries/jordan-lee", `{"note":"`+strings.Repeat("n", 2001)+`"}`, 400, "invalid"),
		benchCall("set entry huge body", "PUT", lp+"/entries/jordan-lee", `{"note":"`+hugeText+`"}`, 413, ""),
		benchCall("set entry unknown candidate", "PUT", lp+"/entries/nobody", `{"note":""}`, 404, ""),
		benchCall("remove entry", "DELETE", lp+"/entries/jordan-lee", "", 200, "valid"),
		benchCall("remove entry again", "DELETE", lp+"/entries/jordan-lee", "", 404, ""),
		benchCall("delete shortlist", "DELETE", lp, "", 200, "valid"),
		benchCall("delete shortlist again", "DELETE", lp, "", 404, ""),
		benchCall("save search", "POST", "/api/v1/searches", `{"name":"K8s leads","query":"led DevOps team","mode":"hybrid","sort":"recent","filters":{"skill":["Kubernetes","Go"],"since":"2019"}}`, 201, "valid"),
		benchCall("save search without query", "POST", "/api/v1/searches", `{"name":"x","query":""}`, 400, "invalid"),
		benchCall("save search long name", "POST", "/api/v1/searches", `{"name":"`+strings.Repeat("n", 201)+`","query":"x"}`, 400, "invalid"),
		benchCall("save search huge body", "POST", "/api/v1/searches", `{"name":"x","query":"`+hugeText+`"}`, 413, ""),
		benchCall("list searches", "GET", "/api/v1/searches", "", 200, "valid"),
		benchCall("delete search", "DELETE", sp, "", 200, "valid"),
		benchCall("delete search again", "DELETE", sp, "", 404, ""),

		// Not in the document: the answer is still the documented error shape.
		jsonCall("unknown API route", "GET", "/api/v1/nope", "", 404, ""),
		jsonCall("wrong method", "PUT", "/api/v1/search", `{}`, 405, ""),
	}
	// Role evidence and core weight on: the answer carries matched[].role_fit
	// and requirements[].core.
	weighed, err := New(eng, match.New(eng, match.Options{RoleEvidence: 0.5, Core: 0.6}), Config{})
	if err != nil {
		t.Fatal(err)
	}
	weighedSrv := httptest.NewServer(weighed)
	t.Cleanup(weighedSrv.Close)
	calls = append(calls, liveCall{name: "match by role evidence and core", srv: weighedSrv, method: "POST", path: "/api/v1/match",
		body:   []byte(`{"job_description":"# Site Reliability Engineer\n## Requirements\n- Reliable Kubernetes clusters in production\n- Led a DevOps team\n"}`),
		status: 200, request: "valid", contains: []string{`"role_fit":`, `"core":true`, `"role_evidence":0.5`, `"core_weight":0.6`}})
	calls = append(calls, jobCalls(t, serve, open, keyed)...)
	calls = append(calls, auditCalls(t, open, keyed, serve)...)
	calls = append(calls, crossSiteCalls(doc, open)...)

	seen := map[string]map[string]bool{} // operationId → statuses answered
	for _, c := range calls {
		// Sequential: the calls change the index and the rate buckets.
		t.Run(c.name, func(t *testing.T) {
			req := c.request0(t)
			route, params, err := router.FindRoute(req)
			if err != nil {
				status, body, h := c.send(t)
				if status != c.status {
					t.Fatalf("status %d, want %d: %s", status, c.status, body)
				}
				checkUndocumented(t, doc, h, body)
				return
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}}
			reqErr := openapi3filter.ValidateRequest(context.Background(), in)
			switch {
			case c.request == "valid" && reqErr != nil:
				t.Errorf("openapi.json rejects a request the server must accept: %v", reqErr)
			case c.request == "invalid" && reqErr == nil:
				t.Errorf("openapi.json accepts a request the server refuses with %d", c.status)
			}
			status, body, h := c.send(t)
			if status != c.status {
				t.Fatalf("status %d, want %d: %s", status, c.status, body)
			}
			for _, want := range c.contains {
				if !bytes.Contains(body, []byte(want)) {
					t.Errorf("answer has no %s: %.600s", want, body)
				}
			}
			if err := openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: in, Status: status, Header: h, Body: io.NopCloser(bytes.NewReader(body)),
				Options: in.Options,
			}); err != nil {
				t.Errorf("%s %s → %d does not match openapi.json:\n%v\nbody: %.600s", c.method, c.path, status, err, body)
			}
			id := route.Operation.OperationID
			if seen[id] == nil {
				seen[id] = map[string]bool{}
			}
			seen[id][fmt.Sprint(status)] = true
		})
	}
	// Every operation was called, and every status it documents was
	// answered live, but those no request can bring about on purpose.
	unprovoked := []string{"429", "500", "504"}
	for p, item := range doc.Paths.Map() {
		for m, op := range item.Operations() {
			for st := range op.Responses.Map() {
				if !seen[op.OperationID][st] && !slices.Contains(unprovoked, st) {
					t.Errorf("%s %s (%s): status %s is documented but no call got it", m, p, op.OperationID, st)
				}
			}
		}
	}
}

// request0 builds the request the document validates; send makes a fresh
// one, so validation cannot consume what the server reads.
func (c liveCall) request0(tb testing.TB) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(c.method, c.srv.URL+c.path, bytes.NewReader(c.body))
	if err != nil {
		tb.Fatal(err)
	}
	ctype := c.ctype
	if ctype == "" && len(c.body) > 0 {
		ctype = "application/json"
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	if c.origin != "" {
		req.Header.Set("Origin", c.origin)
	}
	return req
}

// crossSiteCalls send every documented operation that changes data as a
// page of another site would: each must answer the documented 403 before
// it reads the body or the ids (so dummy ones do), and change nothing.
func crossSiteCalls(doc *openapi3.T, srv *httptest.Server) []liveCall {
	var calls []liveCall
	for _, p := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(p)
		base := doc.Servers[0].URL
		if len(item.Servers) > 0 {
			base = item.Servers[0].URL
		}
		for m, op := range item.Operations() {
			if m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions {
				continue
			}
			path := reDocParam.ReplaceAllString(strings.TrimSuffix(base, "/")+p, "x")
			calls = append(calls, liveCall{name: "cross-site " + op.OperationID, srv: srv, method: m, path: path,
				body: []byte(`{}`), status: http.StatusForbidden, origin: "http://evil.example"})
		}
	}
	return calls
}

// reDocParam is an OpenAPI path parameter, "{name}".
var reDocParam = regexp.MustCompile(`\{\w+\}`)

func (c liveCall) send(tb testing.TB) (int, []byte, http.Header) {
	tb.Helper()
	resp, err := http.DefaultClient.Do(c.request0(tb))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, body, resp.Header
}

// checkUndocumented checks an answer to a path or method the document
// does not list: the Error schema and the headers every response carries.
func checkUndocumented(tb testing.TB, doc *openapi3.T, h http.Header, body []byte) {
	tb.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		tb.Fatalf("not JSON: %s", body)
	}
	if err := doc.Components.Schemas["Error"].Value.VisitJSON(v); err != nil {
		tb.Errorf("body does not match the Error schema: %v\n%s", err, body)
	}
	for name, hdr := range doc.Components.Headers {
		if hdr.Value.Required && h.Get(name) == "" {
			tb.Errorf("response lacks header %s", name)
		}
	}
}

func multipartFiles(tb testing.TB, files map[string][]byte) ([]byte, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := mw.CreateFormFile("files", name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// numberedLines is format filled with 1 to n, one after another: distinct
// requirements (a requirement said twice is listed once).
func numberedLines(format string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i+1)
	}
	return b.String()
}

// germanJD is a job description in German: a match of it warns that it
// is not English.
const germanJD = `# Site Reliability Engineer (m/w/d)
Wir sind ein Softwareunternehmen in Berlin und suchen eine*n Site Reliability Engineer für unser Plattform-Team.
## Deine Aufgaben
- Du betreibst und automatisierst unsere Kubernetes-Cluster auf AWS
- Du entwickelst unsere Infrastruktur mit Terraform weiter und sorgst für Stabilität
## Dein Profil
- Mindestens drei Jahre Erfahrung im Betrieb von verteilten Systemen
- Sehr gute Kenntnisse in Linux, Kubernetes und einer Programmiersprache wie Go oder Python
- Du arbeitest gerne im Team und kommunizierst sicher auf Deutsch und Englisch`

// matchBody is the JSON of a match request for a job description.
func matchBody(tb testing.TB, jd string) []byte {
	tb.Helper()
	b, err := json.Marshal(map[string]string{"job_description": jd})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
