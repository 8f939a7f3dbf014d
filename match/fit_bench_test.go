package match

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkFitsCorpus times Fits — one résumé against every job
// description of the eval sets (27 jobs), what a candidate's page and
// GET /resumes/{id}/jobs cost — on the shared corpus. Each job costs
// about one Match: the same requirement queries and role-fit pool, with
// one résumé graded instead of the pool.
func BenchmarkFitsCorpus(b *testing.B) {
	m := corpusMatcher(b)
	ctx := context.Background()
	var jobs []Job
	for _, f := range []string{"../eval/jobs-dev.jsonl", "../eval/jobs-heldout.jsonl"} {
		for _, jd := range readJDs(b, f) {
			jobs = append(jobs, Job{ID: fmt.Sprint(len(jobs)), JobDescription: jd})
		}
	}
	jobs = append(jobs, Job{ID: "issue", JobDescription: issueJD})
	res, err := m.Match(ctx, Request{JobDescription: issueJD, Limit: 1})
	if err != nil || len(res.Candidates) == 0 {
		b.Fatalf("match: %v", err)
	}
	id := res.Candidates[0].ResumeID
	// A first view finds every job's pool; later views, on the same
	// index version, find them kept (poolcache.go).
	b.Run("first view", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := New(m.b, m.opts).Fits(ctx, id, jobs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(jobs)), "jobs")
	})
	b.Run("later views", func(b *testing.B) {
		if _, err := m.Fits(ctx, id, jobs); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := m.Fits(ctx, id, jobs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(jobs)), "jobs")
	})
}
