package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"vitae"
	"vitae/eval"
	"vitae/match"
)

func newEvalCmd(g *globals) *cobra.Command {
	var (
		queries, jobs, evidence, ablate  string
		looDump, pairsOut                string
		modes, split                     string
		asJSON, verbose, tune, loo, rank bool
		ratio                            float64
		tuning                           tuneOptions
		fit                              gateFitOptions
		fitGate                          bool
	)
	cmd := &cobra.Command{
		Use:   "eval --queries FILE | --jobs FILE",
		Short: "Measure ranking quality on a relevance set (nDCG@10, recall, MRR)",
		Long: `Eval runs every query of a relevance set (the format of
../shared/eval/README.md) against the index and prints nDCG@10, recall@10,
recall@50 and MRR@10 per mode. Judged bullets that are not in the index are
counted as unmatched, never silently dropped. With --jobs it evaluates job
matching at candidate level: requirement matching against the whole job
description as one keyword or hybrid query. With --evidence it grades the
(requirement, bullet) pairs of an evidence set as matching does and prints
the precision and recall of each level per split.`,
		Example: `  vitae index ../shared/corpus/jsonresume --index /tmp/corpus
  vitae eval --index /tmp/corpus --queries eval/queries-dev.jsonl
  vitae eval --index /tmp/corpus --jobs eval/jobs-dev.jsonl --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if n := b2i(queries != "") + b2i(jobs != "") + b2i(evidence != ""); n != 1 {
				return &exitError{code: 2, err: errors.New("give exactly one of --queries, --jobs or --evidence")}
			}
			if err := match.CheckAblate(ablate); err != nil {
				return &exitError{code: 2, err: fmt.Errorf("--ablate %w", err)}
			}
			if jobs != "" && split != "all" {
				return &exitError{code: 2, err: fmt.Errorf("--split %s: the job sets are split by file (eval/jobs-*.jsonl)", split)}
			}
			if ablate != "" && jobs == "" {
				return &exitError{code: 2, err: errors.New("--ablate needs --jobs")} // else it would be ignored
			}
			if loo && jobs == "" {
				return &exitError{code: 2, err: errors.New("--loo needs --jobs")}
			}
			if looDump != "" && !loo {
				return &exitError{code: 2, err: errors.New("--loo-dump needs --loo")} // else nothing would be written
			}
			if pairsOut != "" && (evidence == "" || fitGate) {
				return &exitError{code: 2, err: errors.New("--pairs needs --evidence, without --fit-gate")} // else nothing would be written
			}
			// --by-kind prints a table after --evidence's: refused where it
			// would be silently left out.
			if byKind, _ := cmd.Flags().GetBool("by-kind"); byKind && (evidence == "" || asJSON) {
				return &exitError{code: 2, err: errors.New("--by-kind needs --evidence, without --json")}
			}
			if fitGate && (evidence == "" || fit.picks != "gate" && fit.picks != "older") {
				return &exitError{code: 2, err: errors.New("--fit-gate needs --evidence, and --fit-picks is gate or older")}
			}
			if err := fitFlags(cmd, fitGate, split, asJSON); err != nil {
				return &exitError{code: 2, err: err}
			}
			if fitGate {
				if err := fit.validate(); err != nil {
					return &exitError{code: 2, err: err}
				}
			}
			a, err := g.open(cmd, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := idleAblation(ablate, a.cfg); err != nil {
				return &exitError{code: 2, err: err}
			}
			if loo {
				return runJobLOO(cmd, g, a, jobs, ablate, looDump, asJSON, verbose)
			}
			if jobs != "" {
				if ablate != "" {
					o := matchOptions(a.cfg)
					o.Ablate = ablate
					a.matcher = match.New(a.engine, o)
				}
				return runJobEval(cmd, g, a, jobs, asJSON, verbose)
			}
			if evidence != "" && fitGate {
				return runEvidenceFit(cmd, g, a, evidence, fit)
			}
			if evidence != "" {
				return runEvidenceEval(cmd, g, a, evidence, split, pairsOut, asJSON)
			}
			f, err := os.Open(queries)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			qs, err := eval.ReadQueries(f)
			f.Close()
			if err != nil {
				return &exitError{code: 2, err: fmt.Errorf("%s: %w", queries, err)}
			}
			if qs = eval.Only(qs, split); len(qs) == 0 {
				return &exitError{code: 2, err: fmt.Errorf("%s has no queries in split %q", queries, split)}
			}
			if tune {
				return runTune(cmd, g, a, qs, ratio, tuning)
			}
			var reports []*eval.Report
			for _, m := range strings.Split(modes, ",") {
				mode := vitae.Mode(strings.TrimSpace(m))
				if !mode.Valid() {
					return &exitError{code: 2, err: fmt.Errorf("--modes: %q is not keyword, semantic or hybrid", m)}
				}
				evaluate := eval.Evaluate
				if rank {
					evaluate = func(ctx context.Context, _ vitae.Searcher, l eval.Lookup, qs []eval.Query, mode vitae.Mode, ratio float64) (*eval.Report, error) {
						return eval.EvaluateRank(ctx, a.engine, l, qs, mode, ratio)
					}
				}
				rep, err := evaluate(cmd.Context(), a.engine, a.engine, qs, mode, ratio)
				if errors.Is(err, eval.ErrNotIndexed) {
					return fmt.Errorf("%s on index %q: %w — index the corpus the set was judged on (vitae index ../shared/corpus/jsonresume --index DIR) and pass --index DIR", queries, a.cfg.Index.Path, err)
				}
				if err != nil {
					return err
				}
				reports = append(reports, rep)
			}
			groups := groupTable(reports)
			if !verbose {
				for _, r := range reports {
					r.Rows = nil
				}
			}
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				for _, r := range reports {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				for _, row := range groups {
					if err := enc.Encode(row); err != nil {
						return err
					}
				}
				return nil
			}
			fmt.Fprintf(g.stdout, "%-9s %7s %8s %9s %9s %7s  %s\n", "mode", "queries", "nDCG@10", "recall@10", "recall@50", "MRR@10", "unmatched")
			for _, r := range reports {
				fmt.Fprintf(g.stdout, "%-9s %7d %8.3f %9.3f %9.3f %7.3f  %d\n", r.Mode, r.Queries, r.NDCG10, r.Recall10, r.Recall50, r.MRR10, r.UnmatchedJudgments)
				for _, row := range r.Rows {
					fmt.Fprintf(g.stdout, "  %-5s %-40.40s %6.3f %6.3f %6.3f %6.3f %v\n", row.ID, row.Query, row.NDCG10, row.Recall10, row.Recall50, row.MRR10, row.Unmatched)
				}
			}
			printGroups(g.stdout, reports, groups)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&queries, "queries", "", "bullet-query relevance set (JSONL)")
	f.BoolVar(&rank, "rank", false, "with --queries: measure the ranking of ad-hoc bullets (/api/v1/rank): each query's judged bullets, grade 0s too, ranked as one request")
	f.StringVar(&jobs, "jobs", "", "job-matching relevance set (JSONL)")
	f.BoolVar(&loo, "loo", false, "with --jobs (training sets only; several comma-separated): choose the adjustment's weights leaving one job out in turn, and print the held-out jobs' mean beside the configured weights'")
	f.StringVar(&looDump, "loo-dump", "", "with --loo: also write each job's graded pool (candidates with explain and evidence, grades) to this file as JSON lines, to study offline")
	f.StringVar(&ablate, "ablate", "", "with --jobs: switch off parts of the match score, a comma list of "+strings.Join(match.Ablations, ", ")+" (role-names,role-share: the role fit before short names and role words' share)")
	f.StringVar(&evidence, "evidence", "", "(requirement, bullet) evidence set (JSONL): precision and recall per level")
	f.StringVar(&pairsOut, "pairs", "", "with --evidence: also write each pair of the split, graded, beside its label to this file (JSON lines: requirement, kind, bullet, grade, level, score), to read the errors")
	f.Bool("by-kind", false, "with --evidence: also strong precision and recall per kind of requirement (degree, years, soft, toollist, tool, act, domain)")
	f.BoolVar(&fitGate, "fit-gate", false, "with --evidence: fit the learned strong gate on the train pairs and print its coefficients and its precision / recall curve under cross-validation by job")
	f.StringVar(&fit.picks, "fit-picks", "gate", "with --fit-gate: whose strong picks the gate judges: gate (the strong gate's) or older (the default rules')")
	f.Float64Var(&fit.l2, "fit-l2", 50, "with --fit-gate: the L2 penalty of the fit (50: match/learned_model.go's)")
	f.StringVar(&fit.dump, "fit-dump", "", "with --fit-gate: also write the fitted pairs and their features to this file (JSONL; match/testdata/learned_picks.jsonl)")
	f.Float64Var(&fit.target, "fit-target", 0.85, "with --fit-gate: the strong precision the threshold is chosen for")
	f.StringVar(&modes, "modes", "keyword,semantic,hybrid", "comma-separated modes to evaluate")
	f.StringVar(&modes, "mode", "keyword,semantic,hybrid", "one mode to evaluate (same as --modes)")
	f.Float64Var(&ratio, "semantic-ratio", 0.5, "hybrid semantic ratio")
	f.BoolVar(&asJSON, "json", false, "one JSON object per mode")
	f.BoolVar(&verbose, "verbose", false, "per-query rows")
	f.StringVar(&split, "split", "all", "evaluate only the queries (or evidence pairs) of this split: train, heldout or all")
	f.BoolVar(&tune, "tune", false, "learn the hybrid ranking's weights on the queries (use --split train) and print them")
	f.StringVar(&tuning.method, "tune-method", "pairwise", "with --tune: pairwise (a linear pairwise ranker over the signals) or ascent (coordinate ascent on nDCG@10)")
	f.Float64Var(&tuning.lambda, "tune-lambda", 0.01, "with --tune-method pairwise: the L2 regularisation")
	f.IntVar(&tuning.folds, "folds", 0, "with --tune: also cross-validate by query over this many folds (each family dealt round-robin)")
	return cmd
}

func runJobEval(cmd *cobra.Command, g *globals, a *app, path string, asJSON, verbose bool) error {
	f, err := os.Open(path)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	jobs, err := eval.ReadJobs(f)
	f.Close()
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("%s: %w", path, err)}
	}
	reps, err := eval.EvaluateJobs(cmd.Context(), a.engine, a.matcher, jobs, eval.JobOptions{SemanticRatio: a.cfg.Search.SemanticRatio})
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(g.stdout)
		for _, r := range reps {
			if !verbose {
				r.Rows = nil
			}
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	fmt.Fprintf(g.stdout, "%-14s %5s %8s %9s\n", "method", "jobs", "nDCG@10", "recall@10")
	for _, r := range reps {
		fmt.Fprintf(g.stdout, "%-14s %5d %8.3f %9.3f\n", r.Method, r.Jobs, r.NDCG10, r.Recall10)
		if verbose {
			for _, row := range r.Rows {
				fmt.Fprintf(g.stdout, "  %-40.40s %6.3f %6.3f\n", row.ID, row.NDCG10, row.Recall10)
			}
		}
	}
	return nil
}

// readEvidence reads the evidence set at path; a file that is missing or
// malformed is the caller's mistake (exit 2). A requirement in more than
// one split is warned of on warn (eval.CrossSplit).
func readEvidence(path string, warn io.Writer) ([]eval.EvidenceItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	defer f.Close()
	items, err := eval.ReadEvidence(f)
	if err != nil {
		return nil, &exitError{code: 2, err: fmt.Errorf("%s: %w", path, err)}
	}
	for _, n := range eval.CrossSplit(items) {
		fmt.Fprintf(warn, "vitae: warning: %s: %s\n", path, n)
	}
	return items, nil
}

// runEvidenceFit reads an evidence set and fits the learned gate on its
// train pairs (runGateFit), the cosine read by the index's model.
func runEvidenceFit(cmd *cobra.Command, g *globals, a *app, path string, o gateFitOptions) error {
	if a.engine.Embedder() == nil {
		// Every pick's cosine would read 0: a fit and a dump of features
		// no model gave.
		return &exitError{code: 2, err: errors.New("--fit-gate reads the model's cosine: set embed.provider")}
	}
	items, err := readEvidence(path, g.stderr)
	if err != nil {
		return err
	}
	grader := match.NewGateGrader().WithSense(a.engine.Embedder(), 0)
	return runGateFit(cmd.Context(), g.stdout, a.engine, grader, items, o)
}

// runEvidenceEval grades the (requirement, bullet) pairs of path and
// prints each split's levels; split "train" or "heldout" prints that one
// alone, so tuning on train never shows the held-out rows.
func runEvidenceEval(cmd *cobra.Command, g *globals, a *app, path, split, pairsOut string, asJSON bool) error {
	items, err := readEvidence(path, g.stderr)
	if err != nil {
		return err
	}
	grader := match.NewGraderFor(match.Options{StrictEvidence: a.cfg.Match.StrictEvidence,
		StrongGate: a.cfg.Match.StrongGate, ContextEvidence: a.cfg.Match.ContextEvidence, StrongCap: kinds(a.cfg.Match.StrongCap),
		LearnedGate: a.cfg.Match.LearnedGate && a.engine.Embedder() != nil})
	if at := a.cfg.Match.StrongSense; at > 0 || a.cfg.Match.LearnedGate {
		grader.WithSense(a.engine.Embedder(), at) // the model matching reads with
	}
	reps, err := eval.EvaluateEvidence(cmd.Context(), a.engine, grader, items)
	if err != nil {
		return err
	}
	if err := grader.Err(); err != nil {
		// Its strong grades would be the model's outage, not the rules.
		return fmt.Errorf("%s: the model failed, so the grades are not the rules': %w", modelKeys(a.cfg), err)
	}
	if split != "all" {
		reps = slices.DeleteFunc(reps, func(r *eval.EvidenceReport) bool { return r.Split != split })
		if len(reps) == 0 {
			return &exitError{code: 2, err: fmt.Errorf("%s has no pairs in split %q", path, split)}
		}
	}
	if asJSON {
		enc := json.NewEncoder(g.stdout)
		for _, r := range reps {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	fmt.Fprintf(g.stdout, "%-8s %5s %10s %8s  %s\n", "split", "pairs", "unresolved", "accuracy", "level: precision / recall (predicted, relevant)")
	for _, r := range reps {
		fmt.Fprintf(g.stdout, "%-8s %5d %10d %8.3f ", r.Split, r.Pairs, r.Unresolved, r.Accuracy)
		for _, l := range r.Levels {
			fmt.Fprintf(g.stdout, " %s %.3f/%.3f (%d,%d)", l.Level, l.Precision, l.Recall, l.Predicted, l.Relevant)
		}
		fmt.Fprintln(g.stdout)
	}
	if pairsOut != "" {
		if err := writePairs(cmd.Context(), pairsOut, a, grader, items, split); err != nil {
			return err
		}
	}
	if byKind, _ := cmd.Flags().GetBool("by-kind"); byKind {
		if err := printEvidenceByKind(cmd.Context(), g.stdout, a.engine, grader, items, split); err != nil {
			return err
		}
		if err := grader.Err(); err != nil { // the table by kind grades again
			return fmt.Errorf("%s: the model failed while the pairs were graded by kind, so that table is not the rules': %w", modelKeys(a.cfg), err)
		}
	}
	return nil
}

// writePairs writes the pairs of split ("all": every split) graded by
// grader to path, one JSON object a line: only the split asked for, so
// reading train's errors never shows a held-out pair.
func writePairs(ctx context.Context, path string, a *app, grader eval.Grader, items []eval.EvidenceItem, split string) error {
	if split != "all" {
		items = slices.DeleteFunc(slices.Clone(items), func(it eval.EvidenceItem) bool { return it.Split != split })
	}
	pairs, err := eval.GradePairs(ctx, a.engine, grader, items)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--pairs: %w", err)
	}
	enc := json.NewEncoder(f)
	for _, p := range pairs {
		if err := enc.Encode(p); err != nil {
			f.Close()
			return fmt.Errorf("--pairs %s: %w", path, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--pairs %s: %w", path, err)
	}
	return nil
}

// modelKeys names the keys whose checks read the model as evidence is
// graded: the one that failed is among them.
func modelKeys(cfg *Config) string {
	var keys []string
	if cfg.Match.StrongSense > 0 {
		keys = append(keys, "match.strong_sense")
	}
	if cfg.Match.LearnedGate {
		keys = append(keys, "match.learned_gate")
	}
	return strings.Join(keys, " and ")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
