package search

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
)

// Z-score fusion: each list in standard scores raised by zFloor and cut
// at 0, a bullet missing from a list at 0 there.
func TestFusionZScore(t *testing.T) {
	// keyword 10, 5, 0: mean 5, sd √(50/3); vector 1, 0.5, 0: mean 0.5, sd √(0.5/3)
	lex := []index.LexicalHit{{Bullet: vitae.Bullet{ID: "a"}, Score: 10}, {Bullet: vitae.Bullet{ID: "b"}, Score: 5}, {Bullet: vitae.Bullet{ID: "c"}, Score: 0}}
	vec := []index.Neighbor{{ID: "c", Score: 1}, {ID: "d", Score: 0.5}, {ID: "a", Score: 0}}
	ksd, vsd := math.Sqrt(50.0/3), math.Sqrt(0.5/3)
	want := map[string]float64{
		"a": 0.5*(5/ksd+zFloor) + 0.5*max(0, -0.5/vsd+zFloor),
		"b": 0.5*(0+zFloor) + 0,
		"c": 0.5*(-5/ksd+zFloor) + 0.5*(0.5/vsd+zFloor),
		"d": 0 + 0.5*(0+zFloor),
	}
	got := fuse(lex, vec, vitae.FusionWeighted, NormalizeZScore, 0.5, 60)
	if len(got) != len(want) {
		t.Fatalf("%d fused hits, want %d", len(got), len(want))
	}
	for _, f := range got {
		if math.Abs(f.details.Fused-want[f.id]) > 1e-9 {
			t.Errorf("%s = %g, want %g", f.id, f.details.Fused, want[f.id])
		}
	}
	// One score in a list: its deviation is 0, not a division by zero.
	one := fuse(lex[:1], nil, vitae.FusionWeighted, NormalizeZScore, 0, 60)
	if len(one) != 1 || one[0].details.Fused != zFloor {
		t.Errorf("a list of one: %+v, want one hit at zFloor", one)
	}
	for _, f := range got {
		if f.details.Fused < 0 {
			t.Errorf("%s scores %g: grouping sums scores, none may be negative", f.id, f.details.Fused)
		}
	}
}

func TestWeightsValues(t *testing.T) {
	for _, w := range []Weights{DefaultWeights, LearnedWeights, {Keyword: 1, Vector: 2, Soft: 3, Parts: 4, Role: 5, Full: 6}} {
		if diff := cmp.Diff(w, WeightsOf(w.Values())); diff != "" {
			t.Errorf("WeightsOf(Values) (-want +got):\n%s", diff)
		}
		if len(w.Values()) != len(WeightNames) {
			t.Errorf("%d values, %d names", len(w.Values()), len(WeightNames))
		}
	}
}

// Signals are the reranked head's, each in 0..1, and the ranking's score
// is the weights applied to them: the tuner learns what Search ranks by.
func TestSignals(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	ctx := context.Background()
	q := vitae.Query{Text: "led site reliability team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Limit: 10, Explain: true}
	sigs, err := s.Signals(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(sigs) == 0 {
		t.Fatal("no signals")
	}
	res, err := s.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	fused := map[string]float64{}
	for _, h := range res.Hits {
		fused[h.ID] = h.Details.Fused
	}
	full := false
	for _, x := range sigs {
		if x.ResumeID == "" || x.Ref == "" {
			t.Errorf("%s: no résumé or ref", x.ID)
		}
		for i, v := range x.Values() {
			if v < 0 || v > 1 {
				t.Errorf("%s: %s = %g, outside 0..1", x.ID, WeightNames[i], v)
			}
		}
		if f, ok := fused[x.ID]; ok && math.Abs(f-s.Weights().score(x)) > 1e-9 {
			t.Errorf("%s: search scored %g, the weights on its signals %g", x.ID, f, s.Weights().score(x))
		}
		full = full || x.Full == 1
	}
	if !full {
		t.Errorf("no candidate covers every part of %q: %+v", q.Text, sigs)
	}
	kw, err := s.Signals(ctx, vitae.Query{Text: q.Text, Mode: vitae.ModeKeyword})
	if err != nil || len(kw) != 0 {
		t.Errorf("keyword mode: %d signals, %v; want none", len(kw), err)
	}
}
