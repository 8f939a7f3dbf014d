package match

import "vitae"

// Evidence is the best bullet per requirement, wherever in the résumé it
// is; a data analyst's "built data pipelines" counts for a Data Engineer
// JD as much as a data engineer's. Role fit (step 7) reads only the best
// role, so a generalist whose one fitting role sits beside bullets from
// others gets full credit for words their unrelated roles share with the
// JD. Weights.RoleEvidence reads each piece of evidence by the role it
// comes from: its credit × (1 − RoleEvidence × (1 − fit)), fit being the
// role fit of that role alone (docs/matching.md §3, "Evidence read by the
// role it comes from"). 0 (the default) is the credit as before.

// titleFits is each of r's work role titles' fit to the JD's role, read
// as role fit reads the résumé's best role (roleFitOf) from that title's
// words and sense alone (before recency: the credit has its own); f is
// the résumé's role score, whose share and title search every role
// shares. words and sense are the pool's titles' readings (roleWords,
// roleSenses).
func titleFits(r *vitae.Resume, f roleScore, words, sense map[string]float64, w Weights) map[string]float64 {
	out := map[string]float64{}
	for _, b := range r.Bullets {
		if b.Role == "" || b.Section != vitae.SectionWork {
			continue
		}
		if _, ok := out[b.Role]; !ok {
			out[b.Role] = roleFitOf(round3(words[b.Role]), f.share, round3(sense[b.Role]), f.search, w)
		}
	}
	return out
}

// fromRole is the fit of the role bullet b comes from: its work role's
// (titleFits), else — a summary, a headline, a project — the best of the
// résumé's work roles' fits read the same way (un-aged, from the title
// alone), so evidence outside any role counts no more than the best
// role's would and is not cut by recency the role bullets escape; the
// résumé's role fit without work roles.
func (s scorer) fromRole(b vitae.Bullet) float64 {
	if b.Role != "" && b.Section == vitae.SectionWork {
		if fit, ok := s.role.byTitle[b.Role]; ok {
			return fit
		}
	}
	if len(s.role.byTitle) == 0 {
		return s.role.fit
	}
	best := 0.0
	for _, fit := range s.role.byTitle {
		best = max(best, fit)
	}
	return best
}

// roleFactor is the factor on the credit of evidence from a role of the
// given fit: 1 with Weights.RoleEvidence 0.
func (s scorer) roleFactor(fit float64) float64 {
	return 1 - s.w.RoleEvidence*(1-fit)
}

// evidenceWeights are Weights.RoleEvidence and Weights.Core of a match:
// the options', none for a JD without a title (no role to read evidence
// or requirements by), role evidence none with role fit ablated (it is
// role fit's reading of each role), and each 0 when its own ablation
// ("role-evidence", "core") is named.
func evidenceWeights(o Options, title string) (roleEvidence, core float64) {
	if title == "" {
		return 0, 0
	}
	roleEvidence, core = clampShare(o.RoleEvidence, 1), clampShare(o.Core, maxCore)
	if o.ablated("role-evidence") || o.ablated("role-fit") {
		roleEvidence = 0
	}
	if o.ablated("core") {
		core = 0
	}
	return roleEvidence, core
}

// maxCore is the most Weights.Core takes: at 1 a requirement that is not
// core would weigh nothing (match.core_weight refuses 1).
const maxCore = 0.99

// clampShare is x within 0..hi; NaN is 0 (min and max let it through,
// and a NaN share makes every score NaN).
func clampShare(x, hi float64) float64 {
	if !(x > 0) {
		return 0
	}
	return min(hi, x)
}

// roleEvidenceDefinition ends FitDefinition in the answers of a match
// that reads evidence by its role.
const roleEvidenceDefinition = " Evidence from a role counts × (1 − role_evidence × (1 − that role's fit)) (matched[].role_fit)."
