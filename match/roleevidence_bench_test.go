package match

import "testing"

// BenchmarkMatchCorpusRoleEvidence times Match on the shared corpus with
// the strong gate (as the binary runs) and requirements weighed by their
// core (match.core_weight, off in the binary; 0.6 here) or evidence read by its
// role (match.role_evidence, off) or neither, on one index, so they can
// be compared as ratios within one run (-count interleaves them).
func BenchmarkMatchCorpusRoleEvidence(b *testing.B) {
	base := corpusMatcher(b)
	jds := corpusJDs(b)
	for _, tt := range []struct {
		name string
		o    Options
	}{{"gate", Options{}}, {"gate+core", Options{Core: 0.6}}, {"gate+role-evidence", Options{RoleEvidence: 0.2}}} {
		o := base.opts
		o.StrongGate, o.RoleEvidence, o.Core = true, tt.o.RoleEvidence, tt.o.Core
		m := New(base.b, o)
		b.Run(tt.name, func(b *testing.B) { benchMatches(b, m, jds) })
	}
}
