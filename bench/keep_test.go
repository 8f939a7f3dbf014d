package bench

import (
	"context"
	"strings"
	"testing"
)

// TestKeepReusesTheIndex runs a tiny size twice with Keep in one work
// dir: the first builds and leaves its index and model, the second opens
// them, builds nothing, and still measures searches on the same bullets.
func TestKeepReusesTheIndex(t *testing.T) {
	work := t.TempDir()
	opts := Options{Sizes: []int{300}, CorpusDir: "../data", GeneratedQueries: 10, Rounds: 1, WorkDir: work, Keep: true}
	first, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	a, b := first.Sizes[0], second.Sizes[0]
	if a.Reused || a.Semantic == nil {
		t.Errorf("first run: reused %v, build %v: want a build", a.Reused, a.Semantic)
	}
	if !b.Reused || b.Semantic != nil || b.Raw != nil {
		t.Errorf("second run: reused %v, builds %v %v: want the kept index, no build", b.Reused, b.Semantic, b.Raw)
	}
	if b.Bullets != a.Bullets || b.Bullets < 250 {
		t.Errorf("second run has %d bullets, first %d", b.Bullets, a.Bullets)
	}
	for _, mode := range []string{"keyword", "semantic", "hybrid"} {
		if l := b.Latency[mode]; l.N == 0 || l.Errors != 0 || l.Cold == nil || l.Cold.N != l.N/opts.Rounds {
			t.Errorf("second run %s: %+v (cold %+v): want the warm-up pass too", mode, l, l.Cold)
		}
	}
	var out strings.Builder
	if err := WriteTable(&out, second); err != nil || !strings.Contains(out.String(), "hybrid") || !strings.Contains(out.String(), "caches cold") {
		t.Errorf("table of a reused run: %v\n%s", err, out.String())
	}
	if b.Restart == nil || b.Restart.OpenSeconds <= 0 {
		t.Errorf("second run restart %+v", b.Restart)
	}
}
