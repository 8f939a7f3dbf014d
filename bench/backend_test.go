package bench

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestWeaviateBackendFillsEveryFigure runs a whole bench size with Vitae
// also on its Weaviate backend, against a real weaviate-server on
// loopback, at a tiny size, and checks that every figure of the backend
// is there and sane: counts and errors, not times.
func TestWeaviateBackendFillsEveryFigure(t *testing.T) {
	bin := weaviateServer(t)
	const queries, rounds, jobs = 20, 1, 3
	rep, err := Run(context.Background(), Options{
		Sizes: []int{500}, CorpusDir: "../data", JobsFile: "testdata/jobs.jsonl",
		GeneratedQueries: queries, Rounds: rounds, Clients: 2, HTTPDuration: 500 * time.Millisecond,
		WorkDir: t.TempDir(), BackendServer: bin,
		Handler: webHandler,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sizes) != 1 || rep.Sizes[0].Backend == nil {
		t.Fatalf("no backend result: %+v", rep.Sizes)
	}
	s := rep.Sizes[0]
	b := s.Backend
	if b.Backend != "weaviate" || b.Bullets != s.Bullets || b.Bullets < 400 {
		t.Errorf("backend %q got %d bullets, the size has %d", b.Backend, b.Bullets, s.Bullets)
	}
	if b.BulletsPerSec <= 0 || b.BytesPerBullet <= 0 || b.VitaeRSS <= 0 || b.VitaePeakRSS <= 0 || b.WeaviateRSS <= 0 || b.WeaviateStartRSS <= 0 {
		t.Errorf("bullets/s %v, bytes/bullet %v, RSS vitae %d (peak %d), weaviate %d (start %d): want all > 0",
			b.BulletsPerSec, b.BytesPerBullet, b.VitaeRSS, b.VitaePeakRSS, b.WeaviateRSS, b.WeaviateStartRSS)
	}
	for _, mode := range []string{"keyword", "semantic", "hybrid"} {
		l := b.Latency[mode]
		if l.N != rep.Queries*rounds || l.Errors != 0 || l.P50 <= 0 || l.P99 < l.P50 {
			t.Errorf("weaviate backend %s latency %+v: want %d calls, no errors, p99 ≥ p50 > 0", mode, l, rep.Queries*rounds)
		}
	}
	if m, e := b.Latency["match"], s.Latency["match"]; m.N != e.N || m.Errors != e.Errors || m.N == 0 {
		t.Errorf("weaviate backend match %+v, embedded %+v: want the same jobs answered", m, e)
	}
	for _, l := range []*HTTPLoad{b.HTTP, b.HTTPNoFacets} {
		if l == nil || l.Requests == 0 || l.Errors != 0 || l.PerSec <= 0 || l.Clients != 2 {
			t.Errorf("weaviate backend HTTP load %+v: want requests from 2 clients, no errors", l)
		}
	}
	var out strings.Builder
	if err := WriteMarkdown(&out, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Vitae on its embedded and Weaviate backends, 500 bullets", "| hybrid p50 / p99, ms |", "| disk, bytes/bullet |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the markdown report lacks %q:\n%s", want, out.String())
		}
	}
}
