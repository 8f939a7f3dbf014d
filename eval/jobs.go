package eval

import (
	"context"
	"fmt"
	"io"

	"vitae"
	"vitae/match"
)

// Job is one line of a job-matching relevance set: a job description and
// graded résumés.
type Job struct {
	ID             string `json:"id"`
	JobDescription string `json:"job_description"`
	Judgments      []struct {
		Resume string `json:"resume"`
		Grade  int    `json:"grade"`
	} `json:"judgments"`
}

// ReadJobs reads a job-matching set (JSONL); errors name the line.
func ReadJobs(r io.Reader) ([]Job, error) {
	return readJSONL[Job](r, nil)
}

// JobRow is one job's outcome for one method.
type JobRow struct {
	ID       string  `json:"id"`
	NDCG10   float64 `json:"ndcg@10"`
	Recall10 float64 `json:"recall@10"`
}

// JobReport is the mean over jobs for one method.
type JobReport struct {
	Method   string   `json:"method"`
	Jobs     int      `json:"jobs"`
	NDCG10   float64  `json:"ndcg@10"`
	Recall10 float64  `json:"recall@10"`
	Rows     []JobRow `json:"rows,omitempty"`
}

// Matcher ranks candidates for a job description; *match.Matcher
// satisfies it.
type Matcher interface {
	Match(ctx context.Context, r match.Request) (*match.Result, error)
}

// JobOptions are the settings of the whole-JD baselines; zero values take
// the defaults.
type JobOptions struct {
	SemanticRatio float64 // of the hybrid whole-JD query; default 0.5
	MaxQueryLen   int     // characters of the JD a whole-JD query sees; default 1000
}

// EvaluateJobs compares requirement matching (m) with the whole JD as one
// keyword query and as one hybrid query on s, candidates ranked by
// grouping, and scores each method's top 50 candidates.
func EvaluateJobs(ctx context.Context, s vitae.Searcher, m Matcher, jobs []Job, opts JobOptions) ([]*JobReport, error) {
	if opts.SemanticRatio <= 0 {
		opts.SemanticRatio = 0.5
	}
	if opts.MaxQueryLen <= 0 {
		opts.MaxQueryLen = 1000
	}
	methods := []string{"keyword-whole", "hybrid-whole", "requirements"}
	var reps []*JobReport
	for _, method := range methods {
		rep := &JobReport{Method: method, Jobs: len(jobs)}
		for _, j := range jobs {
			grades := map[string]int{}
			for _, g := range j.Judgments {
				grades[g.Resume] = g.Grade
			}
			ranked, err := rankCandidates(ctx, s, m, opts, method, j.JobDescription)
			if err != nil {
				return nil, fmt.Errorf("job %s: %w", j.ID, err)
			}
			sc := Score(ranked, grades)
			rep.NDCG10 += sc.NDCG10
			rep.Recall10 += sc.Recall10
			rep.Rows = append(rep.Rows, JobRow{ID: j.ID, NDCG10: sc.NDCG10, Recall10: sc.Recall10})
		}
		if n := float64(len(jobs)); n > 0 {
			rep.NDCG10 /= n
			rep.Recall10 /= n
		}
		reps = append(reps, rep)
	}
	return reps, nil
}

// rankCandidates returns the résumé IDs one method ranks for a JD, best
// first.
func rankCandidates(ctx context.Context, s vitae.Searcher, m Matcher, opts JobOptions, method, jd string) ([]string, error) {
	var ids []string
	if method == "requirements" {
		res, err := m.Match(ctx, match.Request{JobDescription: jd, Limit: 50})
		if err != nil {
			return nil, err
		}
		for _, c := range res.Candidates {
			ids = append(ids, c.ResumeID)
		}
		return ids, nil
	}
	mode := vitae.ModeKeyword
	if method == "hybrid-whole" {
		mode = vitae.ModeHybrid
	}
	if r := []rune(jd); len(r) > opts.MaxQueryLen {
		jd = string(r[:opts.MaxQueryLen]) // longer queries are refused
	}
	q := vitae.Query{Text: jd, Mode: mode, SemanticRatio: opts.SemanticRatio, Limit: 50, GroupBy: "candidate", Literal: true}
	res, err := s.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	for _, c := range res.Candidates {
		ids = append(ids, c.ResumeID)
	}
	return ids, nil
}
