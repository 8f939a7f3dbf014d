package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/spf13/cobra"

	"vitae/match"
	"vitae/web/workbench"
)

func newJobsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "jobs",
		Short: "Store job descriptions and see the jobs a candidate fits",
		Long: `Jobs keeps job descriptions in workbench.db beside the index (the file
of shortlists and saved searches), so a candidate's page, the API
(GET /api/v1/resumes/ID/jobs) and "vitae jobs fit" can score a person
against each of them as "vitae match" scores candidates. While
"vitae serve" holds the file, the commands ask that server (its API,
/api/v1/jobs) instead.`,
		Example: `  vitae jobs add job.md
  vitae jobs list
  vitae jobs fit jordan-lee
  vitae jobs rm 3f9a1c0d5e7b2a64`,
	}
	cmd.AddCommand(newJobsAddCmd(g), newJobsListCmd(g), newJobsRmCmd(g), newJobsFitCmd(g))
	return cmd
}

// openJobs opens the workbench file of the configured index directory;
// when a running server holds it, it returns that server to ask instead
// (saying so on stderr), as search and match do.
// timeout bounds each request to the server: list, add and rm answer at
// once (jobsTimeout), fit scores every job (matchTimeout).
func (g *globals) openJobs(cmd *cobra.Command, timeout time.Duration) (*workbench.Store, *remote, error) {
	cfg, _, err := g.load(cmd, nil)
	if err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(cfg.Index.Path, 0o700); err != nil {
		return nil, nil, fmt.Errorf("index directory: %w", err)
	}
	wb, err := workbench.Open(cfg.Index.Path)
	if errors.Is(err, workbench.ErrInUse) {
		if _, _, rerr := readServeAddr(cfg.Index.Path); rerr != nil {
			return nil, nil, fmt.Errorf("%w: another vitae process holds it (a command still running, or a server that names no address in %s); let it finish or stop it, or use a server's API (/api/v1/jobs)", err, addrFile)
		}
		srv, derr := dialServer(cmd.Context(), cfg.Index.Path, cfg.Server.APIKey, timeout)
		if derr != nil {
			return nil, nil, fmt.Errorf("workbench of %s is %w: %w", cfg.Index.Path, err, derr)
		}
		fmt.Fprintf(g.stderr, "vitae: %s is held by the server at %s; asking it\n", cfg.Index.Path, srv.base)
		return nil, srv, nil
	}
	return wb, nil, err
}

// jobsTimeout bounds a request to a server that lists, stores or deletes
// a job: a port that accepts but never answers fails the command soon.
const jobsTimeout = 10 * time.Second

func newJobsAddCmd(g *globals) *cobra.Command {
	var title, format string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add JD_FILE",
		Short: "Store a job description (text, Markdown, HTML, PDF or JSON; - reads standard input)",
		Args:  oneArg("JD_FILE", "a job description's file, or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := match.CheckFormat(format); err != nil {
				return usage(fmt.Errorf("--format: %w", err))
			}
			text, err := readJD(args[0])
			if err != nil {
				return err
			}
			if format == "" {
				format = formatOf(args[0])
			}
			j, err := match.NewJob(title, text, format)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if ws := j.Warnings; len(ws) > 0 {
				_, log, err := g.load(cmd, nil)
				if err != nil {
					return err
				}
				for _, w := range ws {
					log.Warn(w.Message, "code", w.Code, "file", args[0])
				}
			}
			wb, srv, err := g.openJobs(cmd, jobsTimeout)
			if err != nil {
				return err
			}
			saved, created := &workbench.Job{}, false
			if srv != nil {
				var status int
				status, err = srv.do(cmd.Context(), http.MethodPost, "/jobs", map[string]string{"title": j.Title, "job_description": j.JobDescription, "format": j.Format}, saved)
				created = status == http.StatusCreated
			} else {
				defer wb.Close()
				saved, created, err = wb.SaveJob(workbench.Job{Title: j.Title, JobDescription: j.JobDescription, Format: j.Format})
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, saved)
			}
			verb := "Stored"
			if !created {
				verb = "Stored already:"
			}
			fmt.Fprintf(g.stdout, "%s %s  %s\n", verb, saved.ID, saved.Title)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&title, "title", "", "title (default: the description's own, else its first requirement)")
	f.StringVar(&format, "format", "", "text, markdown, html or json (default: from the file extension, else detected)")
	f.BoolVar(&asJSON, "json", false, "print the stored job as JSON")
	return cmd
}

func newJobsListCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the stored job descriptions, oldest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			js, err := g.storedJobs(cmd)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, map[string]any{"jobs": js})
			}
			if len(js) == 0 {
				fmt.Fprintln(g.stdout, "No stored jobs: add one with \"vitae jobs add FILE\".")
			}
			for _, j := range js {
				fmt.Fprintf(g.stdout, "%s  %s  %s\n", j.ID, j.Created.Format("2006-01-02"), j.Title)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the jobs as JSON")
	return cmd
}

func newJobsRmCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "rm JOB_ID",
		Short: "Delete a stored job description",
		Long: `Rm deletes one stored job description by its ID, the first column of
"vitae jobs list". It is no longer offered on the match page nor among
the jobs a person fits.`,
		Example: `  vitae jobs list
  vitae jobs rm 3f9a1c0d5e7b2a64`,
		Args: oneArg("JOB_ID", "the first column of vitae jobs list"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, srv, err := g.openJobs(cmd, jobsTimeout)
			if err != nil {
				return err
			}
			if srv != nil {
				_, err = srv.do(cmd.Context(), http.MethodDelete, "/jobs/"+url.PathEscape(args[0]), nil, &struct{}{})
			} else {
				defer wb.Close()
				err = wb.DeleteJob(args[0])
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "Deleted %s\n", args[0])
			return nil
		},
	}
}

func newJobsFitCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "fit RESUME_ID",
		Short: "Score one candidate against every stored job, best fit first",
		Long: `Fit scores a résumé against each stored job description as "vitae
match" scores a candidate (the same requirement queries, evidence levels,
role fit and years) but for the length factor, which is the same for
every job of one person: a fit here reads higher than "vitae match" shows
for a résumé of more than 10 bullets. It prints the jobs best fit first
with the evidence per requirement.

RESUME_ID is a résumé's ID, as "vitae match" prints it after the
person's name ("1. Olive Haven (0xhaven-0xhaven-github-io)  fit 22%")
and the search page shows it in a candidate's address (/resumes/ID).`,
		Example: `  vitae match job.md      # candidates, each with its ID
  vitae jobs fit 0xhaven-0xhaven-github-io`,
		Args: oneArg("RESUME_ID", "a résumé's ID, as vitae match prints it after the person's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			wb, srv, err := g.openJobs(cmd, matchTimeout)
			if err != nil {
				return err
			}
			if srv != nil {
				var ans fitsAnswer
				if _, err := srv.do(cmd.Context(), http.MethodGet, "/resumes/"+url.PathEscape(args[0])+"/jobs", nil, &ans); err != nil {
					return err
				}
				if asJSON {
					return writeJSON(g.stdout, ans)
				}
				printFits(g.stdout, ans.Person, ans.ResumeID, ans.Jobs)
				return nil
			}
			defer wb.Close()
			stored, err := wb.Jobs()
			if err != nil {
				return err
			}
			a, err := g.openIndexed(cmd, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			r, err := a.engine.Resume(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			jobs := make([]match.Job, len(stored))
			for i, j := range stored {
				jobs[i] = match.Job{ID: j.ID, Title: j.Title, JobDescription: j.JobDescription, Format: j.Format}
			}
			fits, err := a.matcher.Fits(cmd.Context(), r.ID, jobs)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, fitsAnswer{ResumeID: r.ID, Person: r.DisplayName(), FitDefinition: match.FitDefinition, Jobs: fits})
			}
			printFits(g.stdout, r.DisplayName(), r.ID, fits)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the fits as JSON")
	return cmd
}

// fitsAnswer is what jobs fit --json prints, GET /resumes/{id}/jobs's answer.
type fitsAnswer struct {
	ResumeID      string         `json:"resume_id"`
	Person        string         `json:"person"`
	FitDefinition string         `json:"fit_definition"`
	Jobs          []match.JobFit `json:"jobs"`
}

// storedJobs lists the stored jobs, from the file or the running server.
func (g *globals) storedJobs(cmd *cobra.Command) ([]workbench.Job, error) {
	wb, srv, err := g.openJobs(cmd, jobsTimeout)
	if err != nil {
		return nil, err
	}
	if srv != nil {
		var ans struct{ Jobs []workbench.Job }
		_, err := srv.do(cmd.Context(), http.MethodGet, "/jobs", nil, &ans)
		return ans.Jobs, err
	}
	defer wb.Close()
	return wb.Jobs()
}

func printFits(w io.Writer, person, id string, fits []match.JobFit) {
	fmt.Fprintf(w, "%s (%s): %d stored job(s)\n", person, id, len(fits))
	if len(fits) == 0 {
		fmt.Fprintln(w, "No stored jobs: add one with \"vitae jobs add FILE\".")
	} else {
		fmt.Fprintln(w, match.Legend)
	}
	for i, f := range fits {
		switch {
		case f.Match == nil:
			fmt.Fprintf(w, "\n%d. %s [%s]  cannot be matched: %s\n", i+1, f.Title, f.JobID, f.Error)
		case len(f.Match.Candidates) == 0:
			fmt.Fprintf(w, "\n%d. %s [%s]  fit 0%%  no evidence for any of %d requirement(s)\n", i+1, f.Title, f.JobID, len(f.Match.Requirements))
			printJobWarnings(w, f.Match)
		default:
			c := f.Match.Candidates[0]
			fmt.Fprintf(w, "\n%d. %s [%s]  fit %d%%  %s\n", i+1, f.Title, f.JobID, c.Fit, c.Coverage.Summary())
			printJobWarnings(w, f.Match)
			printEvidence(w, c, f.Match.Requirements)
		}
	}
}

// printJobWarnings says what a stored job was read with, as match says
// it: requirements past the cap not matched (a fit is scored on the
// rest), a résumé stored as a job, a text not in English.
func printJobWarnings(w io.Writer, res *match.Result) {
	for _, wn := range res.Warnings {
		fmt.Fprintf(w, "   Warning: %s\n", wn.Message)
	}
	if d := res.RequirementsDropped; d > 0 && !hasWarning(res.Warnings, match.WarnDropped) {
		fmt.Fprintf(w, "   %d of %d requirements read are matched; the other %d are not\n", len(res.Requirements), len(res.Requirements)+d, d)
	}
}

// oneArg wants exactly one argument, and says what it is when it is
// missing, which cobra's "accepts 1 arg(s), received 0" does not.
func oneArg(name, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return fmt.Errorf("%s needs %s: %s", cmd.CommandPath(), name, what)
		case len(args) > 1:
			return fmt.Errorf("%s takes one %s, got %d arguments", cmd.CommandPath(), name, len(args))
		}
		return nil
	}
}
