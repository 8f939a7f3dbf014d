package match

import (
	"context"
	"sort"
	"testing"
	"time"
)

// BenchmarkMatchCorpusRoleEvidence times Match on the shared corpus with
// the strong gate (as the binary runs) and requirements weighed by their
// core (match.core_weight, off in the binary; 0.6 here) or evidence read by its
// role (match.role_evidence, off) or neither, on one index, so they can
// be compared as ratios within one run (-count interleaves them).
func BenchmarkMatchCorpusRoleEvidence(b *testing.B) {
	base := corpusMatcher(b)
	ctx := context.Background()
	jds := []string{issueJD}
	for _, f := range []string{"../eval/jobs-dev.jsonl", "../eval/jobs-heldout.jsonl"} {
		jds = append(jds, readJDs(b, f)...)
	}
	for _, tt := range []struct {
		name string
		o    Options
	}{{"gate", Options{}}, {"gate+core", Options{Core: 0.6}}, {"gate+role-evidence", Options{RoleEvidence: 0.2}}} {
		o := base.opts
		o.StrongGate, o.RoleEvidence, o.Core = true, tt.o.RoleEvidence, tt.o.Core
		m := New(base.b, o)
		b.Run(tt.name, func(b *testing.B) {
			var took []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := m.Match(ctx, Request{JobDescription: jds[i%len(jds)], Limit: 10}); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
		})
	}
}
