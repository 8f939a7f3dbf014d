package match

import "testing"

// BenchmarkMatchCorpusFeedback times Match on the shared corpus with the
// strong gate (as the binary runs), without and with candidate feedback
// (match.feedback, off in the binary; 0.3 here, the profile of the top
// 5), on one index, so the cost reads as a ratio within one run (-count
// interleaves them).
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
		b.Run(tt.name, func(b *testing.B) { benchMatches(b, m, jds) })
	}
}
