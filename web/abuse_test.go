package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"vitae"
)

// TestRateLimitPerClient: the per-client limit cannot be escaped by
// naming another client in a header, and behind a trusted proxy each
// forwarded client has its own bucket.
func TestRateLimitPerClient(t *testing.T) {
	search := func(ts string, xff string) int {
		req, _ := http.NewRequest("POST", ts+"/api/v1/search", strings.NewReader(`{"query":"team","mode":"keyword"}`))
		req.Header.Set("Content-Type", "application/json")
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
			req.Header.Set("X-Real-IP", xff)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode == 429 && !bytes.Contains(body, []byte(`"code":"`+vitae.ERATELIMIT+`"`)) {
			t.Errorf("429 without the rate-limit code: %s", body)
		}
		return resp.StatusCode
	}
	// A very slow refill: the test never waits for a token to come back.
	cfg := Config{RateLimit: 0.01, RateBurst: 3}

	direct, _ := newTestServer(t, cfg)
	var got []int
	for i := 0; i < 6; i++ {
		got = append(got, search(direct.URL, fmt.Sprintf("10.0.0.%d", i))) // a new "client" each time
	}
	if fmt.Sprint(got) != "[200 200 200 429 429 429]" {
		t.Errorf("spoofed X-Forwarded-For picked fresh buckets: %v", got)
	}
	for i := 0; i < 5; i++ {
		if s, _, _ := do(t, direct, call{method: "GET", path: "/healthz"}); s != 200 {
			t.Errorf("healthz rate-limited: %d", s)
		}
	}

	cfg.TrustedProxies = []string{"127.0.0.1"}
	proxied, _ := newTestServer(t, cfg)
	got = nil
	for i := 0; i < 4; i++ {
		got = append(got, search(proxied.URL, "203.0.113.7"))
	}
	got = append(got, search(proxied.URL, "203.0.113.8"))
	if fmt.Sprint(got) != "[200 200 200 429 200]" {
		t.Errorf("behind a trusted proxy: %v, want the 4th of one client refused and another client served", got)
	}
	if _, err := New(nil, nil, Config{TrustedProxies: []string{"not an address"}}); vitae.ErrorCode(err) != vitae.EINVALID {
		t.Errorf("bad trusted proxy: %v", err)
	}
}

// TestRateLimiterMemoryIsBounded: buckets of clients gone idle are
// forgotten, so a stream of new addresses cannot grow memory for ever;
// a client still being limited keeps its bucket.
func TestRateLimiterMemoryIsBounded(t *testing.T) {
	srv, err := New(nil, nil, Config{RateLimit: 0.001, RateBurst: 2})
	if err != nil {
		t.Fatal(err)
	}
	busy := srv.limiter("198.51.100.1")
	busy.Allow()
	busy.Allow()
	for i := 0; i < maxLimiters+500; i++ {
		srv.limiter(fmt.Sprintf("addr-%d", i))
	}
	if n := srv.nLimit.Load(); n > 1000 {
		t.Errorf("%d client buckets kept after a sweep", n)
	}
	if srv.limiter("198.51.100.1") != busy {
		t.Error("the bucket of a limited client was forgotten: it would get a fresh burst")
	}
}

// TestAbusiveQueries: bleve's query syntax is never interpreted (a
// wildcard or a regexp is matched as text, so nothing expands; Vitae's own
// field filters take values literally: person:* is a person named "*";
// syntax characters alone, "*" or "/.*/", have no words and are refused),
// long and many-term queries are refused with 400 (a field over its
// limit; 413 is for a body over its size), and every answer is quick.
func TestAbusiveQueries(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	var manyTerms string
	for i := 0; i < 300; i++ {
		manyTerms += fmt.Sprintf("w%d ", i)
	}
	tests := []struct {
		name, query string
		status      int
		noHits      bool // syntax taken literally matches nothing
	}{
		{"wildcard", "*", 400, false},    // no letter or digit: no words to search for
		{"match all", "*:*", 400, false}, // the same
		{"prefix wildcards", "a* b* c* d* e* f* g* h*", 200, true},
		{"regexp", "/.*/", 400, false}, // the same
		{"regexp heavy", "/(a+)+$/ /[a-z]{1,1000}/", 200, true},
		{"fuzzy", "zzqxw~ qqzxw~", 200, true},
		{"field syntax only", "person:* OR company:*", 400, false},              // only filters: nothing to search for
		{"field syntax", "led person:zq* OR company:*zq", 200, true},            // the words "zq", no wildcards: nobody
		{"field syntax without words", "led person:* OR company:*", 400, false}, // "*" has no word to match
		{"at the length limit", strings.Repeat("a", 1000), 200, true},
		{"over the length limit", strings.Repeat("a", 1001), 400, false},
		{"too many terms", manyTerms, 400, false},
		{"control characters", "\u0000\u0007\u001b[31m", 400, false},
	}
	for _, tt := range tests {
		for _, mode := range []string{"keyword", "semantic", "hybrid"} {
			t.Run(tt.name+"/"+mode, func(t *testing.T) {
				body := fmt.Sprintf(`{"query":%q,"mode":%q,"limit":100}`, tt.query, mode)
				start := time.Now()
				status, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: body})
				if took := time.Since(start); took > 5*time.Second {
					t.Errorf("took %s", took)
				}
				if tt.status == 400 && status == 200 {
					return // nothing searchable left: an empty query or an empty answer are both fine
				}
				if status != tt.status {
					t.Fatalf("status %d, want %d: %v", status, tt.status, out)
				}
				if hits, _ := out["hits"].([]any); tt.noHits && mode == "keyword" && len(hits) > 0 {
					t.Errorf("%q matched %d bullets: query syntax was interpreted", tt.query, len(hits))
				}
			})
		}
	}
	// A job description at the size limit, each line a requirement: bounded.
	var jd strings.Builder
	jd.WriteString("## Requirements\n")
	for i := 0; jd.Len() < 45000; i++ {
		fmt.Fprintf(&jd, "- Experience %d with Kubernetes, Go, AWS, leading teams and %s\n", i, strings.Repeat("reliability ", 60))
	}
	start := time.Now()
	status, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/match", body: fmt.Sprintf(`{"job_description":%q}`, jd.String())})
	if status >= 500 || time.Since(start) > 20*time.Second {
		t.Errorf("huge job description: %d after %s: %v", status, time.Since(start), out["error"])
	}
	t.Logf("a %d-character job description answered %d in %s", jd.Len(), status, time.Since(start).Round(time.Millisecond))
}

// rawGet sends a request line exactly as written (no client-side path
// cleaning) and returns the status line and body.
func rawGet(t *testing.T, addr, target string) (string, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return "no response: " + err.Error(), ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.Status, string(body)
}

// TestPathTraversal sends traversal attempts, unnormalised, at every route
// that takes a path or an ID: none may answer with a file from disk or
// from the embedded templates.
func TestPathTraversal(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	addr := strings.TrimPrefix(ts.URL, "http://")
	leaks := []string{"module vitae", "root:x:0:0", "{{define", "[boot loader]", "package web"}
	for _, target := range []string{
		"/static/../../go.mod", "/static/../server.go", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/%2e%2e/go.mod",
		"/static/..%5c..%5cgo.mod", "/static/....//....//go.mod", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
		"/static/../templates/layout.html", "/static/%252e%252e/go.mod", "/../../../../etc/passwd", "//etc/passwd",
		"/resumes/..%2f..%2f..%2fetc%2fpasswd", "/resumes/../../go.mod", "/api/v1/resumes/..%2f..%2fgo.mod",
		"/api/v1/resumes/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/v1/../../go.mod", "/static/app.js%00.html",
		"http://x/static/../../go.mod", "*",
	} {
		status, body := rawGet(t, addr, target)
		for _, leak := range leaks {
			if strings.Contains(body, leak) {
				t.Errorf("GET %s → %s leaked %q", target, status, leak)
			}
		}
		if strings.HasPrefix(status, "5") {
			t.Errorf("GET %s → %s", target, status)
		}
	}
	// Upload names are reduced to a base name: a traversal in the file
	// name picks neither the ID nor a place on disk.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("files", "../../../../tmp/evil-name.md")
	w.Write([]byte("# Eve Il\n\n## Experience\n\n### Engineer — Acme\n2020 – Present\n\n- Shipped the thing to production on time\n"))
	w, _ = mw.CreateFormFile("files", `..\..\windows\evil2.md`)
	w.Write([]byte("# Eve Two\n\n## Experience\n\n### Engineer — Acme\n2020 – Present\n\n- Shipped another thing to production\n"))
	mw.Close()
	status, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/resumes", body: buf.String(), ctype: mw.FormDataContentType()})
	if status != 201 || fmt.Sprint(out["ids"]) != "[evil-name evil2]" {
		t.Errorf("upload with traversal names: %d %v", status, out)
	}
	if s, r, _ := do(t, ts, call{method: "GET", path: "/api/v1/resumes/evil-name"}); s != 200 || r["source"] != "upload:evil-name.md" {
		t.Errorf("uploaded résumé: %d %v", s, r["source"])
	}
}
