package match

import (
	"context"
	"fmt"
	"math"

	"vitae"
)

// A recruiter reads "build data pipelines" as what a Data Engineer JD is
// about and "excellent written communication" as peripheral; step 6
// weighs both alike unless one names no skill, tool or role (the soft
// quarter). Weights.Core weighs each requirement by how near it is in
// meaning to the role the JD title names: its weight × (1 − Core × (1 −
// core)), core being the requirement's cosine to the role under the
// search's embedding model, relative to the JD's most central
// requirement (docs/matching.md §3, "Evidence read by the role it comes
// from"). Requirement IDF, the opposite direction, lost: the core skill
// is often the one everyone has. 0 (the default) weighs as before.

// coreOf is each requirement's closeness to the role the JD title names
// (roleTitleTexts): its best cosine to one of the role's texts, at least
// 0, divided by the JD's largest, so the most central requirement reads
// 1; nil with no title or no model, when every requirement weighs as
// before. All texts are embedded in one call.
func coreOf(ctx context.Context, emb vitae.Embedder, title string, reqs []Requirement) ([]float64, error) {
	role := roleTitleTexts(title)
	if emb == nil || len(role) == 0 || len(reqs) == 0 {
		return nil, nil
	}
	texts := make([]string, 0, len(role)+len(reqs))
	texts = append(texts, role...)
	for _, rq := range reqs {
		texts = append(texts, rq.Text)
	}
	vs, err := emb.Embed(ctx, texts, vitae.InputQuery)
	if err != nil {
		return nil, fmt.Errorf("embedding %d requirements and the role: %w", len(reqs), err)
	}
	if len(vs) != len(texts) {
		return nil, fmt.Errorf("embedding %d requirements and the role: the model answered %d vectors", len(reqs), len(vs))
	}
	core := make([]float64, len(reqs))
	var top float64
	for i := range reqs {
		for j := range role {
			core[i] = math.Max(core[i], cosine(vs[len(role)+i], vs[j]))
		}
		top = math.Max(top, core[i])
	}
	for i := range core {
		if top <= 0 {
			core[i] = 1 // nothing reads near the role: no requirement is more central
			continue
		}
		core[i] = round3(core[i] / top)
	}
	return core, nil
}

// coreFactor is the factor on requirement ri's weight: 1 with
// Weights.Core 0 or no reading of the requirements.
func (s scorer) coreFactor(ri int) float64 {
	if s.w.Core <= 0 || ri >= len(s.core) {
		return 1
	}
	return 1 - s.w.Core*(1-s.core[ri])
}

// cores reads each requirement's core (coreOf) into sc and the answer's
// requirements when Weights.Core is on. A model that fails leaves every
// requirement at its weight, and the answer says so.
func (m *Matcher) cores(ctx context.Context, jd *JobDescription, sc *scorer, res *Result) error {
	if sc.w.Core <= 0 {
		return nil
	}
	core, err := coreOf(ctx, m.emb, jd.Title, jd.Requirements)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		degrade(res, "requirements were not read by the model: "+err.Error())
		return nil
	}
	if core == nil {
		return nil
	}
	sc.core = core
	reqs := append([]Requirement(nil), res.Requirements...) // the parsed JD's stay as parsed
	for i := range reqs {
		c := core[i]
		reqs[i].Core = &c
	}
	res.Requirements = reqs
	return nil
}
