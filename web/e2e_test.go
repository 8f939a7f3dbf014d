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
	"strings"
	"sync/atomic"
	"testing"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/index/weaviate"
	"vitae/index/weaviate/weaviatetest"
	"vitae/ingest"
	"vitae/match"
	"vitae/search"
)

// newTestServer starts the real stack on loopback: a bleve index in a temp
// dir, the built-in embedder trained on the test résumés, the engine, the
// router.
func newTestServer(tb testing.TB, cfg Config) (*httptest.Server, *search.Engine) {
	tb.Helper()
	return newTestServerOn(tb, embeddedStore, cfg)
}

// openStore opens an empty store for one test server, closed at cleanup.
type openStore func(tb testing.TB) search.Store

// embeddedStore is an embedded index in a temp dir.
func embeddedStore(tb testing.TB) search.Store {
	tb.Helper()
	ix, err := index.Open(index.Options{Path: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

// newTestServerOn is newTestServer on the store open gives.
func newTestServerOn(tb testing.TB, open openStore, cfg Config) (*httptest.Server, *search.Engine) {
	tb.Helper()
	st := open(tb)
	var rs []*vitae.Resume
	var texts []string
	for _, f := range testResumes {
		r, err := ingest.File(f, ingest.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		rs = append(rs, r)
		for _, b := range r.Bullets {
			texts = append(texts, b.Text)
		}
	}
	l, err := embed.TrainLocal(texts, embed.LocalOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	eng := search.New(st, l, search.Options{SemanticRatio: 0.5})
	if _, err := eng.Add(context.Background(), rs); err != nil {
		tb.Fatal(err)
	}
	srv, err := New(eng, match.New(eng, match.Options{}), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	return ts, eng
}

// TestE2E runs the end-to-end suite, API and pages over the real stack,
// once per storage backend: the embedded index, and a real Weaviate node
// on loopback (one for the whole run, a collection per test server;
// skipped, saying why, without weaviate-server).
func TestE2E(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, open openStore)
	}{
		{"api routes, errors and limits", testAPIRoutesErrorsAndLimits},
		{"limit out of range", testLimitOutOfRangeNamesTheLimit},
		{"search response shape", testSearchResponseShape},
		{"api key", testAPIKey},
		{"multipart upload", testMultipartUpload},
		{"security headers, static files, metrics", testSecurityHeadersStaticAndMetrics},
		{"pages render and escape", testPagesRenderAndEscape},
		{"live responses match openapi.json", testLiveResponsesMatchOpenAPI},
	}
	backends := []struct {
		name string
		open func(t *testing.T) openStore
	}{
		{"embedded", func(*testing.T) openStore { return embeddedStore }},
		{"weaviate", weaviateStores},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			open := b.open(t)
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) { tt.run(t, open) })
			}
		})
	}
}

// weaviateStores starts one Weaviate node for t and opens a collection of
// its own for each test server, dropped at the server's cleanup.
func weaviateStores(t *testing.T) openStore {
	node := weaviatetest.Start(t)
	var n atomic.Int32
	return func(tb testing.TB) search.Store {
		tb.Helper()
		s, err := weaviate.Open(context.Background(), weaviate.Options{Hosts: node.Hosts(), Collection: fmt.Sprintf("E2E%d", n.Add(1))})
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { _ = s.Drop(context.Background()) })
		return s
	}
}

type call struct {
	method, path, body, ctype, key string
}

func do(tb testing.TB, ts *httptest.Server, c call) (int, map[string]any, http.Header) {
	tb.Helper()
	req, err := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
	if err != nil {
		tb.Fatal(err)
	}
	if c.ctype == "" && c.body != "" {
		c.ctype = "application/json"
	}
	if c.ctype != "" {
		req.Header.Set("Content-Type", c.ctype)
	}
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return resp.StatusCode, out, resp.Header
}

func testAPIRoutesErrorsAndLimits(t *testing.T, open openStore) {
	ts, _ := newTestServerOn(t, open, Config{MaxBodyBytes: 64 << 10})
	long := strings.Repeat("devops ", 200)
	tests := []struct {
		name   string
		c      call
		status int
		code   string
	}{
		{"search", call{method: "POST", path: "/api/v1/search", body: `{"query":"led DevOps team","explain":true}`}, 200, ""},
		{"search grouped", call{method: "POST", path: "/api/v1/search", body: `{"query":"led DevOps team","group_by":"candidate"}`}, 200, ""},
		{"search keyword filters", call{method: "POST", path: "/api/v1/search", body: `{"query":"team","mode":"keyword","filters":{"company":["Planet Labs"],"since":"2015"}}`}, 200, ""},
		{"malformed JSON", call{method: "POST", path: "/api/v1/search", body: `{"query":`}, 400, "invalid"},
		{"unknown field", call{method: "POST", path: "/api/v1/search", body: `{"query":"x","bogus":1}`}, 400, "invalid"},
		{"wrong type", call{method: "POST", path: "/api/v1/search", body: `{"query":5}`}, 400, "invalid"},
		{"empty query", call{method: "POST", path: "/api/v1/search", body: `{"query":""}`}, 400, "invalid"},
		{"bad mode", call{method: "POST", path: "/api/v1/search", body: `{"query":"x","mode":"magic"}`}, 400, "invalid"},
		{"negative offset", call{method: "POST", path: "/api/v1/search", body: `{"query":"x","offset":-1}`}, 400, "invalid"},
		{"bad ratio", call{method: "POST", path: "/api/v1/search", body: `{"query":"x","semantic_ratio":7}`}, 400, "invalid"},
		{"bad date", call{method: "POST", path: "/api/v1/search", body: `{"query":"x","filters":{"since":"soon"}}`}, 400, "invalid"},
		{"filter without a value", call{method: "POST", path: "/api/v1/search", body: `{"query":"led team skill:"}`}, 400, "invalid"},
		{"long query", call{method: "POST", path: "/api/v1/search", body: `{"query":"` + long + `"}`}, 400, "invalid"},
		{"huge body", call{method: "POST", path: "/api/v1/search", body: `{"query":"` + strings.Repeat("a", 70<<10) + `"}`}, 413, "too_large"},
		{"match", call{method: "POST", path: "/api/v1/match", body: `{"job_description":"## Requirements\n- Led DevOps teams\n- Kubernetes in production"}`}, 200, ""},
		{"match empty", call{method: "POST", path: "/api/v1/match", body: `{"job_description":""}`}, 400, "invalid"},
		{"match heading only", call{method: "POST", path: "/api/v1/match", body: `{"job_description":"Requirements:"}`}, 400, "invalid"},
		{"rank", call{method: "POST", path: "/api/v1/rank", body: `{"query":"led DevOps team","bullets":["Baked bread",{"id":"x","text":"Led the DevOps team"}]}`}, 200, ""},
		{"rank bad bullet", call{method: "POST", path: "/api/v1/rank", body: `{"query":"x","bullets":[42]}`}, 400, "invalid"},
		{"list résumés", call{method: "GET", path: "/api/v1/resumes?limit=2"}, 200, ""},
		{"list bad offset", call{method: "GET", path: "/api/v1/resumes?offset=-3"}, 400, "invalid"},
		{"one résumé", call{method: "GET", path: "/api/v1/resumes/jordan-lee"}, 200, ""},
		{"unknown résumé", call{method: "GET", path: "/api/v1/resumes/nobody"}, 404, "not_found"},
		{"delete unknown", call{method: "DELETE", path: "/api/v1/resumes/nobody"}, 404, "not_found"},
		{"upload JSON Resume", call{method: "POST", path: "/api/v1/resumes?id=zoe-park", body: `{"basics":{"name":"Zoe Park"},"work":[{"name":"Initrode","position":"SRE","highlights":["Headed the platform operations crew of six"]}]}`}, 201, ""},
		{"upload it again", call{method: "POST", path: "/api/v1/resumes?id=zoe-park", body: `{"basics":{"name":"Zoe Park"},"work":[{"name":"Initrode","position":"SRE","highlights":["Headed the platform operations crew of six"]}]}`}, 200, ""},
		{"upload bad id", call{method: "POST", path: "/api/v1/resumes?id=../../etc", body: `{}`}, 400, "invalid"},
		{"upload garbage", call{method: "POST", path: "/api/v1/resumes?id=g", body: `{"basics":`}, 400, "invalid"},
		{"upload wrong type", call{method: "POST", path: "/api/v1/resumes", body: "x", ctype: "text/plain"}, 415, "unsupported"},
		{"stats", call{method: "GET", path: "/api/v1/stats"}, 200, ""},
		{"healthz", call{method: "GET", path: "/healthz"}, 200, ""},
		{"readyz", call{method: "GET", path: "/readyz"}, 200, ""},
		{"openapi", call{method: "GET", path: "/api/v1/openapi.json"}, 200, ""},
		{"unknown API route", call{method: "GET", path: "/api/v1/nope"}, 404, "not_found"},
		{"wrong method", call{method: "PUT", path: "/api/v1/search", body: `{}`}, 405, "method_not_allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, _ := do(t, ts, tt.c)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, body)
			}
			if tt.code != "" {
				e, _ := body["error"].(map[string]any)
				if e == nil || e["code"] != tt.code || e["message"] == "" {
					t.Errorf("error body %v, want code %s", body, tt.code)
				}
			}
		})
	}
	// The uploaded résumé is searchable at once.
	_, body, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"platform operations crew","mode":"keyword"}`})
	hits, _ := body["hits"].([]any)
	if len(hits) == 0 || hits[0].(map[string]any)["resume_id"] != "zoe-park" {
		t.Errorf("uploaded résumé not found: %v", body)
	}
}

// A page size out of range is refused with the limit named, never served
// as some other size; the CLI applies the same rule (search.CheckLimit).
func testLimitOutOfRangeNamesTheLimit(t *testing.T, open openStore) {
	ts, _ := newTestServerOn(t, open, Config{})
	tests := []struct {
		name, path, body, want string
	}{
		{"search huge", "/api/v1/search", `{"query":"x","limit":100000}`, "limit 100000 is outside 1..100"},
		{"search negative", "/api/v1/search", `{"query":"x","limit":-1}`, "limit -1 is outside 1..100"},
		{"match over", "/api/v1/match", `{"job_description":"- Go","limit":101}`, "limit 101 is outside 1..100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, _ := do(t, ts, call{method: "POST", path: tt.path, body: tt.body})
			e, _ := body["error"].(map[string]any)
			if status != 400 || e == nil || e["code"] != "invalid" || !strings.Contains(e["message"].(string), tt.want) {
				t.Errorf("status %d, body %v; want 400 invalid naming %q", status, body, tt.want)
			}
		})
	}
	status, body, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"led DevOps team","limit":100}`})
	if hits, _ := body["hits"].([]any); status != 200 || len(hits) == 0 {
		t.Errorf("limit at the maximum: status %d, %d hits", status, len(hits))
	}
}

func testSearchResponseShape(t *testing.T, open openStore) {
	ts, _ := newTestServerOn(t, open, Config{})
	_, body, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"led DevOps team","explain":true,"limit":100}`})
	hits := body["hits"].([]any)
	if len(hits) == 0 || len(hits) > 100 {
		t.Fatalf("hits: %d", len(hits))
	}
	h := hits[0].(map[string]any)
	for _, k := range []string{"id", "resume_id", "person", "text", "highlights", "score", "score_details"} {
		if _, ok := h[k]; !ok {
			t.Errorf("hit lacks %s: %v", k, h)
		}
	}
	for _, k := range []string{"total", "facets", "took_ms", "degraded"} {
		if _, ok := body[k]; !ok {
			t.Errorf("response lacks %s", k)
		}
	}
	_, noExplain, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"led DevOps team"}`})
	if _, ok := noExplain["hits"].([]any)[0].(map[string]any)["score_details"]; ok {
		t.Error("score_details without explain")
	}
}

func testAPIKey(t *testing.T, open openStore) {
	ts, _ := newTestServerOn(t, open, Config{APIKey: "s3cret"})
	del := call{method: "DELETE", path: "/api/v1/resumes/jordan-lee"}
	if s, _, _ := do(t, ts, del); s != 401 {
		t.Errorf("delete without key: %d", s)
	}
	del.key = "wrong"
	if s, _, _ := do(t, ts, del); s != 401 {
		t.Errorf("delete with wrong key: %d", s)
	}
	if s, _, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"x"}`}); s != 200 {
		t.Errorf("reads stay open: %d", s)
	}
	del.key = "s3cret"
	if s, _, _ := do(t, ts, del); s != 200 {
		t.Errorf("delete with key: %d", s)
	}
	// Erasure: nothing of the person is left.
	_, body, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"site reliability engineers SLO paging","limit":100}`})
	for _, h := range body["hits"].([]any) {
		if h.(map[string]any)["resume_id"] == "jordan-lee" {
			t.Error("deleted person still found")
		}
	}
	ro, _ := newTestServerOn(t, open, Config{APIKey: "s3cret", ProtectReads: true})
	if s, _, _ := do(t, ro, call{method: "POST", path: "/api/v1/search", body: `{"query":"x"}`}); s != 401 {
		t.Errorf("protected read without key: %d", s)
	}
	if s, _, _ := do(t, ro, call{method: "GET", path: "/api/v1/stats", key: "s3cret"}); s != 200 {
		t.Errorf("protected read with key: %d", s)
	}
	if s, _, _ := do(t, ro, call{method: "GET", path: "/healthz"}); s != 200 {
		t.Errorf("healthz must stay open: %d", s)
	}
}

func testMultipartUpload(t *testing.T, open openStore) {
	ts, _ := newTestServerOn(t, open, Config{})
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, content := range map[string]string{
		"kim-lee.md":  "# Kim Lee\n\n## Experience\n\n### Data Scientist — Globex\n2020 – Present\n\n- Trained churn models that cut attrition by 12%\n",
		"broken.json": `{"basics": `,
	} {
		w, _ := mw.CreateFormFile("files", name)
		w.Write([]byte(content))
	}
	mw.Close()
	status, body, _ := do(t, ts, call{method: "POST", path: "/api/v1/resumes", body: buf.String(), ctype: mw.FormDataContentType()})
	if status != 201 {
		t.Fatalf("status %d: %v", status, body)
	}
	failed := body["failed"].([]any)
	if len(failed) != 1 || failed[0].(map[string]any)["file"] != "broken.json" {
		t.Errorf("failures: %v", failed)
	}
	if ids := body["ids"].([]any); len(ids) != 1 || ids[0] != "kim-lee" {
		t.Errorf("ids: %v", ids)
	}
}

func testSecurityHeadersStaticAndMetrics(t *testing.T, open openStore) {
	ts, _ := newTestServerOn(t, open, Config{})
	_, _, h := do(t, ts, call{method: "GET", path: "/"})
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP: %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("headers: %v", h)
	}
	for _, p := range []string{"/static/../../go.mod", "/static/%2e%2e/%2e%2e/go.mod", "/static/..%2f..%2fgo.mod", "/static/templates/layout.html", "/static//etc/passwd"} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 && (strings.Contains(string(data), "module vitae") || strings.Contains(string(data), "root:") || strings.Contains(string(data), "{{define")) {
			t.Errorf("%s leaked a file", p)
		}
	}
	resp, err := http.Get(ts.URL + "/static/style.css")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("style.css: %v", err)
	}
	resp.Body.Close()
	do(t, ts, call{method: "POST", path: "/api/v1/search", body: `{"query":"team"}`})
	resp, err = http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`vitae_http_requests_total{method="POST",route="/api/v1/search",status="OK"}`, "vitae_http_request_duration_seconds_bucket", "vitae_index_bullets"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func testPagesRenderAndEscape(t *testing.T, open openStore) {
	ts, _ := newTestServerOn(t, open, Config{})
	for _, p := range []string{"/", "/?q=led+DevOps+team", "/?q=led+DevOps+team&group=candidate", "/?q=x&since=bad", "/resumes/mallory-xss", "/resumes/nobody", "/upload", "/match", "/?q=" + strings.Repeat("a", 2000)} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
		if strings.Contains(string(data), "<script>window.pwned") || strings.Contains(string(data), `<img src=x`) {
			t.Errorf("%s renders résumé markup unescaped", p)
		}
	}
	resp, _ := http.Get(ts.URL + "/resumes/mallory-xss")
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(data), "&lt;script&gt;window.pwned=1&lt;/script&gt;") || !strings.Contains(string(data), "&lt;img src=x onerror=") {
		t.Error("the résumé text should show the markup literally")
	}
}

// testResumes are what the test server indexes: four of the samples in
// data/ (the one copy; ingest tests read it too) and a hostile résumé that
// only tests need.
var testResumes = []string{
	"../data/000_e069679e7ee00913.txt", "../data/002_6ca7291b08ba563c.txt", "../data/ana-silva.json", "../data/jordan-lee.md",
	"testdata/mallory-xss.md",
}

func TestMain(m *testing.M) {
	// Tests read the samples relative to this package.
	for _, f := range testResumes {
		if _, err := os.Stat(filepath.FromSlash(f)); err != nil {
			panic("web tests need " + f + ": " + err.Error())
		}
	}
	os.Exit(m.Run())
}
