package eval

import (
	"context"
	"fmt"

	"vitae/match"
)

// PooledJob is one job's graded pool: every candidate the matcher
// graded for it, with their explain, the weights of the answer and the
// set's grades.
type PooledJob struct {
	ID         string            `json:"id"`
	Grades     map[string]int    `json:"grades"`
	Weights    match.Weights     `json:"weights"`
	Candidates []match.Candidate `json:"candidates"`
}

// PoolJobs grades each job's pool once: the matcher's answer with up to
// limit candidates (its Pool; the matcher's MaxLimit must allow it).
func PoolJobs(ctx context.Context, m Matcher, jobs []Job, limit int) ([]PooledJob, error) {
	out := make([]PooledJob, 0, len(jobs))
	for _, j := range jobs {
		res, err := m.Match(ctx, match.Request{JobDescription: j.JobDescription, Limit: limit})
		if err != nil {
			return nil, fmt.Errorf("pool job %s: %w", j.ID, err)
		}
		p := PooledJob{ID: j.ID, Grades: map[string]int{}, Weights: res.Weights, Candidates: res.Candidates}
		for _, g := range j.Judgments {
			p.Grades[g.Resume] = g.Grade
		}
		out = append(out, p)
	}
	return out, nil
}

// Setting is one point of a grid over the adjustment's weights
// (docs/matching.md §2 step 7).
type Setting struct {
	RoleFit, Experience, TitleSearch, RoleSense, Length float64
	// Feedback is candidate feedback's weight (match.Weights.Feedback):
	// it applies to a pool graded with feedback read (FeedbackTop > 0),
	// the similarities of the first ranking at the answer's weights kept.
	Feedback float64
}

// SettingOf is the setting of an answer's weights.
func SettingOf(w match.Weights) Setting {
	return Setting{RoleFit: w.RoleFit, Experience: w.Experience, TitleSearch: w.TitleSearch, RoleSense: w.RoleSense, Length: w.Length, Feedback: w.Feedback}
}

// apply puts s into a job's weights; a part the answer switched off (no
// title, no model, an ablation) stays off.
func (s Setting) apply(w match.Weights) match.Weights {
	set := func(to *float64, v float64) {
		if *to > 0 {
			*to = v
		}
	}
	set(&w.RoleFit, s.RoleFit)
	set(&w.TitleSearch, s.TitleSearch)
	set(&w.RoleSense, s.RoleSense)
	set(&w.Length, s.Length)
	set(&w.Experience, s.Experience)
	if w.FeedbackTop > 0 { // feedback was read: any weight, 0 too
		w.Feedback = s.Feedback
	}
	return w
}

// RankPooled is the ranking of p's pool under s, as the matcher would
// give it (match.Rescore, match.Order). Under the answer's own weights
// the answer's scores are kept: Rescore reads rounded parts, and a near
// tie must not flip against the ranking it stands for.
func RankPooled(p PooledJob, s Setting) []string {
	w := s.apply(p.Weights)
	cs := append([]match.Candidate(nil), p.Candidates...)
	if w != p.Weights {
		for i := range cs {
			cs[i].Score = match.Rescore(cs[i].Explain, w)
		}
	}
	match.Order(cs)
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ResumeID
	}
	return ids
}

// FoldRow is one job held out: its nDCG@10 under the setting the other
// jobs picked and under the configured one.
type FoldRow struct {
	ID         string  `json:"id"`
	Pick       Setting `json:"pick"`
	Held       float64 `json:"ndcg@10"`
	Configured float64 `json:"configured_ndcg@10"`
}

// LeaveOneOut is the outcome of choosing a setting with each job left
// out in turn.
type LeaveOneOut struct {
	Jobs       int       `json:"jobs"`
	Settings   int       `json:"settings"`
	Mean       float64   `json:"ndcg@10"`            // held-out jobs' mean under their fold's pick
	Configured float64   `json:"configured_ndcg@10"` // the same jobs under the configured setting
	Best       Setting   `json:"best"`               // the pick over all jobs (in-sample)
	BestMean   float64   `json:"best_ndcg@10"`
	Up         int       `json:"up"`   // held-out jobs more than 0.005 above configured
	Down       int       `json:"down"` // … below
	Rows       []FoldRow `json:"rows,omitempty"`
}

// LeaveOneJDOut picks, for each job, the setting of grid with the best
// mean nDCG@10 over the other jobs (ties go to the earlier setting:
// put the configured one first) and scores the job left out with it:
// a gain that holds is not one job's.
func LeaveOneJDOut(pooled []PooledJob, grid []Setting, configured Setting) LeaveOneOut {
	n := len(pooled)
	out := LeaveOneOut{Jobs: n, Settings: len(grid)}
	if n == 0 || len(grid) == 0 {
		return out
	}
	score := make([][]float64, len(grid)) // [setting][job]
	sums := make([]float64, len(grid))
	for s, set := range grid {
		score[s] = make([]float64, n)
		for j, p := range pooled {
			score[s][j] = Score(RankPooled(p, set), p.Grades).NDCG10
			sums[s] += score[s][j]
		}
	}
	best := 0
	for s := range grid {
		if sums[s] > sums[best]+1e-12 {
			best = s
		}
	}
	out.Best, out.BestMean = grid[best], sums[best]/float64(n)
	for j, p := range pooled {
		pick := 0
		for s := range grid {
			if sums[s]-score[s][j] > sums[pick]-score[pick][j]+1e-12 {
				pick = s
			}
		}
		conf := Score(RankPooled(p, configured), p.Grades).NDCG10
		row := FoldRow{ID: p.ID, Pick: grid[pick], Held: score[pick][j], Configured: conf}
		out.Mean += row.Held
		out.Configured += conf
		switch {
		case row.Held > conf+0.005:
			out.Up++
		case row.Held < conf-0.005:
			out.Down++
		}
		out.Rows = append(out.Rows, row)
	}
	out.Mean /= float64(n)
	out.Configured /= float64(n)
	return out
}

// Grid is every combination of the values given per weight; an empty
// list keeps the configured value.
func Grid(configured Setting, roleFit, experience, titleSearch, roleSense, length []float64) []Setting {
	or := func(v []float64, c float64) []float64 {
		if len(v) == 0 {
			return []float64{c}
		}
		return v
	}
	grid := []Setting{configured}
	for _, a := range or(roleFit, configured.RoleFit) {
		for _, b := range or(experience, configured.Experience) {
			for _, c := range or(titleSearch, configured.TitleSearch) {
				for _, d := range or(roleSense, configured.RoleSense) {
					for _, e := range or(length, configured.Length) {
						if s := (Setting{RoleFit: a, Experience: b, TitleSearch: c, RoleSense: d, Length: e, Feedback: configured.Feedback}); s != configured {
							grid = append(grid, s)
						}
					}
				}
			}
		}
	}
	return grid
}

// WithFeedback is grid with each setting at each feedback weight of
// values (the configured setting still first); no values: grid as is.
func WithFeedback(grid []Setting, values []float64) []Setting {
	if len(values) == 0 {
		return grid
	}
	out := []Setting{grid[0]}
	for _, s := range grid {
		for _, f := range values {
			if s.Feedback = f; s != grid[0] {
				out = append(out, s)
			}
		}
	}
	return out
}
