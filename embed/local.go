package embed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	// word. Defaults 2 and 0.8 (docs/quality.md: with random group
	// directions 1.6 outweighed a skill query's other words; since a
	// group's direction carries its words' meaning, see ConceptBase, 2 ranks
	// best on the train split).
	ConceptWeight, ContextWeight float64
	// ConceptBase scales, in a lexicon group's direction, the base model's
	// mean of the group's words against the group's own random direction,
	// so that related groups ("cost reduction", "budget adherence") and
	// the words they are made of lie near each other. Default 1; negative
	// turns it off.
	ConceptBase float64
	// Contexts is how many co-occurring words shape a word's vector; 24.
	Contexts int
	// MinCount drops words seen fewer times from training; 2.
	MinCount int
	// BaseWeight scales the base model's direction of a word (see Base)
	// relative to its own random direction; default 2, negative turns the
	// base model off.
	BaseWeight float64
	// TrainTexts caps how many texts training reads; a larger corpus is
	// sampled evenly (trainSample). Default 100,000: training then costs
	// about a second at any corpus size. It only shapes training: a saved
	// model does not keep it.
	TrainTexts int
}

func (o LocalOptions) withDefaults() LocalOptions {
	if o.Dim <= 0 {
		o.Dim = 256
	}
	if o.Lexicon == nil {
		o.Lexicon = lexicon.Default()
	}
	if o.ConceptWeight == 0 {
		o.ConceptWeight = 2
	}
	if o.ConceptBase == 0 {
		o.ConceptBase = 1
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
	if o.TrainTexts <= 0 {
		o.TrainTexts = 100000
	}
	if o.BaseWeight == 0 {
		o.BaseWeight = 2
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
	words    sync.Map                  // word → wordEntry, for words whose stem is in wordVecs

	base *BaseModel // nil when off or when its dimension differs

	conceptsOnce sync.Once
	concepts     []conceptSlot // per lexicon group, built on first use
	scratch      sync.Pool     // of *scratch
}

// wordEntry is what a word, or a lexicon group, adds to a sentence: its
// direction, scaled by its weight.
type wordEntry struct {
	vec    []float32
	weight float64
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
	l.useBase()
	l.model = l.identity()
	return l
}

// useBase attaches the shipped base model when the options allow it.
func (l *Local) useBase() {
	if l.opts.BaseWeight < 0 {
		return
	}
	if m, err := Base(); err == nil && m.Dim == l.opts.Dim && len(m.Words) > 0 {
		l.base = m
	}
}

// identity hashes every parameter that changes vectors.
func (l *Local) identity() string {
	h := sha256.New()
	fmt.Fprintf(h, "%d|%g|%g|%d|%d|", l.opts.Dim, l.opts.ConceptWeight, l.opts.ContextWeight, l.opts.Contexts, l.opts.MinCount)
	if l.base != nil {
		fmt.Fprintf(h, "base:%g:%g:%x|", l.opts.BaseWeight, l.opts.ConceptBase, sha256.Sum256(baseData))
	}
	for _, g := range l.opts.Lexicon.Groups() {
		fmt.Fprintf(h, "%s:%s:%s;", g.Kind, g.Canonical, strings.Join(g.Terms, ","))
	}
	keys := make([]string, 0, len(l.prob))
	for k := range l.prob {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf []byte // "%s=%.6g;" and "%s:%.4g," per context, without fmt's cost per call
	for _, k := range keys {
		buf = append(append(buf[:0], k...), '=')
		buf = append(strconv.AppendFloat(buf, l.prob[k], 'g', 6, 64), ';')
		for _, c := range l.contexts[k] {
			buf = append(append(buf, c.Word...), ':')
			buf = append(strconv.AppendFloat(buf, float64(c.Weight), 'g', 4, 32), ',')
		}
		h.Write(buf)
	}
	sum := h.Sum(nil)
	state := "untrained"
	if l.prob != nil {
		state = "trained"
	}
	version := "v1"
	if l.base != nil {
		version = "v2"
	}
	return fmt.Sprintf("vitae-local-%s:%d:%s:%s", version, l.opts.Dim, state, hex.EncodeToString(sum[:6]))
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
	var firstErr error
	var once sync.Once
	var next atomic.Int64 // the next text to embed
	work := func() {
		sc, _ := l.scratch.Get().(*scratch)
		if sc == nil {
			sc = l.newScratch()
		}
		defer l.scratch.Put(sc)
		for {
			i := int(next.Add(1)) - 1
			if i >= len(texts) {
				return
			}
			if err := ctx.Err(); err != nil {
				once.Do(func() { firstErr = err })
				return
			}
			out[i] = l.embedOne(texts[i], sc)
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	if firstErr != nil {
		return nil, fmt.Errorf("local embed: %w", firstErr)
	}
	return out, nil
}

// sif is the smooth inverse frequency weight a/(a+p(w)); unseen words are
// treated as rare.
// The base model's frequencies come first, so a word weighs the same in a
// 5-bullet index and in a large one.
func (l *Local) sif(stem string) float64 {
	const a = 1e-3
	p, ok := l.base.Probability(stem)
	if !ok {
		if p, ok = l.prob[stem]; !ok {
			p = 1e-6
		}
	}
	return a / (a + p)
}

// scratch is one embedding worker's reusable memory.
type scratch struct {
	sum      []float64 // the sentence vector being summed
	rnd      []float64 // a random direction being drawn
	inPhrase []bool
}

func (l *Local) newScratch() *scratch {
	return &scratch{sum: make([]float64, l.opts.Dim), rnd: make([]float64, l.opts.Dim)}
}

func (l *Local) embedOne(text string, sc *scratch) []float32 {
	v := sc.sum
	clear(v)
	words := lexicon.Tokenize(text)
	if cap(sc.inPhrase) < len(words) {
		sc.inPhrase = make([]bool, len(words))
	}
	inPhrase := sc.inPhrase[:len(words)]
	clear(inPhrase)
	// Lexicon phrases: their group's direction, weighted like a rare word.
	for _, m := range l.opts.Lexicon.FindWords(text, words) {
		c := l.concept(m.Group)
		addScaled(v, c.vec, c.weight)
		for i := m.Start; i < m.End && i < len(inPhrase); i++ {
			inPhrase[i] = true
		}
	}
	for i, w := range words {
		if stopWords[w] {
			continue
		}
		e, ok := l.word(w)
		weight := e.weight
		if inPhrase[i] {
			weight *= 0.5 // the concept already speaks for it
		}
		if ok {
			addScaled(v, e.vec, weight)
		} else {
			// A word the model does not know: its random direction only,
			// drawn straight into the sum.
			addRandom(v, sc.rnd, "word:", stem(w), weight)
		}
	}
	return normalize64(v)
}

// word is a known word's direction and SIF weight, cached by the word; ok
// is false for a word whose stem the model does not know, which has only
// its weight and a random direction (added by addRandom, not cached:
// those are bounded by queries, not by the vocabulary).
func (l *Local) word(w string) (e wordEntry, ok bool) {
	if e, ok := l.words.Load(w); ok {
		return e.(wordEntry), true
	}
	s := stem(w)
	if !l.cachesWord(s) {
		return wordEntry{weight: l.sif(s)}, false
	}
	e = wordEntry{vec: l.wordVec(s), weight: l.sif(s)}
	l.words.Store(w, e)
	return e, true
}

// cachesWord tells whether a stem's vector is kept: the vocabulary of a
// trained model, short words for an untrained one.
func (l *Local) cachesWord(s string) bool {
	if l.base.Vec(s) != nil {
		return true
	}
	if l.prob == nil {
		return len(s) < 24
	}
	_, known := l.prob[s]
	return known
}

// conceptSlot holds a lexicon group's direction and weight once built.
type conceptSlot struct {
	once  sync.Once
	entry wordEntry
}

// concept is lexicon group g's direction, with its weight, built the first
// time a text names the group: building all ~2,900 at once took a query
// ~0.2 s more at start.
func (l *Local) concept(g int) wordEntry {
	l.conceptsOnce.Do(func() { l.concepts = make([]conceptSlot, len(l.opts.Lexicon.Groups())) })
	slot := &l.concepts[g]
	slot.once.Do(func() {
		group := l.opts.Lexicon.Groups()[g]
		key := conceptKey(group)
		slot.entry = wordEntry{vec: l.conceptVec(key, group), weight: l.opts.ConceptWeight * l.sif(key)}
	})
	return slot.entry
}

// conceptVec is a group's random direction plus ConceptBase times the
// SIF-weighted mean of its words' base vectors, normalised.
func (l *Local) conceptVec(key string, g lexicon.Group) []float32 {
	vec := randomVec(key, l.opts.Dim)
	if l.base == nil || l.opts.ConceptBase <= 0 {
		return vec
	}
	acc := make([]float64, l.opts.Dim)
	known := false
	for _, t := range g.Terms {
		for _, s := range Analyze(t) {
			if bv := l.base.Vec(s); bv != nil {
				addScaled(acc, bv, l.sif(s))
				known = true
			}
		}
	}
	if !known {
		return vec
	}
	mixed := make([]float64, l.opts.Dim)
	addScaled(mixed, vec, 1)
	addScaled(mixed, normalize64(acc), l.opts.ConceptBase)
	return normalize64(mixed)
}

// conceptKeys are the lexicon groups' conceptKey, in group order.
func conceptKeys(lex *lexicon.Lexicon) []string {
	keys := make([]string, len(lex.Groups()))
	for i, g := range lex.Groups() {
		keys[i] = conceptKey(g)
	}
	return keys
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
	if bv := l.base.Vec(s); bv != nil {
		mixed := make([]float64, l.opts.Dim)
		addScaled(mixed, base, 1)
		addScaled(mixed, bv, l.opts.BaseWeight)
		base = normalize64(mixed)
	}
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
	if l.cachesWord(s) {
		l.wordVecs.Store(s, base) // bounded by the vocabulary, not by queries
	}
	return base
}

func stem(w string) string {
	if len(w) <= 3 || strings.ContainsAny(w, "0123456789+#./") {
		return w
	}
	stems.RLock()
	s, ok := stems.m[w]
	stems.RUnlock()
	if ok {
		return s
	}
	s = porter.StemString(w)
	stems.Lock()
	if len(stems.m) < maxStemsKept {
		stems.m[strings.Clone(w)] = s
	}
	stems.Unlock()
	return s
}

// Stem is the embedder's stem of a lower-case word: Porter's, except for
// short words and tech names ("c++", "k8s"), which stay as they are.
func Stem(w string) string { return stem(w) }

// stems caches Porter stems: ranking stems the words of every candidate
// bullet of every query, and the stemmer is the costly part. The cache
// stops growing at maxStemsKept words (a vocabulary, not a corpus). A
// map under a read lock, not a sync.Map: a warm cache is only read, and
// sync.Map's lookup was 3.4% of an HTTP hybrid search's CPU (BENCHMARKS.md,
// "HTTP at 100k, stop 16").
var stems = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

const maxStemsKept = 1 << 18

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
