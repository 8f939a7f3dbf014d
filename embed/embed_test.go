package embed

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

func newServer(tb testing.TB, e vitae.Embedder) (*Server, *httptest.Server) {
	tb.Helper()
	s := NewServer(e)
	ts := httptest.NewServer(s)
	tb.Cleanup(ts.Close)
	return s, ts
}

func provider(tb testing.TB, url string, cfg OpenAIConfig) *OpenAI {
	tb.Helper()
	cfg.BaseURL, cfg.Model = url+"/v1", "vitae-local"
	if cfg.baseBackoff == 0 {
		cfg.baseBackoff = 10 * time.Millisecond
	}
	o, err := NewOpenAI(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Shipped feature %d to customers on time", i)
	}
	return out
}

func TestOpenAIAgainstEmbedServer(t *testing.T) {
	local := NewLocal(LocalOptions{})
	srv, ts := newServer(t, local)
	o := provider(t, ts.URL, OpenAIConfig{BatchSize: 128, Parallel: 2})
	in := texts(300)
	got, err := o.Embed(context.Background(), in, vitae.InputDocument)
	if err != nil {
		t.Fatal(err)
	}
	if n := srv.Requests(); n != 3 {
		t.Errorf("300 texts in batches of 128: %d requests, want 3", n)
	}
	want, _ := local.Embed(context.Background(), in, vitae.InputDocument)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("vectors through the wire differ from direct ones (order?):\n%.500s", diff)
	}
	if o.Dimension() != local.Dimension() {
		t.Errorf("dimension learnt %d, want %d", o.Dimension(), local.Dimension())
	}
}

func TestCacheMakesNoCallsForKnownTexts(t *testing.T) {
	srv, ts := newServer(t, NewLocal(LocalOptions{}))
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := OpenCache(path)
	if err != nil {
		t.Fatal(err)
	}
	e := c.Wrap(provider(t, ts.URL, OpenAIConfig{}))
	ctx := context.Background()
	first, err := e.Embed(ctx, texts(50), vitae.InputDocument)
	if err != nil {
		t.Fatal(err)
	}
	before := srv.Requests()
	again, err := e.Embed(ctx, texts(50), vitae.InputDocument)
	if err != nil {
		t.Fatal(err)
	}
	if srv.Requests() != before {
		t.Errorf("re-embedding cached texts made %d requests", srv.Requests()-before)
	}
	if diff := cmp.Diff(first, again); diff != "" {
		t.Error("cached vectors differ")
	}
	if _, err := e.Embed(ctx, append(texts(50), "A brand new bullet"), vitae.InputDocument); err != nil {
		t.Fatal(err)
	}
	if srv.Requests() != before+1 {
		t.Errorf("one new text: %d requests, want 1", srv.Requests()-before)
	}
	n, _ := c.Len(e.Model())
	if n != 51 {
		t.Errorf("cache holds %d, want 51", n)
	}
	if err := c.Forget(e.Model(), []string{"A brand new bullet"}); err != nil {
		t.Fatal(err)
	}
	if c.Has(e.Model(), "A brand new bullet") {
		t.Error("Forget left the vector")
	}
	c.Close()
	c, err = OpenCache(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, _ := c.Len(e.Model()); n != 50 {
		t.Errorf("after reopen the cache holds %d, want 50", n)
	}
}

// handlerFunc servers answer like a misbehaving provider.
func fakeProvider(tb testing.TB, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	tb.Helper()
	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	tb.Cleanup(ts.Close)
	return ts, &n
}

func okBody(dim, n int) []byte {
	data := make([]map[string]any, n)
	for i := range data {
		v := make([]float32, dim)
		v[0] = 1
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": v}
	}
	b, _ := json.Marshal(map[string]any{"object": "list", "data": data, "model": "m"})
	return b
}

func TestProviderFaults(t *testing.T) {
	ctx := context.Background()
	t.Run("wrong dimension rejected", func(t *testing.T) {
		ts, _ := fakeProvider(t, func(w http.ResponseWriter, r *http.Request) { w.Write(okBody(3, 1)) })
		o := provider(t, ts.URL, OpenAIConfig{Dimensions: 8, MaxRetries: 1})
		_, err := o.Embed(ctx, []string{"x"}, vitae.InputDocument)
		if vitae.ErrorCode(err) != vitae.EUNAVAILABLE {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("429 with Retry-After then 200", func(t *testing.T) {
		var calls atomic.Int64
		ts, _ := fakeProvider(t, func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(429)
				w.Write([]byte(`{"error":{"message":"slow down","type":"rate_limit"}}`))
				return
			}
			w.Write(okBody(4, 1))
		})
		o := provider(t, ts.URL, OpenAIConfig{})
		start := time.Now()
		v, err := o.Embed(ctx, []string{"x"}, vitae.InputDocument)
		if err != nil || len(v) != 1 {
			t.Fatalf("got %v, %v", v, err)
		}
		if waited := time.Since(start); waited < time.Second {
			t.Errorf("Retry-After: 1 not honoured, waited %s", waited)
		}
	})
	t.Run("500 then 200", func(t *testing.T) {
		var calls atomic.Int64
		ts, _ := fakeProvider(t, func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) <= 2 {
				w.WriteHeader(500)
				return
			}
			w.Write(okBody(4, 1))
		})
		if _, err := provider(t, ts.URL, OpenAIConfig{}).Embed(ctx, []string{"x"}, vitae.InputDocument); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("400 is not retried", func(t *testing.T) {
		ts, n := fakeProvider(t, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			w.Write([]byte(`{"error":{"message":"bad","type":"invalid_request_error"}}`))
		})
		_, err := provider(t, ts.URL, OpenAIConfig{MaxRetries: 3}).Embed(ctx, []string{"x"}, vitae.InputDocument)
		if err == nil || n.Load() != 1 {
			t.Errorf("400: err %v after %d requests, want an error after 1", err, n.Load())
		}
	})
	t.Run("hang past the timeout, malformed JSON", func(t *testing.T) {
		before := runtime.NumGoroutine()
		hang, n1 := fakeProvider(t, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		})
		_, err := provider(t, hang.URL, OpenAIConfig{Timeout: 100 * time.Millisecond, MaxRetries: 2}).Embed(ctx, []string{"x"}, vitae.InputDocument)
		if vitae.ErrorCode(err) != vitae.EUNAVAILABLE || n1.Load() != 3 {
			t.Errorf("hang: %v after %d requests", err, n1.Load())
		}
		bad, _ := fakeProvider(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"data": [`)) })
		if _, err := provider(t, bad.URL, OpenAIConfig{MaxRetries: 1}).Embed(ctx, []string{"x"}, vitae.InputDocument); vitae.ErrorCode(err) != vitae.EUNAVAILABLE {
			t.Errorf("malformed JSON: %v", err)
		}
		hang.CloseClientConnections()
		bad.CloseClientConnections()
		deadline := time.Now().Add(3 * time.Second)
		for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if g := runtime.NumGoroutine(); g > before+2 {
			t.Errorf("goroutines: %d before, %d after", before, g)
		}
	})
}

func TestServerErrors(t *testing.T) {
	_, ts := newServer(t, NewLocal(LocalOptions{}))
	tests := []struct {
		body   string
		status int
	}{
		{`{`, 400},
		{`{"input": []}`, 400},
		{`{"input": [[1,2,3]]}`, 400},
		{`{"input": "x", "dimensions": 7}`, 400},
		{`{"input": "` + string(bytes.Repeat([]byte("a"), 9<<20)) + `"}`, 413},
		{`{"input": "led DevOps team", "encoding_format": "base64"}`, 200},
	}
	for _, tt := range tests {
		resp, err := http.Post(ts.URL+"/v1/embeddings", "application/json", bytes.NewReader([]byte(tt.body)))
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%.40s: status %d, want %d", tt.body, resp.StatusCode, tt.status)
		}
		if tt.status != 200 && out["error"] == nil {
			t.Errorf("%.40s: no error object", tt.body)
		}
	}
	resp, err := http.Get(ts.URL + "/v1/models")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("models: %v %v", resp, err)
	}
	resp.Body.Close()
}

func cos(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestLocalDeterministicAndRoundTrips(t *testing.T) {
	corpus := []string{"Led the DevOps team through a Kubernetes migration", "Managed SRE on-call rotations", "Taught algebra to students", "Built CI/CD pipelines in Jenkins", "Led the DevOps team"}
	a, err := TrainLocal(corpus, LocalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := TrainLocal(corpus, LocalOptions{})
	if a.Model() != b.Model() || a.Model() == NewLocal(LocalOptions{}).Model() {
		t.Errorf("models: %s %s", a.Model(), b.Model())
	}
	va, _ := a.Embed(context.Background(), corpus, vitae.InputDocument)
	var buf bytes.Buffer
	if err := a.Save(&buf); err != nil {
		t.Fatal(err)
	}
	c, err := LoadLocal(&buf)
	if err != nil {
		t.Fatal(err)
	}
	vc, _ := c.Embed(context.Background(), corpus, vitae.InputDocument)
	if c.Model() != a.Model() || !cmp.Equal(va, vc) {
		t.Error("Save/Load changed the model")
	}
	if len(va[0]) != 256 {
		t.Errorf("dimension %d", len(va[0]))
	}
	empty, _ := a.Embed(context.Background(), []string{""}, vitae.InputDocument)
	if len(empty[0]) != 256 {
		t.Error("empty text must still give a vector")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Embed(ctx, texts(500), vitae.InputDocument); err == nil {
		t.Error("cancelled context ignored")
	}
}

// A concept that most bullets share (here the "design" verb family) must
// weigh less than a rare one (REST API), as SIF does for words; otherwise
// "designed REST APIs" ranks any design bullet first.
func TestLocalCommonConceptsWeighLess(t *testing.T) {
	corpus := []string{
		"Exposed billing through a REST API used by partners",
	}
	for i := 0; i < 60; i++ {
		corpus = append(corpus, fmt.Sprintf("Designed feature %d of the product", i))
	}
	corpus = append(corpus, "Designed the office layout")
	l, err := TrainLocal(corpus, LocalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	vs, err := l.Embed(context.Background(), []string{"designed REST APIs", corpus[0], "Designed the office layout"}, vitae.InputDocument)
	if err != nil {
		t.Fatal(err)
	}
	rest, design := cos(vs[0], vs[1]), cos(vs[0], vs[2])
	if rest <= design {
		t.Errorf("cos(query, REST bullet) = %.3f, cos(query, design bullet) = %.3f; the rare concept must win", rest, design)
	}
}
