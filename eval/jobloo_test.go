package eval

import (
	"testing"

	"vitae/match"
)

// pooledJob is a pool of two candidates with the same evidence: "fit"
// has the JD's role, graded good; "off" does not and has fewer bullets,
// graded as the job says.
func pooledJob(id string, offGrade int) PooledJob {
	w := match.DefaultWeights()
	cand := func(rid string, roleWords float64, bullets int) match.Candidate {
		ex := match.Explain{Evidence: 0.5, RoleWords: roleWords, RoleWordsShare: 1, RoleSense: roleWords, YearsFit: 1, Bullets: bullets, MustEvident: true}
		return match.Candidate{ResumeID: rid, Explain: ex, Score: match.Rescore(ex, w)}
	}
	return PooledJob{ID: id, Weights: w, Grades: map[string]int{"fit": 2, "off": offGrade},
		Candidates: []match.Candidate{cand("fit", 0.2, 100), cand("off", 0, 5)}}
}

// The configured weights rank "fit" first: it loses when role fit weighs
// little; a setting that only one job likes is not picked for it when it
// is held out.
func TestLeaveOneJDOut(t *testing.T) {
	conf := SettingOf(match.DefaultWeights())
	weak := conf
	weak.RoleFit = 0.1 // role fit weighs little: the short résumé wins
	grid := []Setting{conf, weak}

	// "off" is the better candidate in every job: every fold picks weak.
	all := []PooledJob{pooledJob("a", 2), pooledJob("b", 2), pooledJob("c", 2)}
	for _, p := range all {
		p.Grades["fit"] = 1
	}
	loo := LeaveOneJDOut(all, grid, conf)
	if loo.Up != 3 || loo.Down != 0 || loo.Mean <= loo.Configured || loo.Best != weak {
		t.Errorf("all jobs prefer weak: %+v", loo)
	}
	for _, r := range loo.Rows {
		if r.Pick != weak {
			t.Errorf("fold %s picked %+v, want weak", r.ID, r.Pick)
		}
	}

	// Only job "a" prefers weak: held out, it gets the others' choice.
	one := []PooledJob{pooledJob("a", 2), pooledJob("b", 0), pooledJob("c", 0)}
	one[0].Grades["fit"] = 0
	loo = LeaveOneJDOut(one, grid, conf)
	if loo.Rows[0].Pick != conf || loo.Rows[0].Held != loo.Rows[0].Configured || loo.Up != 0 {
		t.Errorf("one job's preference carried over: %+v", loo)
	}
	if loo.Mean != loo.Configured {
		t.Errorf("LOO %v, configured %v: want equal", loo.Mean, loo.Configured)
	}
}

// Grid: the configured setting first and once, every combination after.
func TestGrid(t *testing.T) {
	conf := SettingOf(match.DefaultWeights())
	g := Grid(conf, []float64{0.8, conf.RoleFit}, nil, []float64{0.1, conf.TitleSearch}, nil, nil)
	if len(g) != 4 || g[0] != conf {
		t.Fatalf("grid %+v: want 4 settings, configured first", g)
	}
	seen := map[Setting]bool{}
	for _, s := range g {
		if seen[s] {
			t.Errorf("setting %+v twice", s)
		}
		seen[s] = true
		if s.Experience != conf.Experience || s.RoleSense != conf.RoleSense || s.Length != conf.Length {
			t.Errorf("setting %+v moved a weight not gridded", s)
		}
	}
}

// A part the answer switched off (an ablation, no title, no model) stays
// off under every setting: years too.
func TestSettingKeepsPartsOff(t *testing.T) {
	conf := SettingOf(match.DefaultWeights())
	off := match.DefaultWeights()
	off.Experience, off.RoleSense = 0, 0
	w := conf.apply(off)
	if w.Experience != 0 || w.RoleSense != 0 {
		t.Errorf("switched-off parts turned on: experience %v, role sense %v", w.Experience, w.RoleSense)
	}
	if w.RoleFit != conf.RoleFit || w.Length != conf.Length {
		t.Errorf("parts on lost their setting: %+v", w)
	}
}

// Under the answer's own weights the pool keeps the answer's order, even
// where rescoring its rounded parts would order a near tie the other way.
func TestRankPooledKeepsTheAnswer(t *testing.T) {
	p := pooledJob("a", 2)
	c0, c1 := &p.Candidates[0], &p.Candidates[1]
	if match.Rescore(c0.Explain, p.Weights) > match.Rescore(c1.Explain, p.Weights) {
		c0, c1 = c1, c0
	}
	c0.Score, c1.Score = 0.3001, 0.3 // the answer had c0 first, rescoring has c1
	if got := RankPooled(p, SettingOf(p.Weights)); got[0] != c0.ResumeID {
		t.Errorf("ranked %v under the answer's weights, want the answer's order (%s first)", got, c0.ResumeID)
	}
}

// WithFeedback: each setting at each feedback weight, the configured one
// first and once; a pool graded without feedback read ranks the same at
// every feedback weight, one graded with it is re-scored by it.
func TestWithFeedback(t *testing.T) {
	conf := SettingOf(match.DefaultWeights())
	weak := conf
	weak.RoleFit = 0.1
	g := WithFeedback([]Setting{conf, weak}, []float64{0, 0.5})
	if len(g) != 4 || g[0] != conf {
		t.Fatalf("grid %+v: want 4 settings, configured first", g)
	}
	if got := WithFeedback([]Setting{conf, weak}, nil); len(got) != 2 {
		t.Errorf("no feedback values: %+v, want the grid as is", got)
	}
	loud := conf
	loud.Feedback = 1
	// "fit" (first at the configured weights) reads far from the
	// feedback profile, "off" near it.
	sims := map[string]float64{"fit": 0, "off": 1}
	read := pooledJob("a", 2)
	read.Weights.FeedbackTop = 5
	for i := range read.Candidates {
		s := sims[read.Candidates[i].ResumeID]
		read.Candidates[i].Explain.Feedback = &s
	}
	if got := RankPooled(read, conf); got[0] != "fit" {
		t.Errorf("feedback read, weight 0: %v, want fit first", got)
	}
	if got := RankPooled(read, loud); got[0] != "off" {
		t.Errorf("feedback read, weight 1: %v, want off first", got)
	}
	unread := pooledJob("a", 2)
	if a, b := RankPooled(unread, conf), RankPooled(unread, loud); a[0] != b[0] {
		t.Errorf("no feedback read: %v at weight 0, %v at weight 1", a, b)
	}
}
