package bench

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestWeaviatePeerFillsEveryFigure runs a whole bench size with the
// Weaviate peer against a real weaviate-server on loopback, at a tiny
// size, and checks that every figure of both engines is there and sane:
// counts, not times.
func TestWeaviatePeerFillsEveryFigure(t *testing.T) {
	bin := weaviateServer(t)
	const queries, rounds = 20, 1
	rep, err := Run(context.Background(), Options{
		Sizes: []int{500}, CorpusDir: "../data", GeneratedQueries: queries, Rounds: rounds,
		Clients: 2, PeerClients: 4, HTTPDuration: 500 * time.Millisecond,
		WorkDir: t.TempDir(), WeaviateServer: bin,
		Handler: webHandler,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sizes) != 1 || rep.Sizes[0].Weaviate == nil {
		t.Fatalf("no peer result: %+v", rep.Sizes)
	}
	s := rep.Sizes[0]
	p := s.Weaviate
	if p.Bullets != s.Bullets || p.Bullets < 400 {
		t.Errorf("weaviate got %d bullets, the size has %d", p.Bullets, s.Bullets)
	}
	if !strings.HasPrefix(p.VitaeTransport, "HTTP") || !strings.HasPrefix(p.WeaviateTransport, "gRPC") {
		t.Errorf("transports %q / %q", p.VitaeTransport, p.WeaviateTransport)
	}
	for _, e := range []struct {
		name string
		fig  EngineFigures
	}{{"vitae", p.Vitae}, {"weaviate", p.Weaviate}} {
		if e.fig.BulletsPerSec <= 0 || e.fig.BytesPerBullet <= 0 || e.fig.RSS <= 0 {
			t.Errorf("%s: bullets/s %v, bytes/bullet %v, RSS %d: want all > 0", e.name, e.fig.BulletsPerSec, e.fig.BytesPerBullet, e.fig.RSS)
		}
		for _, mode := range []string{"keyword", "semantic", "hybrid"} {
			l := e.fig.Latency[mode]
			if l.N != rep.Queries*rounds || l.Errors != 0 || l.P50 <= 0 || l.P99 < l.P50 {
				t.Errorf("%s %s latency %+v: want %d calls, no errors, p99 ≥ p50 > 0", e.name, mode, l, rep.Queries*rounds)
			}
			// Every query comes from the corpus's own words: each pass
			// returns hits, at most 10 a query.
			if h := e.fig.Hits[mode]; h <= 0 || h > 10*l.N {
				t.Errorf("%s %s: %d hits over %d queries", e.name, mode, h, l.N)
			}
		}
		for _, mode := range []string{"keyword", "hybrid"} {
			tp := e.fig.Throughput[mode]
			if tp == nil || tp.Requests == 0 || tp.Errors != 0 || tp.PerSec <= 0 || tp.Clients != 4 {
				t.Errorf("%s %s throughput %+v: want requests from 4 clients, no errors", e.name, mode, tp)
			}
		}
	}
	if g := p.WeaviateHybridGraphQL; g.N != rep.Queries*rounds || g.P50 <= 0 {
		t.Errorf("weaviate hybrid over GraphQL %+v: want %d calls", g, rep.Queries*rounds)
	}
	var out strings.Builder
	if err := WriteMarkdown(&out, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Vitae beside Weaviate, 500 bullets") || !strings.Contains(out.String(), "| hybrid p50 / p95 / p99, ms |") {
		t.Errorf("the markdown report lacks the peer table:\n%s", out.String())
	}
}
