package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"vitae"
	"vitae/audit"
	"vitae/web"
)

// allResumes lists every résumé in the index, without bullets.
func allResumes(ctx context.Context, a *app) ([]*vitae.Resume, error) {
	var out []*vitae.Resume
	for off := 0; ; {
		rs, total, err := a.engine.Resumes(ctx, off, a.cfg.Search.MaxLimit)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
		off += len(rs)
		if len(rs) == 0 || off >= total {
			return out, nil
		}
	}
}

func newRetentionCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "retention",
		Short: "List or erase the résumés kept past retention.resumes",
		Long: `A résumé's retention clock starts when it is uploaded or first seen by
these commands or the server, and restarts on every update and human
action (opened, shortlisted, rejected…); being ranked does not count.
After retention.resumes without activity (or the period of the longest
retention.sources prefix its source starts with) it is erased exactly as
DELETE /api/v1/resumes/{id} erases, and the erasure is logged. The plan
names the rule each résumé falls under. vitae serve sweeps every
retention.sweep_every.`,
	}
	run := func(sweep bool) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, _ []string) error {
			a, err := g.open(cmd, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			policy := a.cfg.retentionPolicy()
			if !policy.Active() {
				return &exitError{code: 2, err: fmt.Errorf("retention.resumes is 0 and no retention.sources rule sets a period: résumés are kept until deleted")}
			}
			l, err := openAudit(a.cfg, a)
			if err != nil {
				return err
			}
			defer l.Close()
			rs, err := allResumes(cmd.Context(), a)
			if err != nil {
				return err
			}
			var exp []audit.Expiry
			if sweep {
				exp, err = l.Sweep(cmd.Context(), a.engine, rs, policy)
			} else {
				exp, err = l.Expired(rs, policy)
			}
			verb := "would be erased"
			if sweep {
				verb = "erased"
			}
			fmt.Fprintf(g.stdout, "%d of %d résumés %s (default: no activity for %s; %d source rules)\n", len(exp), len(rs), verb, policy.Default, len(policy.Rules))
			tw := tabwriter.NewWriter(g.stdout, 2, 4, 2, ' ', 0)
			for _, e := range exp {
				fmt.Fprintf(tw, "%s\tlast activity %s\trule %s (%s)\n", e.ResumeID, e.LastActivity.Format(time.DateOnly), e.Rule, e.Keep)
			}
			tw.Flush()
			return err
		}
	}
	cmd.AddCommand(
		&cobra.Command{Use: "plan", Short: "List the résumés the next sweep would erase", Args: cobra.NoArgs, RunE: run(false)},
		&cobra.Command{Use: "sweep", Short: "Erase them now, as the API's DELETE does, and log it", Args: cobra.NoArgs, RunE: run(true)},
	)
	return cmd
}

// startAudit opens what serve needs for accountability: the audit log
// (nil when off), the pseudonym key, and the retention sweeper. stop
// ends the sweeper and closes the log.
func startAudit(ctx context.Context, a *app) (web.Auditor, *audit.Pseudonyms, func(), error) {
	names, err := audit.OpenPseudonyms(a.cfg.Index.Path)
	if err != nil {
		return nil, nil, nil, err
	}
	l, err := openAudit(a.cfg, a)
	if err != nil || l == nil {
		return nil, names, func() {}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		policy := a.cfg.retentionPolicy()
		if !policy.Active() {
			return
		}
		t := time.NewTicker(a.cfg.Retention.SweepEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			rs, err := allResumes(ctx, a)
			if err == nil {
				_, err = l.Sweep(ctx, a.engine, rs, policy)
			}
			if err != nil && ctx.Err() == nil {
				a.log.Error("retention sweep failed", "error", err)
			}
		}
	}()
	stop := func() {
		cancel()
		<-done
		if err := l.Close(); err != nil {
			a.log.Error("close audit log", "error", err)
		}
	}
	return l, names, stop, nil
}
