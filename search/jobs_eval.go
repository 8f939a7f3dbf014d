package search

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"vitae"
)

// EvalJob is one line of a job-matching relevance set.
type EvalJob struct {
	ID             string `json:"id"`
	JobDescription string `json:"job_description"`
	Judgments      []struct {
		Resume string `json:"resume"`
		Grade  int    `json:"grade"`
	} `json:"judgments"`
}

// ReadEvalJobs reads JSONL; errors name the line.
func ReadEvalJobs(r io.Reader) ([]EvalJob, error) {
	var out []EvalJob
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var j EvalJob
		if err := json.Unmarshal([]byte(line), &j); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, j)
	}
	return out, sc.Err()
}

// JobEvalRow is one job's outcome for one method.
type JobEvalRow struct {
	ID       string  `json:"id"`
	NDCG10   float64 `json:"ndcg@10"`
	Recall10 float64 `json:"recall@10"`
}

// JobEvalReport is the mean over jobs for one method.
type JobEvalReport struct {
	Method   string       `json:"method"`
	Jobs     int          `json:"jobs"`
	NDCG10   float64      `json:"ndcg@10"`
	Recall10 float64      `json:"recall@10"`
	Rows     []JobEvalRow `json:"rows,omitempty"`
}

// EvaluateJobs compares requirement matching with the whole JD as one
// keyword query and as one hybrid query, candidates ranked by grouping.
func EvaluateJobs(ctx context.Context, s *Engine, jobs []EvalJob) ([]*JobEvalReport, error) {
	methods := []string{"keyword-whole", "hybrid-whole", "requirements"}
	var reps []*JobEvalReport
	for _, m := range methods {
		rep := &JobEvalReport{Method: m, Jobs: len(jobs)}
		for _, j := range jobs {
			grades := map[string]int{}
			for _, g := range j.Judgments {
				grades[g.Resume] = g.Grade
			}
			ranked, err := s.rankCandidates(ctx, m, j.JobDescription)
			if err != nil {
				return nil, fmt.Errorf("job %s: %w", j.ID, err)
			}
			sc := Score(ranked, grades)
			rep.NDCG10 += sc.NDCG10
			rep.Recall10 += sc.Recall10
			rep.Rows = append(rep.Rows, JobEvalRow{ID: j.ID, NDCG10: sc.NDCG10, Recall10: sc.Recall10})
		}
		if n := float64(len(jobs)); n > 0 {
			rep.NDCG10 /= n
			rep.Recall10 /= n
		}
		reps = append(reps, rep)
	}
	return reps, nil
}

func (s *Engine) rankCandidates(ctx context.Context, method, jd string) ([]string, error) {
	var ids []string
	if method == "requirements" {
		res, err := s.Match(ctx, MatchRequest{JobDescription: jd, Limit: 50})
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
	res, err := s.Search(ctx, vitae.Query{Text: truncateRunes(jd, s.opts.MaxQueryLen), Mode: mode, SemanticRatio: s.semanticRatio(), Limit: 50, GroupBy: "candidate"})
	if err != nil {
		return nil, err
	}
	for _, c := range res.Candidates {
		ids = append(ids, c.ResumeID)
	}
	return ids, nil
}
