package match

import "sort"

// Rescore is the score a candidate's explain gives under other weights
// of the adjustment — role fit, years, title search, title sense, length
// (docs/matching.md §2 step 7) — with the evidence as graded. Weights can
// then be chosen over one graded pool, by the arithmetic the matcher
// ranks with (eval.LeaveOneJDOut), without grading every résumé again.
// The parts in explain are rounded to 3 decimals, so the score of the
// answer's own weights comes back within about 0.001.
func Rescore(ex Explain, w Weights) float64 {
	fit := roleFitOf(ex.RoleWords, ex.RoleWordsShare, ex.RoleSense, ex.TitleSearch, w)
	if ex.RoleUnknown {
		fit = unknownRoleFit
	}
	adj := round3(adjust(fit, ex.YearsFit, w) * round3(lengthFactor(ex.Bullets, w)))
	score := round3(ex.Evidence * adj)
	if w.Feedback > 0 {
		var sim float64 // a candidate below the feedback's depth reads 0
		if ex.Feedback != nil {
			sim = *ex.Feedback
		}
		score = round3(score * feedbackFactor(sim, w))
	}
	return score
}

// roleFitOf is step 7's role fit from its parts: the mean of title words
// and title sense, at least a share of the title search. Title words
// weigh share (0..1) beside sense's w.RoleSense: the share of the JD
// role's words some pooled title carries. Words that no title carries
// cannot be read from titles ("analytics" of "Analytics Engineer": then
// every engineer carries all the words left), so the model's reading of
// the titles counts for more; without a model, words alone.
func roleFitOf(words, share, sense, search float64, w Weights) float64 {
	fit := words
	if w.RoleSense > 0 {
		fit = (share*words + w.RoleSense*sense) / (share + w.RoleSense)
	}
	return max(fit, w.TitleSearch*search)
}

// adjust is step 7's adjustment before length. Role fit and years can
// take off RoleFit + Experience (over 1): a score below 0 would rank more
// evidence lower.
func adjust(roleFit, yearsFit float64, w Weights) float64 {
	return max(0, 1-w.RoleFit*(1-roleFit)-w.Experience*(1-yearsFit))
}

// Order ranks candidates as an answer does: those with evidence for a
// must-have first, then by score, then by résumé ID (one order for every
// run). No adjustment lifts a candidate over one with must-have evidence.
func Order(cs []Candidate) {
	sort.SliceStable(cs, func(a, b int) bool {
		ca, cb := cs[a], cs[b]
		if ca.Explain.MustEvident != cb.Explain.MustEvident {
			return ca.Explain.MustEvident
		}
		if ca.Score != cb.Score {
			return ca.Score > cb.Score
		}
		return ca.ResumeID < cb.ResumeID
	})
}

// DefaultWeights are the weights a match applies unless a part is off
// (no title, no model, an ablation).
func DefaultWeights() Weights { return defaultWeights }
