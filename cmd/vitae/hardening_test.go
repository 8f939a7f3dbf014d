package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveInProcess runs `vitae serve` through run() — real config loading
// and real logger, stderr captured — in a fresh workdir with env set, and
// returns the base URL, the captured log and a stop function that waits
// for a clean exit.
func serveInProcess(t *testing.T, env map[string]string) (string, *syncBuffer, func()) {
	t.Helper()
	return serveIn(t, workdir(t), env)
}

// serveIn is serveInProcess in dir, which holds what the test put there.
func serveIn(t *testing.T, dir string, env map[string]string) (string, *syncBuffer, func()) {
	t.Helper()
	t.Chdir(dir)
	for k, v := range env {
		t.Setenv(k, v)
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	go func() { exited <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, stdout, stderr) }()
	var base string
	for deadline := time.Now().Add(30 * time.Second); base == ""; {
		if _, a, ok := strings.Cut(stdout.String(), "listening on "); ok {
			base = strings.TrimSpace(a)
			break
		}
		select {
		case code := <-exited:
			t.Fatalf("serve exited %d:\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not listen:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for deadline := time.Now().Add(60 * time.Second); ; {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case code := <-exited:
			if code != 0 {
				t.Errorf("serve exited %d:\n%s", code, stderr.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	}
	t.Cleanup(stop)
	return base, stderr, stop
}

// closedWithin reads from conn until the server closes it, and reports
// how long that took (or fails after limit).
func closedWithin(t *testing.T, conn net.Conn, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	conn.SetReadDeadline(start.Add(limit))
	_, err := io.Copy(io.Discard, conn)
	took := time.Since(start)
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		t.Fatalf("connection still open after %s", limit)
	}
	return took
}

// TestServeTimeoutsAndRateLimitFromConfig: slow clients cannot hold a
// connection past server.read_timeout / idle_timeout, and the per-client
// rate limit set in config is in force.
func TestServeTimeoutsAndRateLimitFromConfig(t *testing.T) {
	base, _, _ := serveInProcess(t, map[string]string{
		"VITAE_EMBED_PROVIDER":       "none",
		"VITAE_SERVER_READ_TIMEOUT":  "500ms",
		"VITAE_SERVER_IDLE_TIMEOUT":  "500ms",
		"VITAE_SERVER_RATE_LIMIT":    "0.01",
		"VITAE_SERVER_RATE_BURST":    "3", // the dribbled request below spends one
		"VITAE_SERVER_WRITE_TIMEOUT": "5s",
	})
	addr := strings.TrimPrefix(base, "http://")
	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}

	// Slowloris: headers that never end.
	c := dial()
	fmt.Fprint(c, "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
	if took := closedWithin(t, c, 5*time.Second); took < 300*time.Millisecond {
		t.Errorf("closed after %s, before the read timeout", took)
	} else {
		t.Logf("headers never finished: closed after %s", took.Round(time.Millisecond))
	}

	// A body dribbled a byte at a time.
	c = dial()
	fmt.Fprint(c, "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
	stopDribble := make(chan struct{})
	go func() {
		for {
			select {
			case <-stopDribble:
				return
			case <-time.After(100 * time.Millisecond):
				if _, err := c.Write([]byte(" ")); err != nil {
					return
				}
			}
		}
	}()
	took := closedWithin(t, c, 5*time.Second)
	close(stopDribble)
	t.Logf("body dribbled: connection ended after %s", took.Round(time.Millisecond))

	// An idle keep-alive connection.
	c = dial()
	fmt.Fprint(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	start := time.Now()
	c.SetReadDeadline(start.Add(5 * time.Second))
	if _, err := br.ReadByte(); err == nil || time.Since(start) > 4*time.Second {
		t.Errorf("idle connection: %v after %s", err, time.Since(start))
	} else {
		t.Logf("idle keep-alive connection closed after %s", time.Since(start).Round(time.Millisecond))
	}

	// The rate limit from config: what is left of the burst, then 429.
	var statuses []int
	for i := 0; i < 3; i++ {
		resp, err := http.Post(base+"/api/v1/search", "application/json", strings.NewReader(`{"query":"team"}`))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
	}
	if fmt.Sprint(statuses) != "[200 200 429]" {
		t.Errorf("server.rate_limit 0.01/s, burst 3, one spent: statuses %v", statuses)
	}
}

// TestServeLogsNothingSensitive runs the server at the default info level
// through uploads, failed uploads, a wrong API key, searches, a job match,
// a ranking, the résumé page and an erasure, all carrying personal data,
// and checks the log holds none of it and no key.
func TestServeLogsNothingSensitive(t *testing.T) {
	const key, wrongKey = "k3y-Sup3rS3cret-0451", "wr0ng-K3y-9987"
	base, stderr, stop := serveInProcess(t, map[string]string{"VITAE_SERVER_API_KEY": key, "VITAE_LOG_LEVEL": "info"})
	secrets := []string{key, wrongKey, "Zebediah", "Quuxworth", "zeb.quux@example.org", "555-0199", "Xanadu", "Borealis", "Ombrelune"}

	req := func(method, path, ctype, auth, body string) int {
		r, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		if auth != "" {
			r.Header.Set("Authorization", "Bearer "+auth)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	resume := `{"basics":{"name":"Zebediah Quuxworth","email":"zeb.quux@example.org","phone":"+1 202-555-0199"},
		"work":[{"name":"Ombrelune Capital","position":"Analyst","startDate":"2019-01","highlights":["Negotiated the Xanadu Borealis merger worth 12 million"]}]}`
	checks := []struct {
		name   string
		status int
		got    int
	}{
		{"upload", 201, req("POST", "/api/v1/resumes?id=zeb-q", "application/json", key, resume)},
		{"upload with a wrong key", 401, req("POST", "/api/v1/resumes?id=zeb-q", "application/json", wrongKey, resume)},
		{"unparseable upload", 400, req("POST", "/api/v1/resumes?id=broken", "application/json", key, `{"basics":{"name":"Zebediah Xanadu"`)},
		{"search", 200, req("POST", "/api/v1/search", "application/json", "", `{"query":"Xanadu Borealis merger","explain":true}`)},
		{"match", 200, req("POST", "/api/v1/match", "application/json", "", `{"job_description":"## Requirements\n- Negotiated Xanadu Borealis mergers\n- Ombrelune experience"}`)},
		{"rank", 200, req("POST", "/api/v1/rank", "application/json", "", `{"query":"Borealis merger","bullets":["Zebediah negotiated the Xanadu deal"]}`)},
		{"page", 200, req("GET", "/resumes/zeb-q", "", "", "")},
		{"search page", 200, req("GET", "/?q=Xanadu+Borealis", "", "", "")},
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("files", "zebediah-quuxworth.json")
	w.Write([]byte(`{"basics":{"name":"Zebediah Quuxworth"`))
	mw.Close()
	checks = append(checks, struct {
		name   string
		status int
		got    int
	}{"multipart with a broken file", 400, req("POST", "/api/v1/resumes", mw.FormDataContentType(), key, buf.String())})
	checks = append(checks, struct {
		name   string
		status int
		got    int
	}{"erasure", 200, req("DELETE", "/api/v1/resumes/zeb-q", "", key, "")})
	for _, c := range checks {
		if c.got != c.status {
			t.Errorf("%s: status %d, want %d", c.name, c.got, c.status)
		}
	}
	stop()
	log := stderr.String()
	if n := strings.Count(log, " msg=request "); n < len(checks) { // log.format text, the default
		t.Fatalf("expected a log line per request, found %d:\n%s", n, log)
	}
	for _, s := range secrets {
		if strings.Contains(log, s) {
			t.Errorf("the log contains %q", s)
		}
	}
	if t.Failed() {
		t.Logf("log:\n%s", log)
	}
}
