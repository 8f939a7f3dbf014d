package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"vitae/eval"
	"vitae/match"
)

// looGrid is the grid vitae eval --jobs --loo searches: each weight of
// the adjustment around the default it had before stop 21 (docs/matching.md
// §2 step 7). The defaults stop 21 adopted from it lie on its edges
// (docs/matching.md, "Weights re-chosen with feedback in the grid"): a
// next choice should widen it first.
var looGrid = struct{ roleFit, experience, titleSearch, roleSense, length []float64 }{
	roleFit:     []float64{0.8, 0.85, 0.9, 0.95, 1},
	experience:  []float64{0.05, 0.1, 0.15, 0.25},
	titleSearch: []float64{0.15, 0.25, 0.35},
	roleSense:   []float64{0.5, 0.75, 1},
	length:      []float64{0.2, 0.3, 0.4},
}

// looFeedback are the candidate feedback weights --loo crosses the grid
// with (docs/matching.md, "Candidate feedback"): the pool is graded with
// each candidate's feedback similarity read, then re-scored.
var looFeedback = []float64{0, 0.1, 0.2, 0.3}

// runJobLOO grades each job's pool once (paths: one set or several,
// comma-separated) and chooses the adjustment's weights leaving one job
// out in turn: the held-out jobs' mean beside the configured weights'.
// Only training sets belong here; the chosen weights are printed, not
// applied.
func runJobLOO(cmd *cobra.Command, g *globals, a *app, paths string, ablate, dump string, asJSON, verbose bool) error {
	var jobs []eval.Job
	seen := map[string]string{} // job ID → file: a job twice would vote for its own setting
	for _, path := range strings.Split(paths, ",") {
		if path = strings.TrimSpace(path); path == "" {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		js, err := eval.ReadJobs(f)
		f.Close()
		if err != nil {
			return &exitError{code: 2, err: fmt.Errorf("%s: %w", path, err)}
		}
		for _, j := range js {
			if first, ok := seen[j.ID]; ok {
				return &exitError{code: 2, err: fmt.Errorf("%s: job %q is already in %s: leaving one job out needs each job once", path, j.ID, first)}
			}
			seen[j.ID] = path
		}
		jobs = append(jobs, js...)
	}
	var df *dumpFile // opened before the pooling, written after it
	if dump != "" {
		var err error
		if df, err = openDump("--loo-dump", dump); err != nil {
			return err
		}
		defer df.discard()
	}
	o := matchOptions(a.cfg)
	o.Ablate = ablate
	o.MaxLimit = 1000 // the answer holds the whole graded pool
	o.FeedbackShown = true
	pooled, err := eval.PoolJobs(cmd.Context(), match.New(a.engine, o), jobs, o.MaxLimit)
	if err != nil {
		return err
	}
	if len(pooled) == 0 {
		return &exitError{code: 2, err: fmt.Errorf("%s: no jobs", paths)}
	}
	if df != nil {
		// Each job's graded pool as one JSON line: the candidates as the
		// matcher answered, their explain and evidence, and the set's
		// grades, for studying the ranking without grading again.
		if err := writeDump(df, pooled); err != nil {
			return err
		}
	}
	conf := eval.SettingOf(match.DefaultWeights())
	conf.Feedback = o.Feedback
	grid := eval.WithFeedback(eval.Grid(conf, looGrid.roleFit, looGrid.experience, looGrid.titleSearch, looGrid.roleSense, looGrid.length), looFeedback)
	loo := eval.LeaveOneJDOut(pooled, grid, conf)
	if asJSON {
		if !verbose {
			loo.Rows = nil
		}
		return json.NewEncoder(g.stdout).Encode(loo)
	}
	fmt.Fprintf(g.stdout, "jobs %d, settings %d\n", loo.Jobs, loo.Settings)
	fmt.Fprintf(g.stdout, "leave-one-job-out nDCG@10 %.3f, configured %.3f (%d jobs up, %d down by more than 0.005)\n", loo.Mean, loo.Configured, loo.Up, loo.Down)
	fmt.Fprintf(g.stdout, "best over all jobs (in-sample) %.3f: %s\n", loo.BestMean, settingString(loo.Best))
	if verbose {
		for _, r := range loo.Rows {
			fmt.Fprintf(g.stdout, "  %-40.40s %6.3f %6.3f  %s\n", r.ID, r.Held, r.Configured, settingString(r.Pick))
		}
	}
	return nil
}

func settingString(s eval.Setting) string {
	return fmt.Sprintf("role_fit %g, experience %g, title_search %g, role_sense %g, length %g, feedback %g", s.RoleFit, s.Experience, s.TitleSearch, s.RoleSense, s.Length, s.Feedback)
}
