package match

import (
	"context"
	"testing"
)

// BenchmarkMatchCorpusFeedback times Match on the shared corpus with the
// strong gate (as the binary runs), without and with candidate feedback
// (match.feedback, 0.3 in the binary since stop 21, as here; the profile
// of the top 5), on one index, so the cost reads as a ratio within one
// run.
func BenchmarkMatchCorpusFeedback(b *testing.B) {
	base := corpusMatcher(b)
	jds := corpusJDs(b)
	for _, tt := range []struct {
		name     string
		feedback float64
	}{{"gate", 0}, {"gate+feedback", 0.3}} {
		o := base.opts
		o.StrongGate, o.Feedback = true, tt.feedback
		m := New(base.b, o)
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			benchMatches(b, m, jds)
		})
	}
}

// BenchmarkFeedbackStep times the feedback step alone (the profiles of
// the first 50 candidates read, centred and compared) on the corpus
// pool of issue #14's JD, so its cost reads beside a whole match's
// without the noise of the shared cores.
func BenchmarkFeedbackStep(b *testing.B) {
	base := corpusMatcher(b)
	o := base.opts
	o.StrongGate, o.Feedback = true, 0.3
	m := New(base.b, o)
	ctx := context.Background()
	g, err := m.grading(ctx, Request{JobDescription: issueJD}, nil, nil, true)
	if err != nil {
		b.Fatal(err)
	}
	var cs []Candidate
	for _, id := range g.ids {
		if c, ok := g.candidate(id); ok {
			cs = append(cs, c)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		res := *g.res
		res.Candidates = append([]Candidate(nil), cs...)
		if err := m.feedback(ctx, &res, g.resumes, g.res.Weights); err != nil {
			b.Fatal(err)
		}
	}
}
