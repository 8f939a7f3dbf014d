package match

import (
	"context"
	"fmt"
	"math"
	"time"

	"vitae"
)

// Role sense reads a role title for its meaning, where role words
// (rolefit.go) read its words: a "DevOps Engineer" shares no word with
// "Site Reliability Engineer (SRE)" once "engineer" is discounted, and a
// "Data Engineer" none with "Analytics Engineer", yet a recruiter reads
// both as near the role. The search's embedding model places titles of
// one kind of work close together, so the cosine of a role title and
// the JD's role says how near they are; a cosine below
// Weights.RoleSenseFrom is what unrelated titles score under the
// built-in model ("Machine Learning Engineer" and "Frontend Engineer"
// 0.07, "Analytics Engineer" and "Software Engineer" 0.25) and counts 0.

// embedding is a Backend that says which model embeds its queries
// (*search.Engine); without it, or with a keyword-only engine, role
// sense is 0 and role fit is as before it.
type embedding interface {
	Embedder() vitae.Embedder
}

// roleSense scores each résumé's work roles by meaning against the role
// the JD title names (roleTitleTexts: the role without level words, and
// its other names in parentheses): the best over a résumé's roles of
// max(0, (cos − from) / (1 − from)) × the role's recency factor (as role
// words: 1 − w.Recency × (1 − 0.5^(t / half-life)) for a role that ended
// t years ago), cos being the best cosine between the role's title (as
// written, and its role alone: roleTitleTexts) and one of the JD's role
// texts. All titles are embedded in one call.
func roleSense(ctx context.Context, emb vitae.Embedder, title string, resumes map[string]*vitae.Resume, w Weights, now time.Time) (map[string]float64, error) {
	return roleSenses(ctx, emb, title, resumes, w, now, nil)
}

// roleSenses is roleSense; byTitle, when not nil, also gets each work
// role title's sense before the role's recency (roleevidence.go).
func roleSenses(ctx context.Context, emb vitae.Embedder, title string, resumes map[string]*vitae.Resume, w Weights, now time.Time, byTitle map[string]float64) (map[string]float64, error) {
	sense := map[string]float64{}
	want := roleTitleTexts(title)
	if emb == nil || len(want) == 0 || w.RoleSense <= 0 {
		return sense, nil
	}
	type role struct {
		texts []int // indexes into texts
		age   float64
		title string
	}
	texts := append([]string(nil), want...)
	at := map[string]int{}
	for i, t := range want {
		at[t] = i
	}
	textOf := func(s string) int {
		if i, ok := at[s]; ok {
			return i
		}
		at[s] = len(texts)
		texts = append(texts, s)
		return len(texts) - 1
	}
	roles := map[string][]role{}
	titled := func(title string, age float64) role {
		r := role{texts: []int{textOf(title)}, age: age, title: title}
		for _, t := range roleTitleTexts(title) {
			r.texts = append(r.texts, textOf(t))
		}
		return r
	}
	for id, rr := range resumes {
		type held struct {
			role string
			p    vitae.Period
		}
		seen := map[held]bool{}
		for _, b := range rr.Bullets {
			p := vitae.PeriodOf(b)
			if b.Role == "" || b.Section != vitae.SectionWork || seen[held{b.Role, p}] {
				continue
			}
			seen[held{b.Role, p}] = true
			roles[id] = append(roles[id], titled(b.Role, 1-w.Recency*(1-recency(p, w.RecencyHalfLife, now))))
		}
		if rr.Label != "" { // the headline, as current as their latest role (roleWords)
			roles[id] = append(roles[id], titled(rr.Label, 1))
		}
	}
	vs, err := emb.Embed(ctx, texts, vitae.InputQuery)
	if err != nil {
		return sense, fmt.Errorf("embedding %d role titles: %w", len(texts), err)
	}
	if len(vs) != len(texts) {
		return sense, fmt.Errorf("embedding %d role titles: the model answered %d vectors", len(texts), len(vs))
	}
	near := make([]float64, len(texts)) // each text's best cosine to the JD's role
	for i := range texts {
		for j := range want {
			near[i] = math.Max(near[i], cosine(vs[i], vs[j]))
		}
	}
	familyFloor(near, texts, want, w.RoleFamily)
	from := math.Min(w.RoleSenseFrom, 0.99)
	for id, rs := range roles {
		for _, r := range rs {
			var c float64
			for _, i := range r.texts {
				c = math.Max(c, near[i])
			}
			sense[id] = math.Max(sense[id], r.age*math.Max(0, (c-from)/(1-from)))
			if byTitle != nil {
				byTitle[r.title] = math.Max(byTitle[r.title], math.Max(0, (c-from)/(1-from)))
			}
		}
	}
	return sense, nil
}

// cosine is the cosine of two vectors; 0 when either is zero.
func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range min(len(a), len(b)) {
		x, y := float64(a[i]), float64(b[i])
		dot += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}
