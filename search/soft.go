package search

import (
	"vitae"
	"vitae/embed"
	"vitae/lexicon"
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
	return u.softWords(lexicon.Tokenize(text))
}

// softWords is Soft of a text's words (lexicon.Tokenize).
func (u *Understanding) softWords(words []string) (float64, []vitae.Reason) {
	if len(u.words) == 0 {
		return 0, nil
	}
	best := make([]float64, len(u.words))
	by := make([]string, len(u.words)) // the bullet word that came closest, if not the same
	for _, w := range words {
		sims := u.similarities(w)
		for i, d := range sims {
			if d > best[i] {
				best[i], by[i] = d, w
				if d == 1 {
					by[i] = ""
				}
			}
		}
	}
	var total, got float64
	var reasons []vitae.Reason
	for i := range u.words {
		total += u.weights[i]
		got += u.weights[i] * best[i]
		if by[i] != "" {
			reasons = append(reasons, reason(u.said[i], by[i], vitae.ViaModel))
		}
	}
	return got / total, reasons
}

// similarities is how close one bullet word is to each query word: 1 for
// the same stem, the base-model cosine when at least softFloor, else 0.
// Memoised by the word as written: a query's candidates share most of
// their words, and stemming is the costly part.
func (u *Understanding) similarities(w string) []float64 {
	if d, ok := u.sims[w]; ok {
		return d
	}
	var out []float64
	if !embed.StopWord(w) {
		stem := embed.Stem(w)
		var v []float32
		for i, q := range u.words {
			d := 0.0
			switch {
			case stem == q:
				d = 1
			case u.vecs[i] != nil:
				if v == nil {
					if v = u.model.Vec(stem); v == nil {
						continue
					}
				}
				var dot float32
				qv := u.vecs[i]
				bv := v[:len(qv)]      // one bounds check, not one a dimension
				for j, x := range qv { // unit vectors: the dot is the cosine
					dot += x * bv[j]
				}
				if float64(dot) >= softFloor {
					d = float64(dot)
				}
			}
			if d > 0 {
				if out == nil {
					out = make([]float64, len(u.words))
				}
				out[i] = d
			}
		}
	}
	if u.sims == nil {
		u.sims = map[string][]float64{}
	}
	u.sims[w] = out
	return out
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
