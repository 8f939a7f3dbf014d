package match

import "slices"

// gate holds the strict rules' reading of a JD for the strong gate
// (Options.StrongGate): evidence is graded by the default rules, and a
// strong grade stands only when the strict rules call it strong too. The
// strict rules' other effect — one plain word shared with a short
// requirement graded partial instead of none — flattened the ranking of
// the training JDs (docs/matching.md, "The strong gate"), so the gate
// never promotes.
type gate struct {
	z     *analyzer
	reqs  []*reqParts // the strict rules' parts of each requirement
	sense *senseCheck // the model must agree too (Options.StrongSense); nil: no check
	// learned must keep the strong picks too (Options.LearnedGate); nil: no check.
	learned *learnedGate
	// capped[i]: requirement i is of a kind whose strong grade is shown
	// partial (Options.StrongCap).
	capped []bool
}

// newGate reads the requirements with the strict rules; a requirement of
// a kind in capKinds never shows strong.
func newGate(z *analyzer, texts []string, capKinds []Kind) *gate {
	g := &gate{z: z, reqs: make([]*reqParts, len(texts)), capped: make([]bool, len(texts))}
	for i, t := range texts {
		g.reqs[i] = z.requirement(t)
		g.capped[i] = len(capKinds) > 0 && slices.Contains(capKinds, kindOf(t, g.reqs[i]))
	}
	return g
}

// demotes reports whether the strict rules call a bullet the default
// rules graded strong for requirement ri less than strong, or the model
// finds the two far apart in meaning, or the requirement's kind is capped;
// bySense: only the model or the kind demoted it (shown partial, credited
// strong).
func (g *gate) demotes(ri int, text string) (demoted, bySense bool) {
	if judge(g.reqs[ri], g.z.bullet(text)).level != Strong {
		return true, false
	}
	if g.capped[ri] {
		return true, true
	}
	far := g.sense != nil && !g.sense.near(ri, text)
	return far, far
}

// gated is judge by the default rules with the strict rules' strong
// checks on top; s may be nil (no gate). A bullet that describes a
// company, product or project as it is ("It is IT solutions Provider
// Company …") is no evidence under the context rules: it says what
// someone else is or does, not what the candidate did (describesOther).
func gated(s *gate, ri int, r *reqParts, b *textParts, text string) grade {
	g := judge(r, b)
	if g.level != None && s != nil && s.z.context && b.other {
		return grade{}
	}
	if g.level == Strong && s != nil {
		if d, bySense := s.demotes(ri, text); d {
			g.level, g.demoted, g.bySense = Partial, true, bySense
		}
	}
	return g
}
