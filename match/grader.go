package match

// Grader judges single (requirement, bullet) pairs by the rules a Matcher
// uses; eval measures it on labelled pairs.
type Grader struct {
	z    *analyzer
	gate *analyzer // the strict rules' strong checks (NewGateGrader); nil: none
}

// NewGrader returns a Grader with the default rules.
func NewGrader() *Grader { return &Grader{z: newAnalyzer(false)} }

// NewStrictGrader returns a Grader with the strict rules of
// Options.StrictEvidence.
func NewStrictGrader() *Grader { return &Grader{z: newAnalyzer(true)} }

// NewGateGrader returns a Grader with the default rules whose strong
// grades must pass the strict rules' too (Options.StrongGate).
func NewGateGrader() *Grader { return &Grader{z: newAnalyzer(false), gate: newAnalyzer(true)} }

// NewGraderFor returns the Grader a Matcher with opts uses: the strict
// rules with StrictEvidence, else the strong gate with StrongGate, else
// the default rules; the strict rules read context with ContextEvidence.
func NewGraderFor(opts Options) *Grader {
	switch {
	case opts.StrictEvidence:
		g := NewStrictGrader()
		g.z.context = opts.ContextEvidence
		return g
	case opts.StrongGate:
		g := NewGateGrader()
		g.gate.context = opts.ContextEvidence
		return g
	}
	return NewGrader()
}

// Grade returns how well bullet shows requirement, and its score (0..1)
// before the level thresholds.
func (g *Grader) Grade(requirement, bullet string) (Level, float64) {
	var s *gate
	if g.gate != nil {
		s = newGate(g.gate, []string{requirement})
	}
	gr := gated(s, 0, g.z.requirement(requirement), g.z.bullet(bullet), bullet)
	return gr.level, gr.score
}
