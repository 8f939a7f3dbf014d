package search_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/bench"
	"vitae/index"
	"vitae/search"
)

// BenchmarkSearch10k times Engine.Search end to end (retrieval, fusion,
// hydration, highlights) in each mode, and job matching, on a 10,000-
// bullet index generated from the real corpus (../shared; the samples
// otherwise) with the built-in embedder. The queries are the dev eval
// queries plus generated ones, as `vitae bench` uses.
func BenchmarkSearch10k(b *testing.B) {
	ctx := context.Background()
	ix, l, queries := bench.Fixture10k(b, index.Options{})
	eng := search.New(ix, l, search.Options{})
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		b.Run(string(mode), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := eng.Search(ctx, vitae.Query{Text: queries[i%len(queries)], Mode: mode, Limit: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	all, _ := bench.ReadJobs("../../shared/corpus/jobs.jsonl")
	var jobs []string
	for _, jd := range all { // keep the descriptions the parser finds requirements in
		if _, err := eng.Match(ctx, search.MatchRequest{JobDescription: jd, Limit: 10}); err == nil {
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
			if _, err := eng.Match(ctx, search.MatchRequest{JobDescription: jobs[i%len(jobs)], Limit: 10}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
