package match

import "math"

// A candidate's evidence for a requirement is their best bullet for it,
// and role fit their best role title: the more bullets and roles a
// résumé has, the more chances one of them meets a requirement by a
// shared word, whatever the person did. On the 22 training JDs
// (docs/matching.md, "Long résumés match by chance") the judged
// non-matches had more bullets than the matches, and the same few long
// résumés sat in the top 10 of unrelated jobs. The length factor takes
// that chance back, as a search engine normalises a long document's term
// counts: a résumé of up to Weights.LengthFrom bullets keeps its score,
// a longer one keeps (LengthFrom / bullets)^Weights.Length of it.

// lengthFactor is min(1, w.LengthFrom / bullets)^w.Length; 1 when
// either weight is 0 (the length ablation).
func lengthFactor(bullets int, w Weights) float64 {
	if w.Length <= 0 || w.LengthFrom <= 0 || float64(bullets) <= w.LengthFrom {
		return 1
	}
	return math.Pow(w.LengthFrom/float64(bullets), w.Length)
}
