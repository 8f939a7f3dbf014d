package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"vitae/audit"
)

// openAudit opens the index directory's audit log for writing (serve,
// replay, retention); nil when audit.enabled is false.
func openAudit(cfg *Config, a *app) (*audit.Log, error) {
	if !cfg.Audit.Enabled {
		return nil, nil
	}
	return audit.Open(audit.Options{Dir: cfg.Index.Path, StoreText: cfg.Audit.StoreText, Retention: cfg.Audit.Retention, Logger: a.log})
}

// readAudit opens the audit log read-only, for verify, export and rates.
func readAudit(cfg *Config) (*audit.Log, error) {
	path := filepath.Join(cfg.Index.Path, audit.FileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no audit log at %s (audit.enabled, and has the server run?)", path)
	}
	return audit.Open(audit.Options{Dir: cfg.Index.Path, Retention: cfg.Audit.Retention, ReadOnly: true})
}

// parseWhen reads --since/--until: a date, an RFC 3339 time, or a
// duration back from now ("720h").
func parseWhen(v string, now time.Time) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (2026-09-01), an RFC 3339 time or a duration back from now (720h)", v)
}

func newAuditCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Verify, export and summarise the audit log of rankings and decisions",
		Long: `The audit log (index.path/audit.db) records every ranking a person saw
and the human actions that followed, hash-chained so that tampering shows.
These commands read it; stop the server first, or use GET /api/v1/audit.
See docs/compliance.md.`,
	}
	cmd.AddCommand(newAuditVerifyCmd(g), newAuditExportCmd(g), newAuditRatesCmd(g))
	return cmd
}

func newAuditVerifyCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the hash chain; exit 1 if an entry was edited, removed or reordered",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := g.load(cmd, nil)
			if err != nil {
				return err
			}
			l, err := readAudit(cfg)
			if err != nil {
				return err
			}
			defer l.Close()
			v, err := l.Verify()
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(g.stdout, v); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(g.stdout, "%d entries (%d–%d), head %.16s…\n", v.Entries, v.First, v.Last, v.Head)
				for _, p := range v.Problems {
					fmt.Fprintf(g.stdout, "entry %d: %s\n", p.Seq, p.Reason)
				}
			}
			if !v.OK() {
				return &exitError{code: 1, err: fmt.Errorf("audit log: %d problems", len(v.Problems))}
			}
			if !asJSON {
				fmt.Fprintln(g.stdout, "chain intact")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

func newAuditExportCmd(g *globals) *cobra.Command {
	var since, until, action, job string
	cmd := &cobra.Command{
		Use:     "export",
		Short:   "Print entries as JSON lines, oldest first, pseudonyms resolved",
		Example: "  vitae audit export --since 720h > last-month.jsonl\n  vitae audit export --since 2026-09-01 --action shortlisted",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := g.load(cmd, nil)
			if err != nil {
				return err
			}
			f := audit.Filter{Action: audit.Action(action), Job: job}
			if f.Action != "" && !f.Action.Valid() {
				return &exitError{code: 2, err: fmt.Errorf("--action: unknown action %q", action)}
			}
			now := time.Now()
			var e1, e2 error
			f.Since, e1 = parseWhen(since, now)
			f.Until, e2 = parseWhen(until, now)
			if err := errors.Join(e1, e2); err != nil {
				return &exitError{code: 2, err: err}
			}
			l, err := readAudit(cfg)
			if err != nil {
				return err
			}
			defer l.Close()
			return l.Records(f, func(r audit.Record) error { return writeJSONLine(g.stdout, r) })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&since, "since", "", "from this date, time or duration ago (720h)")
	fl.StringVar(&until, "until", "", "before this date, time or duration ago")
	fl.StringVar(&action, "action", "", "only this action (search, match, opened, shortlisted, rejected, exported, deleted, revealed, explained)")
	fl.StringVar(&job, "job", "", "only this job")
	return cmd
}

func newAuditRatesCmd(g *globals) *cobra.Command {
	var since, until, job, categories string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "rates",
		Short: "Counts per job and period; selection and scoring rates per category for a bias audit",
		Long: `Rates counts, for one job and period, the candidates ranked, shortlisted
and rejected. With --categories, a CSV of resume_id,category that the
deployer collected (self-reported by candidates; Vitae never uses it to
rank and never infers it), it adds per category the selection rate, the
scoring rate (share above the median score) and both impact ratios — the
figures an independent auditor needs under NYC Local Law 144. It is an
aid to that audit, not the audit.`,
		Example: "  vitae audit rates --job sre-1 --since 2026-01-01 --categories categories.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := g.load(cmd, nil)
			if err != nil {
				return err
			}
			if job == "" {
				return &exitError{code: 2, err: errors.New("--job is required")}
			}
			now := time.Now()
			from, e1 := parseWhen(since, now)
			to, e2 := parseWhen(until, now)
			if err := errors.Join(e1, e2); err != nil {
				return &exitError{code: 2, err: err}
			}
			var cats map[string]string
			if categories != "" {
				f, err := os.Open(categories)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				cats, err = audit.ReadCategories(f)
				f.Close()
				if err != nil {
					return &exitError{code: 2, err: fmt.Errorf("%s: %w", categories, err)}
				}
			}
			l, err := readAudit(cfg)
			if err != nil {
				return err
			}
			defer l.Close()
			r, err := l.Rates(job, from, to, cats)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, r)
			}
			printRates(g, r)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&job, "job", "", "the job: its label in match requests, or jd-… from the log (required)")
	fl.StringVar(&since, "since", "", "from this date, time or duration ago")
	fl.StringVar(&until, "until", "", "before this date, time or duration ago")
	fl.StringVar(&categories, "categories", "", "CSV of resume_id,category supplied by the deployer")
	fl.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

func printRates(g *globals, r *audit.Rates) {
	fmt.Fprintf(g.stdout, "job %s: %d rankings, %d candidates ranked, %d shortlisted, %d rejected (by people), median score %.3f\n",
		r.Job, r.Rankings, r.Ranked, r.Shortlisted, r.Rejected, r.MedianScore)
	if r.Categories == nil {
		return
	}
	tw := tabwriter.NewWriter(g.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "category\tranked\tshortlisted\tselection rate\timpact ratio\tabove median\tscoring rate\timpact ratio")
	for _, c := range r.Categories {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%d\t%.3f\t%.3f\n", c.Category, c.Ranked, c.Shortlisted, c.SelectionRate,
			c.SelectionImpactRatio, c.AboveMedian, c.ScoringRate, c.ScoringImpactRatio)
	}
	tw.Flush()
}

// writeJSONLine prints v as one line of JSON (JSONL exports).
func writeJSONLine(w io.Writer, v any) error { return json.NewEncoder(w).Encode(v) }
