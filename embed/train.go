package embed

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"vitae/lexicon"
)

// TrainLocal learns word frequencies and contexts from corpus texts
// (bullets). Deterministic for the same texts in the same order. Above
// opts.TrainTexts texts it learns from that many, spread evenly over the
// corpus (see trainSample).
func TrainLocal(texts []string, opts LocalOptions) (*Local, error) {
	l := &Local{opts: opts.withDefaults()}
	l.useBase()
	docs := l.analyze(trainSample(texts, l.opts.TrainTexts))
	keys := conceptKeys(l.opts.Lexicon)
	// Stems and concept keys become dense ids, in order of first sight.
	ids := map[string]int32{}
	var vocab []string
	var freq []int
	id := func(s string) int32 {
		i, ok := ids[s]
		if !ok {
			i = int32(len(vocab))
			ids[s] = i
			vocab = append(vocab, s)
			freq = append(freq, 0)
		}
		return i
	}
	words := make([][]int32, len(docs))
	total := 0
	for d, doc := range docs {
		ws := make([]int32, len(doc.stems))
		for i, s := range doc.stems {
			ws[i] = id(s)
			freq[ws[i]]++
		}
		words[d] = ws
		total += len(ws)
		// Concepts are counted like words so that a common one ("built",
		// "design") weighs less than a rare one ("REST API"), as SIF does
		// for words.
		for _, g := range doc.concepts {
			freq[id(keys[g])]++
		}
	}
	docs = nil
	if total == 0 {
		return nil, fmt.Errorf("train local embedder: no words in %d texts", len(texts))
	}
	l.prob = make(map[string]float64, len(vocab))
	known := make([]bool, len(vocab))
	for i, c := range freq {
		if c >= l.opts.MinCount {
			l.prob[vocab[i]] = float64(c) / float64(total)
			known[i] = true
		}
	}
	// Co-occurrence within a bullet (a bullet is one idea), counted once
	// per bullet per pair, among a bullet's first 40 distinct words. The
	// count is symmetric, so each unordered pair is noted once, under its
	// smaller id: later[a] lists b once per bullet holding both.
	later := make([][]int32, len(vocab))
	seen := make([]int32, len(vocab)) // bullet number + 1 that last saw a word
	var uniq []int32
	for d, ws := range words {
		uniq = uniq[:0]
		for _, w := range ws {
			if seen[w] != int32(d+1) {
				seen[w] = int32(d + 1)
				uniq = append(uniq, w)
			}
		}
		if len(uniq) > 40 {
			uniq = uniq[:40]
		}
		for i, a := range uniq {
			if !known[a] {
				continue
			}
			for _, b := range uniq[i+1:] {
				if known[b] {
					lo, hi := min(a, b), max(a, b)
					later[lo] = append(later[lo], hi)
				}
			}
		}
	}
	n := float64(len(words))
	words = nil
	ctxs := make([][]contextEntry, len(vocab))
	for a, bs := range later {
		slices.Sort(bs)
		for i := 0; i < len(bs); {
			b, c := bs[i], 1
			for i+c < len(bs) && bs[i+c] == b {
				c++
			}
			i += c
			if c < 2 {
				continue
			}
			// PMI is symmetric too: the same value, bit for bit, either way.
			pmi := math.Log(float64(c) * n / (float64(freq[a]) * float64(freq[b])))
			if pmi > 0 {
				ctxs[a] = append(ctxs[a], contextEntry{vocab[b], float32(pmi)})
				ctxs[b] = append(ctxs[b], contextEntry{vocab[a], float32(pmi)})
			}
		}
		later[a] = nil
	}
	l.contexts = make(map[string][]contextEntry)
	for a, es := range ctxs {
		if len(es) == 0 {
			continue
		}
		slices.SortFunc(es, func(x, y contextEntry) int {
			if x.Weight != y.Weight {
				return cmp.Compare(y.Weight, x.Weight) // strongest first
			}
			return strings.Compare(x.Word, y.Word)
		})
		if len(es) > l.opts.Contexts {
			es = append([]contextEntry(nil), es[:l.opts.Contexts]...) // let the long tail go
		}
		l.contexts[vocab[a]] = es
	}
	l.model = l.identity()
	return l, nil
}

// trainSample returns at most max texts, spread evenly over texts (the
// whole corpus when it is no larger), always the same ones for the same
// texts: a large corpus teaches nothing more than a fair sample of it,
// and training time would otherwise grow with the corpus.
func trainSample(texts []string, max int) []string {
	if max <= 0 || len(texts) <= max {
		return texts
	}
	out := make([]string, max)
	for i := range out {
		out[i] = texts[i*len(texts)/max]
	}
	return out
}

// analyzed is what training reads from one text.
type analyzed struct {
	stems    []string // words less stop words, stemmed
	concepts []int    // lexicon groups found
}

// analyze tokenizes, stems and finds concepts in texts, in parallel; the
// result is in the order of texts.
func (l *Local) analyze(texts []string) []analyzed {
	out := make([]analyzed, len(texts))
	workers := runtime.GOMAXPROCS(0)
	if len(texts) < 1024 {
		workers = 1
	}
	chunk := (len(texts) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for lo := 0; lo < len(texts); lo += chunk {
		hi := min(lo+chunk, len(texts))
		wg.Add(1)
		go func() {
			defer wg.Done()
			stems := map[string]string{} // word → stem, porter stemming is the costly part
			for i := lo; i < hi; i++ {
				words := lexicon.Tokenize(texts[i])
				a := analyzed{stems: make([]string, 0, len(words))}
				for _, w := range words {
					if stopWords[w] {
						continue
					}
					s, ok := stems[w]
					if !ok {
						s = stem(w)
						stems[w] = s
					}
					a.stems = append(a.stems, s)
				}
				for _, m := range l.opts.Lexicon.FindWords(texts[i], words) {
					a.concepts = append(a.concepts, m.Group)
				}
				out[i] = a
			}
		}()
	}
	wg.Wait()
	return out
}
