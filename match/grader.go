package match

import (
	"context"
	"sync"

	"vitae"
)

// Grader judges single (requirement, bullet) pairs by the rules a Matcher
// uses; eval measures it on labelled pairs.
type Grader struct {
	emb      vitae.Embedder // with senseAt > 0: the model the gate's sense check reads with (WithSense)
	senseAt  float64
	capKinds []Kind    // the kinds whose strong the gate shows partial (Options.StrongCap)
	learned  bool      // the learned strong gate (Options.LearnedGate; GradeAt)
	ctx      *analyzer // the context rules the learned gate reads with; made when first needed
	mu       sync.Mutex
	err      error // the model's first failure (Err)

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
		g.capKinds = opts.StrongCap
		g.learned = opts.LearnedGate
		return g
	}
	return NewGrader()
}

// WithSense makes the strong gate's strong grades also need a cosine of
// at least at between the requirement and the bullet under emb
// (Options.StrongSense); it changes nothing without the gate or with at
// 0. It returns g.
func (g *Grader) WithSense(emb vitae.Embedder, at float64) *Grader {
	g.emb, g.senseAt = emb, at
	return g
}

// Grade returns how well bullet shows requirement, and its score (0..1)
// before the level thresholds.
func (g *Grader) Grade(requirement, bullet string) (Level, float64) {
	var s *gate
	if g.gate != nil {
		s = newGate(g.gate, []string{requirement}, g.capKinds)
		if g.emb != nil && g.senseAt > 0 {
			// A requirement the model cannot read leaves no strong grade
			// standing, as a bullet it cannot read does; after the first
			// failure the model is not asked again (Err says why).
			sc := &senseCheck{err: g.Err()}
			if sc.err == nil {
				var err error
				if sc, err = newSenseCheck(context.Background(), g.emb, g.senseAt, []string{requirement}); err != nil {
					sc = &senseCheck{err: err}
				}
			}
			s.sense = sc
		}
	}
	r, b := g.z.requirement(requirement), g.z.bullet(bullet)
	gr := g.z.conjoin(r, b, bullet, gated(s, 0, r, b, bullet), nil)
	if s != nil && s.sense != nil {
		if err := s.sense.failed(); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
		}
	}
	return gr.level, gr.score
}

// Err is the first failure of the model of WithSense, nil for none: the
// grades after it have no strong grade the gate would have needed the
// model for, so a measurement of them is not one of the rules.
func (g *Grader) Err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}
