package match

import (
	"testing"
	"time"

	"vitae"
	"vitae/ingest"
)

// BenchmarkRoleFit times role words over the shared corpus's 314 résumés
// for the training JDs' titles, with a role's short and long names read
// as one ("names") and without ("words"), in the same run: the cost the
// names add to each match (docs/matching.md, "Role titles: short names
// and the words no one carries").
func BenchmarkRoleFit(b *testing.B) {
	pool := map[string]*vitae.Resume{}
	for _, f := range corpusFiles(b) {
		r, err := ingest.Parse(f.name, f.data, ingest.Options{})
		if err != nil {
			continue // a file the pipeline skips too
		}
		pool[r.ID] = r
	}
	titles := []string{"Senior Operations", "Director of PM - MCAM", "Senior Analytics Engineer — The LEGO Group", "Site Reliability Engineer (Devops/SRE)", "Senior UX Designer"}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, names := range []bool{false, true} {
		name := "words"
		if names {
			name = "names"
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				roleFit(titles[i%len(titles)], pool, defaultWeights, now, names)
			}
		})
	}
}
