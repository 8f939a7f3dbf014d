package match

// Grader judges single (requirement, bullet) pairs by the rules a Matcher
// uses; eval measures it on labelled pairs.
type Grader struct{ z *analyzer }

// NewGrader returns a Grader comparing words with a's terms.
func NewGrader() *Grader { return &Grader{z: newAnalyzer()} }

// Grade returns how well bullet shows requirement, and its score (0..1)
// before the level thresholds.
func (g *Grader) Grade(requirement, bullet string) (Level, float64) {
	gr := judge(g.z.requirement(requirement), g.z.bullet(bullet))
	return gr.level, gr.score
}
