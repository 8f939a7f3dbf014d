package embed

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/lexicon"
)

// trainTexts is a small corpus with repeated words, phrases the lexicon
// knows, case-sensitive terms and words seen once.
func trainTexts(n int) []string {
	tmpl := []string{
		"Led the DevOps team through a Kubernetes migration on AWS",
		"Managed SRE on-call rotations for %d services",
		"Built CI/CD pipelines in Jenkins and GitHub Actions, cutting deploys by %d%%",
		"Wrote services in Go and Node.js handling %d requests per second",
		"Designed a REST API for billing used by %d partners",
		"Taught algebra to %d students",
		"Improved C++ and C# build times by %d minutes",
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(tmpl[i%len(tmpl)], i)
	}
	return out
}

func TestTrainSampleIsBoundedAndDeterministic(t *testing.T) {
	texts := trainTexts(1000)
	for _, max := range []int{1, 7, 300, 999} {
		a, b := trainSample(texts, max), trainSample(texts, max)
		if len(a) != max {
			t.Errorf("trainSample(1000 texts, %d) has %d texts", max, len(a))
		}
		if !cmp.Equal(a, b) {
			t.Errorf("trainSample(1000 texts, %d) differs between calls", max)
		}
		if a[0] != texts[0] {
			t.Errorf("trainSample(1000 texts, %d) starts at %q, want the first text", max, a[0])
		}
	}
	// Spread over the corpus, not its head: every seventh template shows.
	if a := trainSample(texts, 100); a[len(a)-1] != texts[990] {
		t.Errorf("last sampled text %q, want text 990", a[len(a)-1])
	}
	for _, max := range []int{0, 1000, 5000} {
		if got := trainSample(texts, max); len(got) != len(texts) {
			t.Errorf("trainSample(1000 texts, %d) has %d texts, want them all", max, len(got))
		}
	}
}

// Above TrainTexts, training learns exactly what it learns from the
// sample alone, so the model's identity is still a function of the texts.
func TestTrainLocalCapsItsSample(t *testing.T) {
	texts := trainTexts(700)
	capped, err := TrainLocal(texts, LocalOptions{TrainTexts: 100})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := TrainLocal(texts, LocalOptions{TrainTexts: 100})
	sample, _ := TrainLocal(trainSample(texts, 100), LocalOptions{})
	full, _ := TrainLocal(texts, LocalOptions{})
	if capped.Model() != again.Model() || capped.Model() != sample.Model() {
		t.Errorf("capped models %s, %s; trained on the sample %s", capped.Model(), again.Model(), sample.Model())
	}
	if capped.Model() == full.Model() {
		t.Error("a cap of 100 texts out of 700 left the model unchanged")
	}
}

// The cached, allocation-free embedding path gives the vectors of the
// plain definition (embedReference), cold and warm.
func TestLocalEmbedMatchesDefinition(t *testing.T) {
	texts := append(trainTexts(140),
		"", "We go to the office", "zzqx unseenword Kubernetes k8s", "ÉCOLE Straße İstanbul 東京",
		"Led led LED leading leads", "a.b.c -x- c++ ci/cd node.js 'quoted'")
	trained, err := TrainLocal(texts[:140], LocalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, l := range map[string]*Local{"trained": trained, "untrained": NewLocal(LocalOptions{})} {
		t.Run(name, func(t *testing.T) {
			for pass := range 2 { // cold caches, then warm
				got, err := l.Embed(context.Background(), texts, vitae.InputDocument)
				if err != nil {
					t.Fatal(err)
				}
				for i, text := range texts {
					if d := maxDiff(embedReference(l, text), got[i]); d > 1e-6 {
						t.Errorf("pass %d: %q differs from the definition by %g", pass, text, d)
					}
				}
			}
		})
	}
}

// embedReference is the embedder's definition, without caches: the SIF-
// weighted sum of its words' vectors (random direction, base-model
// direction, learnt context) and its concepts' directions.
func embedReference(l *Local, text string) []float32 {
	dim := l.opts.Dim
	v := make([]float64, dim)
	words := lexicon.Tokenize(text)
	inPhrase := make([]bool, len(words))
	for _, m := range l.opts.Lexicon.Find(text) {
		g := l.opts.Lexicon.Groups()[m.Group]
		key := conceptKey(g)
		addScaled(v, referenceConceptVec(l, key, g), l.opts.ConceptWeight*l.sif(key))
		for i := m.Start; i < m.End; i++ {
			inPhrase[i] = true
		}
	}
	for i, w := range words {
		if stopWords[w] {
			continue
		}
		s := stem(w)
		weight := l.sif(s)
		if inPhrase[i] {
			weight *= 0.5
		}
		vec := referenceRandomVec("word:"+s, dim)
		if bv := l.base.Vec(s); bv != nil {
			mixed := make([]float64, dim)
			addScaled(mixed, vec, 1)
			addScaled(mixed, bv, l.opts.BaseWeight)
			vec = normalize64(mixed)
		}
		if ctxs := l.contexts[s]; len(ctxs) > 0 {
			acc := make([]float64, dim)
			for _, c := range ctxs {
				addScaled(acc, referenceRandomVec("word:"+c.Word, dim), float64(c.Weight))
			}
			mixed := make([]float64, dim)
			addScaled(mixed, vec, 1)
			addScaled(mixed, normalize64(acc), l.opts.ContextWeight)
			vec = normalize64(mixed)
		}
		addScaled(v, vec, weight)
	}
	return normalize64(v)
}

// referenceConceptVec is a group's random direction plus ConceptBase
// times the SIF-weighted mean of its terms' base-model word vectors.
func referenceConceptVec(l *Local, key string, g lexicon.Group) []float32 {
	dim := l.opts.Dim
	vec := referenceRandomVec(key, dim)
	if l.base == nil || l.opts.ConceptBase <= 0 {
		return vec
	}
	mean := make([]float64, dim)
	n := 0
	for _, t := range g.Terms {
		for _, s := range Analyze(t) {
			if bv := l.base.Vec(s); bv != nil {
				addScaled(mean, bv, l.sif(s))
				n++
			}
		}
	}
	if n == 0 {
		return vec
	}
	mixed := make([]float64, dim)
	addScaled(mixed, vec, 1)
	addScaled(mixed, normalize64(mean), l.opts.ConceptBase)
	return normalize64(mixed)
}

func referenceRandomVec(key string, dim int) []float32 {
	h := fnv.New64a()
	h.Write([]byte(key))
	seed := h.Sum64()
	rng := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	v := make([]float64, dim)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return normalize64(v)
}

func maxDiff(a, b []float32) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	var d float64
	for i := range a {
		d = max(d, math.Abs(float64(a[i])-float64(b[i])))
	}
	return d
}

// A lexicon group's direction carries the meaning of its words (the base
// model's mean of them), so it lies near the words it is made of and near
// a related group, where a random direction lies near neither.
func TestConceptDirectionsCarryMeaning(t *testing.T) {
	lex := lexicon.Default()
	group := func(kind, canonical string) int {
		for i, g := range lex.Groups() {
			if g.Kind == kind && g.Canonical == canonical {
				return i
			}
		}
		t.Fatalf("no lexicon group %s %s", kind, canonical)
		return -1
	}
	lead, mentor := group("verb", "lead"), group("verb", "mentor")
	cos := func(a, b []float32) float64 {
		var d float64
		for i := range a {
			d += float64(a[i]) * float64(b[i])
		}
		return d
	}
	for _, tc := range []struct {
		name        string
		conceptBase float64
		near        bool
	}{
		{"with the base mean", 0, true},
		{"random directions only", -1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := NewLocal(LocalOptions{ConceptBase: tc.conceptBase})
			if l.base == nil {
				t.Fatal("no base model")
			}
			headed := l.wordVec(stem("headed"))
			if got := cos(l.concept(lead).vec, headed); (got > 0.3) != tc.near {
				t.Errorf("cos(concept lead, word headed) = %.3f, want near: %v", got, tc.near)
			}
			if got := cos(l.concept(lead).vec, l.concept(mentor).vec); (got > 0.2) != tc.near {
				t.Errorf("cos(concept lead, concept mentor) = %.3f, want near: %v", got, tc.near)
			}
		})
	}
}
