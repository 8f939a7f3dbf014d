package search

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/embed"
)

// providerEngine is an engine over the corpus whose embedder is a real
// OpenAI-wire server (faultyProvider: it counts requests and fails on
// demand), its warnings logged into the returned buffer.
func providerEngine(t *testing.T, opts Options) (*Engine, *faultyProvider, *bytes.Buffer) {
	t.Helper()
	const dim = 32
	p := &faultyProvider{next: embed.NewServer(embed.NewLocal(embed.LocalOptions{Dim: dim})), stop: make(chan struct{})}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(p.stop) }) // before srv.Close: a hung request returns
	emb, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: srv.URL + "/v1", Model: "vitae-local", Dimensions: dim,
		Timeout: 10 * time.Second, MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, ix := newEngine(t, emb, Options{}) // healthy: every bullet has a vector
	if ix.VectorModel() != emb.Model() {
		t.Fatalf("vectors of %q, embedder %q", ix.VectorModel(), emb.Model())
	}
	var log bytes.Buffer
	opts.Logger = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if opts.SemanticRatio == 0 {
		opts.SemanticRatio = 0.5
	}
	return New(ix, emb, opts), p, &log
}

// A hybrid query the keyword side would refuse (a bad date filter, too
// many terms) is refused before the embed call: its own code, no request
// to the provider, no degradation logged.
func TestHybridRefusedBeforeEmbed(t *testing.T) {
	s, p, log := providerEngine(t, Options{})
	ctx := context.Background()
	tests := []struct {
		name string
		q    vitae.Query
		code string
	}{
		{"since unreadable", vitae.Query{Text: "DevOps team", Filters: vitae.Filters{Since: "2020-13"}}, vitae.EINVALID},
		{"until before since", vitae.Query{Text: "DevOps team", Filters: vitae.Filters{Since: "2021", Until: "2019"}}, vitae.EINVALID},
		{"since in the query's syntax", vitae.Query{Text: "DevOps team since:20x"}, vitae.EINVALID},
		{"too many terms", vitae.Query{Text: strings.Repeat("rn ", 300)}, vitae.EINVALID}, // under the 1000 characters
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.requests.Store(0)
			log.Reset()
			tt.q.Mode = vitae.ModeHybrid
			_, err := s.Search(ctx, tt.q)
			if code := vitae.ErrorCode(err); code != tt.code {
				t.Errorf("error %v (code %q), want code %q", err, code, tt.code)
			}
			if n := p.requests.Load(); n != 0 {
				t.Errorf("%d embed requests, want 0", n)
			}
			if log.Len() != 0 {
				t.Errorf("logged %q, want nothing", log.String())
			}
		})
	}
	// The same engine embeds and answers a valid query, and logs a
	// degradation when the provider fails and the keyword side answers.
	if _, err := s.Search(ctx, vitae.Query{Text: "DevOps team", Mode: vitae.ModeHybrid}); err != nil || p.requests.Load() == 0 {
		t.Fatalf("valid query: %v after %d embed requests", err, p.requests.Load())
	}
	p.mode.Store(int32(serverError))
	res, err := s.Search(ctx, vitae.Query{Text: "DevOps team", Mode: vitae.ModeHybrid})
	if err != nil || !res.Degraded {
		t.Fatalf("provider down: %v, degraded %v", err, res != nil && res.Degraded)
	}
	if !strings.Contains(log.String(), "degraded to keyword") {
		t.Errorf("provider down: logged %q, want the degradation", log.String())
	}
}
