package match

// Signals is what the rules read of one (requirement, bullet) pair, as
// numbers: the inputs of the strong model (strongmodel.go) and what eval
// dumps to fit it. Each rule set grades the pair on its own; the rest
// describes how the default rules' best match carries the requirement.
type Signals struct {
	Older, Strict, Context Level   // the default rules', the strict rules', the strict and context rules' levels
	Score, StrictScore     float64 // the default and strict rules' scores (0..1)
	Matched, Parts         int     // the requirement's parts the default rules' match carries, of its parts
	Skill, Verbatim        bool    // the skill slot is filled, by a word the requirement writes
	Action                 bool    // the requirement asks for an action and the bullet shows it
	AsksAction             bool    // the requirement asks for an action
	Clause                 bool    // the default rules' best match is one clause of a list, not the whole
	Clauses                int     // how many clauses the requirement joins
	Near                   bool    // the strict rules' carried words are said within nearWords of each other
	List, Hedged, Describe bool    // the bullet lists tools, hedges, describes a company or product
	Passing                bool    // the bullet names a skill only in passing
}

// signalReaders holds the three rule sets Signals reads with.
type signalReaders struct{ older, strict, context *analyzer }

func newSignalReaders() *signalReaders {
	c := newAnalyzer(true)
	c.context = true
	return &signalReaders{older: newAnalyzer(false), strict: newAnalyzer(true), context: c}
}

// read grades one pair by each rule set.
func (s *signalReaders) read(req, bullet string) Signals {
	r, b := s.older.requirement(req), s.older.bullet(bullet)
	g := judge(r, b)
	sr, sb := s.strict.requirement(req), s.strict.bullet(bullet)
	sg := judge(sr, sb)
	cg := judge(s.context.requirement(req), s.context.bullet(bullet))
	sig := Signals{
		Older: g.level, Strict: sg.level, Context: cg.level,
		Score: g.score, StrictScore: sg.score,
		Matched: g.matched, Parts: g.parts,
		Skill: g.skill, Verbatim: g.verbatim,
		AsksAction: len(r.actions) > 0,
		Clause:     g.clause,
		Clauses:    len(r.clauses),
		Near:       near(sb, sg.hit, nearWords),
		List:       b.list, Hedged: sb.hedged, Describe: s.context.bullet(bullet).describes,
		Passing: len(b.passing) > 0,
	}
	for a := range r.actions {
		if b.actions[a] {
			sig.Action = true
		}
	}
	return sig
}

// Signals returns what the rules read of a pair (see Signals).
func (g *Grader) Signals(requirement, bullet string) Signals {
	if g.sig == nil {
		g.sig = newSignalReaders()
	}
	return g.sig.read(requirement, bullet)
}
