package match

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"vitae"
)

// Pseudo-relevance feedback at the candidate level (docs/matching.md,
// "Candidate feedback"): judges grade a candidate by reading the whole
// profile, and the candidates they grade best resemble each other (the
// same kind of career) more than the requirement text resembles them.
// After the first ranking, the profiles of its top candidates with
// must-have evidence (each profile the normalised mean of the résumé's
// stored bullet vectors under the search's model) are averaged into a
// feedback profile; every candidate of the first FeedbackDepth is read
// against it, and the score becomes
//
//	score × (1 − feedback × (1 − sim)),  sim = max(0, cos)
//
// the cosine taken with the mean profile of those FeedbackDepth taken
// off every profile: a mean of thirty bullet vectors lies near the mean
// of any other thirty (raw cosines 0.65–0.9 for any two résumés), and
// what tells careers apart is how each differs from the pool's. Read raw,
// the profile told grade-2 from grade-0 candidates no better than chance
// on the training JDs; centred, it does (docs/matching.md, "Candidate
// feedback"). A top candidate is read against the profile of the others,
// not its own.
// Candidates below the depth read sim 0 (they keep their order among
// themselves and stay below those above them). The factor is ≤ 1 and
// the order keeps must-have evidence first (Order), so feedback never
// lifts a candidate without must-have evidence above one with it.

// profiler is a Backend that can average stored bullet vectors
// (*search.Engine); without it, with no embedding model (a keyword-only
// engine) or with no vectors of the search's model, no feedback is read
// and the answer says so (unread).
type profiler interface {
	Profile(ctx context.Context, bulletIDs []string) ([]float32, error)
}

// FeedbackDepth is how many candidates of the first ranking feedback
// reads and may reorder.
const FeedbackDepth = 50

// feedbackFactor is what feedback leaves of a score for a candidate of
// similarity sim (0..1) to the feedback profile.
func feedbackFactor(sim float64, w Weights) float64 {
	return 1 - w.Feedback*(1-sim)
}

// feedbackSim maps the cosine of two centred profiles to 0..1: a career
// no nearer the top ones than the pool's mean (cosine ≤ 0) reads 0.
func feedbackSim(cos float64) float64 {
	return math.Max(0, cos)
}

// feedback reads the candidates of res (scored, in any order) against
// the profile of the first ranking's top w.FeedbackTop with must-have
// evidence, sets each one's Explain.Feedback and, with w.Feedback > 0,
// its score. When it cannot read them (no model, no vectors, fewer
// than two top profiles) it leaves the scores as they are and says so
// (unread); only an ended context is an error.
func (m *Matcher) feedback(ctx context.Context, res *Result, resumes map[string]*vitae.Resume, w Weights) error {
	p, ok := m.b.(profiler)
	switch {
	case !ok:
		unread(res, "the backend keeps no bullet vectors", false)
		return nil
	case m.emb == nil:
		unread(res, "the search has no embedding model (keyword only)", false)
		return nil
	}
	cs := res.Candidates
	Order(cs) // the first ranking
	depth := min(len(cs), FeedbackDepth)
	profiles := make([][]float32, depth)
	errs := make([]error, depth)
	each(depth, func(i int) {
		r := resumes[cs[i].ResumeID]
		if r == nil {
			return
		}
		ids := make([]string, len(r.Bullets))
		for j, b := range r.Bullets {
			ids[j] = b.ID
		}
		profiles[i], errs[i] = p.Profile(ctx, ids)
	})
	for _, err := range errs {
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			unread(res, err.Error(), true)
			return nil
		}
	}
	if depth > 0 && !slices.ContainsFunc(profiles, func(v []float32) bool { return v != nil }) {
		// An index not yet (or not again) embedded under the model.
		unread(res, "the index has no bullet vectors of the search's model", true)
		return nil
	}
	centre(profiles)
	// The first ranking's best with must-have evidence and a profile; a
	// JD that asks for no must-have takes its best by score.
	asksMust := false
	for _, r := range res.Requirements {
		asksMust = asksMust || r.MustHave
	}
	var top []int
	for i := 0; i < depth && len(top) < w.FeedbackTop; i++ {
		if (cs[i].Explain.MustEvident || !asksMust) && profiles[i] != nil {
			top = append(top, i)
		}
	}
	if len(top) < 2 {
		// One profile would be read against nothing (its own is left out).
		// Not a fault: few candidates show a must-have.
		unread(res, fmt.Sprintf("%d of the first ranking's candidates with must-have evidence have a profile, 2 are needed", len(top)), false)
		return nil
	}
	for i := range cs {
		var sim float64
		if i < depth && profiles[i] != nil {
			sim = round3(feedbackSim(cosine(profiles[i], centroidOf(profiles, top, i))))
		}
		ex := &cs[i].Explain
		ex.Feedback = &sim
		if w.Feedback > 0 {
			// The formula's first score is the one before feedback: the
			// step says the one shown.
			before := ex.Score
			ex.Score = round3(ex.Score * feedbackFactor(sim, w))
			ex.Formula += "; then score " + ftoa(ex.Score) + " = " + ftoa(before) + " × feedback (1 − " + ftoa(w.Feedback) + "×(1 − sim " + ftoa(sim) + ")), sim: how near their profile is to that of the first ranking's top " + strconv.Itoa(len(top)) + " with must-have evidence"
			switch {
			case i >= depth:
				ex.Formula += " (not read: below the first " + strconv.Itoa(FeedbackDepth) + ")"
			case profiles[i] == nil:
				ex.Formula += " (not read: no stored vectors for this résumé)"
			}
			cs[i].Score, cs[i].Fit = ex.Score, int(math.Round(ex.Score*100))
		}
	}
	return nil
}

// feedbackDefinition ends FitDefinition in the answers of a match with
// candidate feedback on.
const feedbackDefinition = " With candidate feedback on, the score is then × (1 − feedback × (1 − sim)), sim (explain.feedback, 0..1) being how near, in meaning, the résumé as a whole is to the first ranking's top candidates with must-have evidence; it never lifts a candidate without must-have evidence above one with it."

// unread answers res without candidate feedback: its weights say so (so
// Rescore gives the scores shown, and eval --loo reads no sims), its fit
// definition says why in place of the feedback sentence, and, when the
// reason is a fault (no vectors where the model should have them, a
// store that failed), the answer is marked degraded. A keyword-only
// engine, or too few candidates with must-have evidence, is no fault.
func unread(res *Result, reason string, fault bool) {
	res.Weights.Feedback, res.Weights.FeedbackTop = 0, 0
	note := " Candidate feedback was not read: " + reason + "."
	if strings.Contains(res.FitDefinition, feedbackDefinition) {
		res.FitDefinition = strings.Replace(res.FitDefinition, feedbackDefinition, note, 1)
	} else {
		res.FitDefinition += note
	}
	if fault {
		degrade(res, "candidate feedback was not read: "+reason)
	}
}

// centroidOf is the mean of the profiles of top, leaving out i's own:
// a top candidate is not read against itself.
func centroidOf(profiles [][]float32, top []int, i int) []float32 {
	var sum []float32
	for _, t := range top {
		if t == i {
			continue
		}
		if sum == nil {
			sum = make([]float32, len(profiles[t]))
		}
		for d, x := range profiles[t] {
			if d < len(sum) {
				sum[d] += x
			}
		}
	}
	return sum // cosine normalises
}

// centre takes the mean of the profiles off each and normalises what is
// left, so each top profile weighs alike in the feedback profile (nil
// stays nil).
func centre(profiles [][]float32) {
	var mean []float64
	n := 0
	for _, v := range profiles {
		if v == nil {
			continue
		}
		if mean == nil {
			mean = make([]float64, len(v))
		}
		for d := range min(len(v), len(mean)) {
			mean[d] += float64(v[d])
		}
		n++
	}
	for i, v := range profiles {
		if v == nil {
			continue
		}
		c := make([]float32, len(v))
		var norm float64
		for d := range min(len(v), len(mean)) {
			c[d] = v[d] - float32(mean[d]/float64(n))
			norm += float64(c[d]) * float64(c[d])
		}
		if norm > 0 {
			for d := range c {
				c[d] = float32(float64(c[d]) / math.Sqrt(norm))
			}
		}
		profiles[i] = c
	}
}
