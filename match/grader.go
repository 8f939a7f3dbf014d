package match

// Grader judges single (requirement, bullet) pairs by the rules a Matcher
// uses; eval measures it on labelled pairs.
type Grader struct{ z *analyzer }

// NewGrader returns a Grader with the default rules.
func NewGrader() *Grader { return &Grader{z: newAnalyzer(false)} }

// NewStrictGrader returns a Grader with the strict rules of
// Options.StrictEvidence.
func NewStrictGrader() *Grader { return &Grader{z: newAnalyzer(true)} }

// Grade returns how well bullet shows requirement, and its score (0..1)
// before the level thresholds.
func (g *Grader) Grade(requirement, bullet string) (Level, float64) {
	gr := judge(g.z.requirement(requirement), g.z.bullet(bullet))
	return gr.level, gr.score
}
