package search

import (
	"vitae"
	"vitae/embed"
)

// softFloor is the least base-model cosine at which another word counts
// as saying the same thing ("outage" ≈ "incident" 0.68, "costs" ≈
// "budget" 0.68); below it words are only related, and a related word is
// no evidence.
const softFloor = 0.4

// readWords keeps the query's words as the embedder reads them, with
// their SIF weights (a rare word weighs more) and base-model vectors.
func (u *Understanding) readWords(text string) {
	if u.model == nil {
		return
	}
	seen := map[string]bool{}
	words, stems := embed.AnalyzeWords(text)
	for k, w := range stems {
		if seen[w] || genericStems[w] {
			continue
		}
		seen[w] = true
		u.said = append(u.said, words[k])
		p, ok := u.model.Probability(w)
		if !ok {
			p = 1e-6
		}
		u.words = append(u.words, w)
		u.weights = append(u.weights, 1e-3/(1e-3+p))
		u.vecs = append(u.vecs, u.model.Vec(w))
	}
}

// Soft is the SIF-weighted share of the query's words that the bullet
// says, in the same word (1) or in a word the base model puts at least
// softFloor close (its cosine). Reasons name the similar words.
func (u *Understanding) Soft(text string) (float64, []vitae.Reason) {
	if len(u.words) == 0 {
		return 0, nil
	}
	words, stems := embed.AnalyzeWords(text)
	var total, got float64
	var reasons []vitae.Reason
	for i, q := range u.words {
		total += u.weights[i]
		best, by := 0.0, -1
		for k, b := range stems {
			if b == q {
				best, by = 1, -1
				break
			}
			if d := u.similarity(i, b); d >= softFloor && d > best {
				best, by = d, k
			}
		}
		got += u.weights[i] * best
		if by >= 0 {
			reasons = append(reasons, reason(u.said[i], words[by], vitae.ViaModel))
		}
	}
	return got / total, reasons
}

// similarity is the base-model cosine of query word i and a bullet's
// stem, memoised: a query's candidates share most of their words.
func (u *Understanding) similarity(i int, stem string) float64 {
	if u.vecs[i] == nil {
		return 0
	}
	key := simKey{i, stem}
	if d, ok := u.sims[key]; ok {
		return d
	}
	var d float64
	if v := u.model.Vec(stem); v != nil {
		var dot float32
		for j, x := range u.vecs[i] { // unit vectors: the dot is the cosine
			dot += x * v[j]
		}
		d = float64(dot)
	}
	if u.sims == nil {
		u.sims = map[simKey]float64{}
	}
	u.sims[key] = d
	return d
}

type simKey struct {
	word int
	stem string
}

func reason(query, matched string, via vitae.Via) vitae.Reason {
	return vitae.Reason{Query: query, Matched: matched, Via: via}
}

// genericStems are stems of verbs that say little about what was done
// (genericVerbs, as the embedder stems them).
var genericStems = func() map[string]bool {
	m := map[string]bool{}
	for w := range genericVerbs {
		for _, s := range embed.Analyze(w) {
			m[s] = true
		}
	}
	return m
}()
