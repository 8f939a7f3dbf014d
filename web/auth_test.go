package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestAPIKeyOnlyAsBearer: the key counts only in "Authorization: Bearer";
// a bare key, a cookie or a form field are refused (a cross-site form
// could send the last two), and so is /metrics without it under
// protect_reads.
func TestAPIKeyOnlyAsBearer(t *testing.T) {
	ts, _ := newTestServer(t, Config{APIKey: "s3cret", ProtectReads: true})
	form := "api_key=s3cret&q=x"
	tests := []struct {
		name, method, path, body, ctype string
		header                          map[string]string
		want                            int
	}{
		{"bearer", "GET", "/api/v1/stats", "", "", map[string]string{"Authorization": "Bearer s3cret"}, 200},
		{"bearer any case", "GET", "/api/v1/stats", "", "", map[string]string{"Authorization": "bearer s3cret"}, 200},
		{"bare key", "GET", "/api/v1/stats", "", "", map[string]string{"Authorization": "s3cret"}, 401},
		{"cookie", "GET", "/api/v1/stats", "", "", map[string]string{"Cookie": "vitae_key=s3cret"}, 401},
		{"form field", "POST", "/api/v1/resumes", form, "application/x-www-form-urlencoded", nil, 401},
		{"form field on the page", "POST", "/upload", form, "application/x-www-form-urlencoded", nil, 401},
		{"metrics without key", "GET", "/metrics", "", "", nil, 401},
		{"metrics with key", "GET", "/metrics", "", "", map[string]string{"Authorization": "Bearer s3cret"}, 200},
		{"healthz stays open", "GET", "/healthz", "", "", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
			if tt.want == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

// countingBody is a request body generated as it is read, counting the
// bytes the server takes from it.
type countingBody struct {
	r    io.Reader
	read *atomic.Int64
}

func (b countingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read.Add(int64(n))
	return n, err
}

func (b countingBody) Close() error { return nil }

// multipartOf is a multipart body of one file of size bytes, generated
// lazily so the test holds none of it.
func multipartOf(size int64) (io.Reader, string) {
	const boundary = "vitaeboundary"
	head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.md\"\r\nContent-Type: text/markdown\r\n\r\n"
	tail := "\r\n--" + boundary + "--\r\n"
	body := io.MultiReader(strings.NewReader(head), io.LimitReader(repeatReader('a'), size), strings.NewReader(tail))
	return body, "multipart/form-data; boundary=" + boundary
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// vmRSS is this process's resident set in bytes (Linux), or 0.
func vmRSS(tb testing.TB) int64 {
	tb.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestAuthBeforeBody: 16 unauthenticated 9 MB uploads at once are refused
// 401 without a byte of their bodies read (the check used to parse the
// multipart form looking for an api_key field), so RSS stays flat.
func TestAuthBeforeBody(t *testing.T) {
	ts, _ := newTestServer(t, Config{APIKey: "s3cret"})
	srv := ts.Config.Handler
	var read atomic.Int64
	before := vmRSS(t)
	var wg sync.WaitGroup
	statuses := make([]int, 16)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, ctype := multipartOf(9 << 20)
			req := httptest.NewRequest("POST", "/api/v1/resumes", nil)
			req.Body = countingBody{body, &read}
			req.ContentLength = -1
			req.Header.Set("Content-Type", ctype)
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			statuses[i] = w.Code
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != 401 {
			t.Errorf("upload %d: status %d, want 401", i, s)
		}
	}
	if n := read.Load(); n != 0 {
		t.Errorf("the server read %d bytes of unauthenticated bodies, want 0", n)
	}
	if before > 0 {
		grew := vmRSS(t) - before
		t.Logf("RSS %d MiB → +%d MiB", before>>20, grew>>20)
		if grew > 64<<20 {
			t.Errorf("RSS grew by %d MiB refusing unauthenticated uploads", grew>>20)
		}
	}
}
