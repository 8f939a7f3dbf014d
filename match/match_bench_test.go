package match_test

import (
	"context"
	"testing"

	"vitae/bench"
	"vitae/index"
	"vitae/match"
	"vitae/search"
)

// BenchmarkMatch10k times Matcher.Match end to end (JD parsing, one hybrid
// query per requirement, role fit, scoring) on the 10,000-bullet index of
// BenchmarkSearch10k, over job descriptions of the shared corpus (the
// ones the parser finds requirements in; a built-in one otherwise).
func BenchmarkMatch10k(b *testing.B) {
	ctx := context.Background()
	ix, l, _ := bench.Fixture10k(b, index.Options{})
	m := match.New(search.New(ix, l, search.Options{}), match.Options{})
	all, _ := bench.ReadJobs("../../shared/corpus/jobs.jsonl")
	var jobs []string
	for _, jd := range all { // keep the descriptions the parser finds requirements in
		if _, err := m.Match(ctx, match.Request{JobDescription: jd, Limit: 10}); err == nil {
			jobs = append(jobs, jd)
		}
		if len(jobs) == 10 {
			break
		}
	}
	if len(jobs) == 0 {
		jobs = []string{"Senior SRE\n\nRequirements:\n- 5+ years of Kubernetes\n- Led an on-call rotation\n- Go or Python\n\nNice to have:\n- Terraform"}
	}
	b.Run("match", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := m.Match(ctx, match.Request{JobDescription: jobs[i%len(jobs)], Limit: 10}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
