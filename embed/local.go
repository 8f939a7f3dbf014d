package embed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"

	porter "github.com/blevesearch/go-porterstemmer"

	"vitae"
	"vitae/lexicon"
)

// LocalOptions tune the built-in embedder.
type LocalOptions struct {
	Dim     int              // default 256
	Lexicon *lexicon.Lexicon // default lexicon.Default()
	// ConceptWeight scales the lexicon-group direction of a phrase relative
	// to its words; ContextWeight scales the corpus-learnt context part of a
	// word. Defaults 1.6 and 0.8.
	ConceptWeight, ContextWeight float64
	// Contexts is how many co-occurring words shape a word's vector; 24.
	Contexts int
	// MinCount drops words seen fewer times from training; 2.
	MinCount int
}

func (o LocalOptions) withDefaults() LocalOptions {
	if o.Dim <= 0 {
		o.Dim = 256
	}
	if o.Lexicon == nil {
		o.Lexicon = lexicon.Default()
	}
	if o.ConceptWeight == 0 {
		o.ConceptWeight = 1.6
	}
	if o.ContextWeight == 0 {
		o.ContextWeight = 0.8
	}
	if o.Contexts <= 0 {
		o.Contexts = 24
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	return o
}

// Local is the built-in embedder. A sentence vector is the SIF-weighted
// sum of its words' vectors, where a word's vector is a fixed random
// direction (hashed from the word's stem) plus, once trained, the PPMI-
// weighted directions of the words it co-occurs with in the corpus
// (random indexing); phrases the lexicon knows add their group's direction,
// so "led" ≈ "managed" ≈ "was responsible for" and "SRE" ≈ "DevOps".
// Deterministic: the same model and text give the same vector everywhere.
type Local struct {
	opts  LocalOptions
	model string
	// Trained state (nil maps when untrained).
	prob     map[string]float64        // unigram probability of a stem
	contexts map[string][]contextEntry // stem → its strongest contexts
	wordVecs sync.Map                  // stem → []float32, lazily built
}

type contextEntry struct {
	Word   string
	Weight float32
}

var _ vitae.Embedder = (*Local)(nil)

// NewLocal returns the untrained embedder: lexicon concepts and hashed
// words only. It already ranks paraphrases the lexicon covers.
func NewLocal(opts LocalOptions) *Local {
	l := &Local{opts: opts.withDefaults()}
	l.model = l.identity()
	return l
}

// TrainLocal learns word frequencies and contexts from corpus texts
// (bullets). Deterministic for the same texts in the same order.
func TrainLocal(texts []string, opts LocalOptions) (*Local, error) {
	l := &Local{opts: opts.withDefaults()}
	// Subsample large corpora deterministically: 200k bullets carry the
	// vocabulary; more only costs time.
	step := 1
	if len(texts) > 200000 {
		step = len(texts) / 200000
	}
	freq := map[string]int{}
	var docs [][]string
	total := 0
	for i := 0; i < len(texts); i += step {
		ws := l.stems(texts[i])
		docs = append(docs, ws)
		for _, w := range ws {
			freq[w]++
			total++
		}
		// Concepts are counted like words so that a common one ("built",
		// "design") weighs less than a rare one ("REST API"), as SIF does
		// for words.
		for _, m := range l.opts.Lexicon.Find(texts[i]) {
			freq[conceptKey(l.opts.Lexicon.Groups()[m.Group])]++
		}
	}
	if total == 0 {
		return nil, fmt.Errorf("train local embedder: no words in %d texts", len(texts))
	}
	l.prob = make(map[string]float64, len(freq))
	for w, c := range freq {
		if c >= l.opts.MinCount {
			l.prob[w] = float64(c) / float64(total)
		}
	}
	// Co-occurrence within a bullet (a bullet is one idea), counted once
	// per bullet per pair.
	co := map[string]map[string]int{}
	for _, ws := range docs {
		uniq := dedupe(ws)
		if len(uniq) > 40 {
			uniq = uniq[:40]
		}
		for _, a := range uniq {
			if _, ok := l.prob[a]; !ok {
				continue
			}
			for _, b := range uniq {
				if a == b {
					continue
				}
				if _, ok := l.prob[b]; !ok {
					continue
				}
				m := co[a]
				if m == nil {
					m = map[string]int{}
					co[a] = m
				}
				m[b]++
			}
		}
	}
	n := float64(len(docs))
	l.contexts = make(map[string][]contextEntry, len(co))
	for a, m := range co {
		var es []contextEntry
		fa := float64(freq[a])
		for b, c := range m {
			if c < 2 {
				continue
			}
			pmi := math.Log(float64(c) * n / (fa * float64(freq[b])))
			if pmi > 0 {
				es = append(es, contextEntry{b, float32(pmi)})
			}
		}
		sort.Slice(es, func(i, j int) bool {
			if es[i].Weight != es[j].Weight {
				return es[i].Weight > es[j].Weight
			}
			return es[i].Word < es[j].Word
		})
		if len(es) > l.opts.Contexts {
			es = es[:l.opts.Contexts]
		}
		if len(es) > 0 {
			l.contexts[a] = es
		}
	}
	l.model = l.identity()
	return l, nil
}

// identity hashes every parameter that changes vectors.
func (l *Local) identity() string {
	h := sha256.New()
	fmt.Fprintf(h, "%d|%g|%g|%d|%d|", l.opts.Dim, l.opts.ConceptWeight, l.opts.ContextWeight, l.opts.Contexts, l.opts.MinCount)
	for _, g := range l.opts.Lexicon.Groups() {
		fmt.Fprintf(h, "%s:%s:%s;", g.Kind, g.Canonical, strings.Join(g.Terms, ","))
	}
	keys := make([]string, 0, len(l.prob))
	for k := range l.prob {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%.6g;", k, l.prob[k])
		for _, c := range l.contexts[k] {
			fmt.Fprintf(h, "%s:%.4g,", c.Word, c.Weight)
		}
	}
	sum := h.Sum(nil)
	state := "untrained"
	if l.prob != nil {
		state = "trained"
	}
	return fmt.Sprintf("vitae-local-v1:%d:%s:%s", l.opts.Dim, state, hex.EncodeToString(sum[:6]))
}

// Model identifies the embedder and its training.
func (l *Local) Model() string { return l.model }

// Dimension is the vector length.
func (l *Local) Dimension() int { return l.opts.Dim }

// Embed returns one L2-normalised vector per text, in parallel for big
// batches.
func (l *Local) Embed(ctx context.Context, texts []string, _ vitae.InputKind) ([][]float32, error) {
	out := make([][]float32, len(texts))
	workers := runtime.GOMAXPROCS(0)
	if len(texts) < 64 {
		workers = 1
	}
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	next := make(chan int, len(texts))
	for i := range texts {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := ctx.Err(); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				out[i] = l.embedOne(texts[i])
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, fmt.Errorf("local embed: %w", firstErr)
	}
	return out, nil
}

// sif is the smooth inverse frequency weight a/(a+p(w)); unseen words are
// treated as rare.
func (l *Local) sif(stem string) float64 {
	const a = 1e-3
	p, ok := l.prob[stem]
	if !ok {
		p = 1e-6
	}
	return a / (a + p)
}

func (l *Local) embedOne(text string) []float32 {
	v := make([]float64, l.opts.Dim)
	words := lexicon.Tokenize(text)
	inPhrase := make([]bool, len(words))
	// Lexicon phrases: their group's direction, weighted like a rare word.
	for _, m := range l.opts.Lexicon.Find(text) {
		key := conceptKey(l.opts.Lexicon.Groups()[m.Group])
		addScaled(v, randomVec(key, l.opts.Dim), l.opts.ConceptWeight*l.sif(key))
		for i := m.Start; i < m.End && i < len(inPhrase); i++ {
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
			weight *= 0.5 // the concept already speaks for it
		}
		addScaled(v, l.wordVec(s), weight)
	}
	return normalize64(v)
}

// conceptKey names a lexicon group's direction and its frequency entry;
// no stem contains a colon, so the keys never collide with words.
func conceptKey(g lexicon.Group) string { return "concept:" + g.Kind + ":" + g.Canonical }

// wordVec is a stem's random direction plus its learnt context.
func (l *Local) wordVec(s string) []float32 {
	if v, ok := l.wordVecs.Load(s); ok {
		return v.([]float32)
	}
	base := randomVec("word:"+s, l.opts.Dim)
	if ctxs := l.contexts[s]; len(ctxs) > 0 {
		acc := make([]float64, l.opts.Dim)
		for _, c := range ctxs {
			addScaled(acc, randomVec("word:"+c.Word, l.opts.Dim), float64(c.Weight))
		}
		cv := normalize64(acc)
		mixed := make([]float64, l.opts.Dim)
		addScaled(mixed, base, 1)
		addScaled(mixed, cv, l.opts.ContextWeight)
		base = normalize64(mixed)
	}
	if _, known := l.prob[s]; known || l.prob == nil && len(s) < 24 {
		l.wordVecs.Store(s, base) // bounded by the vocabulary, not by queries
	}
	return base
}

func (l *Local) stems(text string) []string {
	var out []string
	for _, w := range lexicon.Tokenize(text) {
		if !stopWords[w] {
			out = append(out, stem(w))
		}
	}
	return out
}

func stem(w string) string {
	if len(w) <= 3 || strings.ContainsAny(w, "0123456789+#./") {
		return w
	}
	return porter.StemString(w)
}

// randomVec is a deterministic unit Gaussian direction for a key.
func randomVec(key string, dim int) []float32 {
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

func addScaled(dst []float64, v []float32, s float64) {
	for i, x := range v {
		dst[i] += float64(x) * s
	}
}

func normalize64(v []float64) []float32 {
	var n float64
	for _, x := range v {
		n += x * x
	}
	out := make([]float32, len(v))
	if n == 0 {
		return out
	}
	inv := 1 / math.Sqrt(n)
	for i, x := range v {
		out[i] = float32(x * inv)
	}
	return out
}

func dedupe(ws []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but of to in on at for with by from as into via over under about
		is are was were be been being it its this that these those i me my we our us you your he she they them their
		his her also than then so such not no nor too very can could would should will shall may might must do does did
		had has have having up out off more most other some any each few all both only own same just while during before
		after above below again further once here there when where why how what which who whom`) {
		m[w] = true
	}
	return m
}()

// localFile is the saved form of a trained Local.
type localFile struct {
	Version                      int
	Dim, Contexts, MinCount      int
	ConceptWeight, ContextWeight float64
	Prob                         map[string]float64
	ContextMap                   map[string][]contextEntry
}

// Save writes the trained model (versioned gob).
func (l *Local) Save(w io.Writer) error {
	// The shipped lexicon is part of the binary, and of Model().
	o := l.opts
	return gob.NewEncoder(w).Encode(localFile{Version: 1, Dim: o.Dim, Contexts: o.Contexts, MinCount: o.MinCount,
		ConceptWeight: o.ConceptWeight, ContextWeight: o.ContextWeight, Prob: l.prob, ContextMap: l.contexts})
}

// LoadLocal reads a model written by Save.
func LoadLocal(r io.Reader) (*Local, error) {
	var f localFile
	data, err := io.ReadAll(io.LimitReader(r, 1<<30))
	if err != nil {
		return nil, err
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		return nil, fmt.Errorf("decode local model: %w", err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("local model version %d is not supported", f.Version)
	}
	opts := LocalOptions{Dim: f.Dim, Contexts: f.Contexts, MinCount: f.MinCount, ConceptWeight: f.ConceptWeight, ContextWeight: f.ContextWeight}
	l := &Local{opts: opts.withDefaults(), prob: f.Prob, contexts: f.ContextMap}
	l.model = l.identity()
	return l, nil
}
