package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"vitae/eval"
	"vitae/match"
)

// gateFitOptions choose what --fit-gate fits.
type gateFitOptions struct {
	picks  string  // whose strong picks the gate judges: gate (the strong gate's) or older (the default rules')
	l2     float64 // the L2 penalty
	target float64 // the strong precision the threshold is chosen for
	dump   string  // a file to write the fitted picks to (match/testdata/learned_picks.jsonl)
}

// validate refuses a penalty or a target the fit cannot use: a penalty
// of 0 lets a separable feature run its weight off, and no threshold
// reaches a precision above 1.
func (o gateFitOptions) validate() error {
	var errs []error
	if !(o.l2 > 0) || math.IsInf(o.l2, 1) { // NaN fails the first
		errs = append(errs, fmt.Errorf("--fit-l2 %g: want a finite penalty above 0", o.l2))
	}
	if !(o.target > 0 && o.target <= 1) {
		errs = append(errs, fmt.Errorf("--fit-target %g: want a precision in (0, 1]", o.target))
	}
	return errors.Join(errs...)
}

// fitFlags refuses what --fit-gate would silently leave out: a --fit-*
// flag without it, and with it a split other than train (the fit reads
// train alone), --json or --by-kind (it prints neither).
func fitFlags(cmd *cobra.Command, fitGate bool, split string, asJSON bool) error {
	if !fitGate {
		for _, name := range []string{"fit-picks", "fit-l2", "fit-target", "fit-dump"} {
			if cmd.Flags().Changed(name) {
				return fmt.Errorf("--%s needs --fit-gate", name)
			}
		}
		return nil
	}
	byKind, _ := cmd.Flags().GetBool("by-kind")
	switch {
	case split != "all" && split != "train":
		return fmt.Errorf("--fit-gate --split %s: the fit reads the train pairs alone", split)
	case asJSON:
		return errors.New("--fit-gate prints a table, not --json")
	case byKind:
		return errors.New("--fit-gate prints no --by-kind table")
	}
	return nil
}

// foldable refuses train items cross-validation by job cannot split: one
// without a job, or fewer than two jobs.
func foldable(train []eval.EvidenceItem) error {
	if len(train) == 0 {
		return errors.New("fit gate: the set has no train pairs")
	}
	jobs := map[string]bool{}
	for _, it := range train {
		if it.Job == "" {
			return fmt.Errorf("fit gate: item %s has no job, so cross-validation by job cannot hold it out", it.ID)
		}
		jobs[it.Job] = true
	}
	if len(jobs) < 2 {
		return fmt.Errorf("fit gate: the train pairs come from %d job, cross-validation by job needs 2 or more", len(jobs))
	}
	return nil
}

// pickJobs counts the jobs with a pick among the pairs.
func pickJobs(gp []eval.GatePair) int {
	jobs := map[string]bool{}
	for _, p := range gp {
		if p.Pick {
			jobs[p.Job] = true
		}
	}
	return len(jobs)
}

// gatePick is one fitted pick as --fit-dump writes it: the pair, where
// the bullet sits, its features and its label.
type gatePick struct {
	Job         string    `json:"job"` // the fold cross-validation holds it out in
	Requirement string    `json:"requirement"`
	Bullet      string    `json:"bullet"`
	Work        bool      `json:"work"`
	Latest      bool      `json:"latest"`
	X           []float64 `json:"x"`
	Strong      bool      `json:"strong"`
}

// runGateFit fits the learned strong gate (match.Options.LearnedGate) on
// the train pairs of an evidence set and prints its coefficients as the
// table match/learned_model.go holds, with the strong precision / recall
// curve in sample and under job-grouped cross-validation. It reads the
// train pairs only: held-out pairs are never fitted or printed.
func runGateFit(ctx context.Context, w io.Writer, l eval.Lookup, grader *match.Grader, items []eval.EvidenceItem, o gateFitOptions) error {
	var dump *dumpFile // opened before the grading, written after it
	if o.dump != "" {
		var err error
		if dump, err = openDump("--fit-dump", o.dump); err != nil {
			return err
		}
		defer dump.discard()
	}
	var train []eval.EvidenceItem
	for _, it := range items {
		if it.Split == "train" {
			train = append(train, it)
		}
	}
	if err := foldable(train); err != nil {
		return &exitError{code: 2, err: err}
	}
	pairs, unresolved, err := eval.ResolvePairs(ctx, l, train)
	if err != nil {
		return fmt.Errorf("fit gate: %w", err)
	}
	switch {
	case len(pairs) == 0 && unresolved["train"] == 0:
		return &exitError{code: 2, err: errors.New("fit gate: the set has no train pairs (no judged bullets)")}
	case len(pairs) == 0:
		return &exitError{code: 2, err: fmt.Errorf("fit gate: none of the %d train pairs is in the index: index the corpus the set was judged on", unresolved["train"])}
	}
	var gp []eval.GatePair
	var picks []gatePick
	for _, p := range pairs {
		rd := grader.Read(p.Requirement, p.Bullet, p.Place)
		pick := rd.Gated == match.Strong
		if o.picks == "older" {
			pick = rd.Older == match.Strong
		}
		gp = append(gp, eval.GatePair{Job: p.Job, X: rd.Features, Pick: pick, Strong: p.Grade == 2})
		if pick {
			picks = append(picks, gatePick{p.Job, p.Requirement, p.Bullet, p.Place.Work, p.Place.Latest, rd.Features, p.Grade == 2})
		}
	}
	if err := grader.Err(); err != nil {
		return fmt.Errorf("fit gate: the model failed, so the cosines are not its: %w", err)
	}
	// foldable counted the jobs of the set; the fit folds the picks the
	// index resolves, which may come from fewer.
	if n := pickJobs(gp); n < 2 {
		return &exitError{code: 2, err: fmt.Errorf("fit gate: the strong picks among the train pairs in the index come from %d job, cross-validation by job needs 2 or more", n)}
	}
	f, err := eval.FitGate(gp, o.l2, o.target)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "learned gate over the %s rules' strong picks, %d train pairs, L2 %g, target precision %.2f\n\n", o.picks, len(gp), o.l2, o.target)
	fmt.Fprintf(w, "%-6s  %-22s  %-22s\n", "at", "in sample P / R (pred)", "CV by job P / R (pred)")
	for i, c := range f.CV {
		s := f.InSample[i]
		fmt.Fprintf(w, "%-6.2f  %.3f / %.3f (%3d)     %.3f / %.3f (%3d)\n", c.At, s.Precision, s.Recall, s.Predicted, c.Precision, c.Recall, c.Predicted)
	}
	fmt.Fprintf(w, "\nchosen on the CV curve: %.2f (the lowest reaching the target with ≥ 10 calls, else the most precise at recall ≥ 0.3)\n", f.At)
	fmt.Fprintf(w, "nested CV (each fold chooses its own threshold): %.3f / %.3f (%d), thresholds %v\n\n",
		f.Nested.Precision, f.Nested.Recall, f.Nested.Predicted, f.FoldAts)
	drop, err := eval.DropOne(gp, o.l2, f.At)
	if err != nil {
		return err
	}
	// Only once the model has read every pair and the fit has run: a
	// dump of cosines read as 0 would overwrite the testdata the table is
	// checked against, and a fit that fails leaves the file as it was.
	if dump != nil {
		if err := writeDump(dump, picks); err != nil {
			return fmt.Errorf("fit gate: %w", err)
		}
	}
	fmt.Fprintf(w, "CV by job at %.2f with one feature left out:\n", f.At)
	for i, c := range drop {
		fmt.Fprintf(w, "  %-15s %.3f / %.3f (%d)\n", match.FeatureNames[i], c.Precision, c.Recall, c.Predicted)
	}
	fmt.Fprintf(w, "\nvar learnedModel = Logit{\n\tBias: %s,\n", fnum(f.Model.Bias))
	for _, part := range []struct {
		name string
		v    []float64
	}{{"Weights", f.Model.Weights}, {"Mean", f.Model.Mean}, {"Scale", f.Model.Scale}} {
		var s []string
		for _, v := range part.v {
			s = append(s, fnum(v))
		}
		fmt.Fprintf(w, "\t%s: []float64{%s},\n", part.name, strings.Join(s, ", "))
	}
	fmt.Fprintf(w, "}\n\nconst learnedAt = %s\n\n// features: %s\n", fnum(f.At), strings.Join(match.FeatureNames, ", "))
	return nil
}

func fnum(v float64) string { return fmt.Sprintf("%.6g", v) }
