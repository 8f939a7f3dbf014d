package search

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/match"
	"vitae/pipeline"
)

// A provider fault, injected in front of a real OpenAI-wire embeddings
// server (embed.NewServer over the built-in embedder) on loopback.
type fault int

const (
	healthy     fault = iota
	tooMany           // 429 with Retry-After: 1
	serverError       // 500
	hang              // no answer until the client gives up
	malformed         // 200 with a broken JSON body
	wrongDim          // vectors of another dimension than configured
	tooFew            // fewer vectors than inputs
)

type faultyProvider struct {
	mode     atomic.Int32
	requests atomic.Int64
	first    atomic.Int64 // unix nanos of the first faulty request
	second   atomic.Int64 // and of the one after it
	next     http.Handler
	stop     chan struct{}
}

func (p *faultyProvider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := p.requests.Add(1)
	f := fault(p.mode.Load())
	if f != healthy {
		now := time.Now().UnixNano()
		if !p.first.CompareAndSwap(0, now) {
			p.second.CompareAndSwap(0, now)
		}
	}
	switch f {
	case tooMany:
		w.Header().Set("Retry-After", "1")
		http.Error(w, `{"error":{"message":"rate limited","type":"rate_limit"}}`, http.StatusTooManyRequests)
	case serverError:
		http.Error(w, `{"error":{"message":"boom","type":"server_error"}}`, http.StatusInternalServerError)
	case hang:
		select {
		case <-r.Context().Done():
		case <-p.stop:
		}
	case malformed:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,`)
	case wrongDim, tooFew:
		vecs := 1
		if f == wrongDim {
			vecs = 64
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"object":"list","model":"m","data":[{"object":"embedding","index":0,"embedding":[%s0.5]}]}`, strings.Repeat("0.5,", vecs-1))
	default:
		p.next.ServeHTTP(w, r)
	}
	_ = n
}

// settleGoroutines waits until the goroutine count is back to at most
// base, or fails with a dump of what is still running.
func settleGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("goroutine leak: %d running, %d before\n%s", runtime.NumGoroutine(), base, buf)
		}
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
}

// TestProviderFaults: with the embedding provider failing in each way a
// real one fails, indexing still completes at once with keyword search,
// search answers degraded instead of failing, nothing is lost, vectors are
// back-filled once the provider is healthy again, and no goroutine is
// left behind.
func TestProviderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for retries and timeouts")
	}
	const dim = 32
	// Warm up what starts goroutines once per process (bleve, net/http),
	// then take the baseline.
	warm, err := index.Open(index.Options{Path: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	warm.Close()

	first, later := corpus[:2], corpus[2:]
	wantBullets := 0
	for _, r := range corpus {
		wantBullets += len(r.Bullets)
	}
	tests := []struct {
		name  string
		fault fault
		slow  bool // the failing Add lasts long enough to search during it
	}{
		{"429 with Retry-After", tooMany, true},
		{"500", serverError, false},
		{"hangs past the timeout", hang, true},
		{"malformed JSON", malformed, false},
		{"wrong dimension", wrongDim, false},
		{"too few vectors", tooFew, false},
	}
	injected := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			p := &faultyProvider{next: embed.NewServer(embed.NewLocal(embed.LocalOptions{Dim: dim})), stop: make(chan struct{})}
			srv := httptest.NewServer(p)
			tr := &http.Transport{}
			emb, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "vitae-local", Dimensions: dim,
				Timeout: 300 * time.Millisecond, MaxRetries: 1, HTTPClient: &http.Client{Transport: tr}})
			if err != nil {
				t.Fatal(err)
			}
			ix, err := index.Open(index.Options{Path: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			eng := New(ix, emb, Options{SemanticRatio: 0.5, Timeout: 10 * time.Second})
			ctx := context.Background()

			// Healthy: the first résumés get vectors.
			if res, err := eng.Add(ctx, first); err != nil || res.Degraded {
				t.Fatalf("healthy add: %+v %v", res, err)
			}

			// Faulty: the rest go in keyword-only, at once.
			p.mode.Store(int32(tt.fault))
			type added struct {
				res  *AddResult
				err  error
				took time.Duration
			}
			done := make(chan added, 1)
			start := time.Now()
			go func() {
				res, err := eng.Add(ctx, later)
				done <- added{res, err, time.Since(start)}
			}()
			var seenDuring bool
			var a added
		wait:
			for {
				select {
				case a = <-done:
					break wait
				case <-time.After(10 * time.Millisecond):
					r, err := eng.Search(ctx, vitae.Query{Text: "registered nurses", Mode: vitae.ModeKeyword})
					if err == nil && len(r.Hits) > 0 && r.Hits[0].ResumeID == "rosa" {
						seenDuring = true
					}
				}
			}
			if a.err != nil {
				t.Fatalf("add with a failing provider: %v", a.err)
			}
			if !a.res.Degraded || a.res.Resumes != len(later) || a.res.Embedded != 0 || a.res.DegradedReason == "" {
				t.Errorf("add with a failing provider: %+v", a.res)
			}
			if tt.slow && !seenDuring {
				t.Errorf("bullets were not keyword-searchable while the provider was failing (add took %s)", a.took)
			}
			if a.took > 8*time.Second {
				t.Errorf("add took %s with a failing provider", a.took)
			}
			if p.requests.Load() < 2 {
				t.Errorf("provider saw %d requests", p.requests.Load())
			}
			if tt.fault == tooMany {
				if gap := time.Duration(p.second.Load() - p.first.Load()); gap < 900*time.Millisecond {
					t.Errorf("retried after %s, Retry-After asked for 1s", gap)
				}
			}

			// Search degrades, never fails; keyword evidence still comes back.
			for _, mode := range []vitae.Mode{vitae.ModeHybrid, vitae.ModeSemantic} {
				r, err := eng.Search(ctx, vitae.Query{Text: "led a team of nurses", Mode: mode, SemanticRatio: 0.5})
				if err != nil {
					t.Fatalf("%s search with a failing provider: %v", mode, err)
				}
				if !r.Degraded || r.DegradedReason == "" || len(r.Hits) == 0 {
					t.Errorf("%s search: degraded=%v reason=%q hits=%d", mode, r.Degraded, r.DegradedReason, len(r.Hits))
				}
			}
			if m, err := match.New(eng, match.Options{}).Match(ctx, match.Request{JobDescription: "## Requirements\n- Supervised a team of nurses\n- Cut paging volume with SLOs"}); err != nil || !m.Degraded {
				t.Errorf("match with a failing provider: %v", err)
			}
			injected++

			// Healthy again: back-fill, and nothing is missing.
			p.mode.Store(int32(healthy))
			n, err := pipeline.SyncVectors(ctx, ix, emb, nil)
			if err != nil {
				t.Fatalf("back-fill: %v", err)
			}
			st, err := ix.Stats()
			if err != nil {
				t.Fatal(err)
			}
			if st.Resumes != len(corpus) || st.Bullets != wantBullets || st.Vectors != wantBullets || n != wantBullets-2*len(first) {
				t.Errorf("after back-fill: %+v (back-filled %d), want %d résumés, %d bullets and vectors", st, n, len(corpus), wantBullets)
			}
			r, err := eng.Search(ctx, vitae.Query{Text: "supervised registered nurses", Mode: vitae.ModeSemantic})
			if err != nil || r.Degraded || len(r.Hits) == 0 || r.Hits[0].ResumeID != "rosa" {
				t.Errorf("semantic search after back-fill: %v %+v", err, r)
			}

			close(p.stop)
			srv.Close()
			tr.CloseIdleConnections()
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			settleGoroutines(t, base)
		})
	}
	t.Logf("%d provider faults injected and handled, no goroutine left behind", injected)
}
