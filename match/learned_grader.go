package match

import "context"

// Reading is what the learned strong gate reads of one pair: its
// features, and the levels of the older rules and of the strong gate.
type Reading struct {
	Features     []float64
	Older, Gated Level
}

// Read describes a pair as the learned gate reads it, bullet placed at pl
// in its résumé; the gate's level is that of the strict rules' gate
// without the model's checks.
func (g *Grader) Read(requirement, bullet string, pl Place) Reading {
	rd, _ := g.read(requirement, bullet, pl)
	return rd
}

// GradeAt is Grade for a bullet placed at pl in its résumé: with the
// learned gate, a strong of the strong gate the model does not keep is
// partial.
func (g *Grader) GradeAt(requirement, bullet string, pl Place) (Level, float64) {
	lv, score := g.Grade(requirement, bullet)
	if !g.learned || g.gate == nil || lv != Strong {
		return lv, score
	}
	if rd, _ := g.read(requirement, bullet, pl); learnedModel.Prob(rd.Features) < learnedAt {
		return Partial, score
	}
	return lv, score
}

func (g *Grader) read(requirement, bullet string, pl Place) (Reading, float64) {
	g.mu.Lock()
	if g.ctx == nil {
		g.ctx = contextAnalyzer()
	}
	zs := g.gate
	if zs == nil {
		zs = newAnalyzer(true) // a Grader without the gate: the level the gate would give
	}
	g.mu.Unlock()
	strict := newGate(zs, []string{requirement}, nil)
	var sc *senseCheck
	if g.emb != nil {
		sc = &senseCheck{err: g.Err()}
		if sc.err == nil {
			var err error
			if sc, err = newSenseCheck(context.Background(), g.emb, 0, []string{requirement}); err != nil {
				sc = &senseCheck{err: err}
			}
		}
	}
	l := newLearnedGate(g.ctx, strict.reqs, []string{requirement}, sc)
	dr, b := g.z.requirement(requirement), g.z.bullet(bullet)
	d := judge(dr, b)
	gd := gated(strict, 0, dr, b, bullet)
	rd := Reading{Features: l.features(0, dr, d, b, bullet, pl), Older: d.level, Gated: gd.level}
	if err := sc.failed(); err != nil {
		g.mu.Lock()
		if g.err == nil {
			g.err = err
		}
		g.mu.Unlock()
	}
	return rd, gd.score
}
