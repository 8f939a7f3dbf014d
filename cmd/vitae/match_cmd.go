package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"vitae/match"
	"vitae/search"
)

func newMatchCmd(g *globals) *cobra.Command {
	var (
		limit  int
		asJSON bool
		format string
	)
	cmd := &cobra.Command{
		Use:   "match JD_FILE",
		Short: "Rank candidates by evidence for each requirement of a job description",
		Long: `Match splits a job description (text, Markdown, HTML or JSON Resume's job
schema; "-" reads standard input) into requirements, finds each
candidate's best evidence bullet per requirement, and ranks candidates by
how well — and how recently — their bullets cover the must-haves and the
nice-to-haves.`,
		Example: `  vitae match job.md
  vitae match --json --limit 5 job.json
  pbpaste | vitae match -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			jd, err := readInput(args[0])
			if err != nil {
				return err // a file that is not there is a failure, not a usage error
			}
			if err := match.CheckText(jd); err != nil {
				return usage(fmt.Errorf("%s: %w", args[0], err))
			}
			if format == "" {
				format = formatOf(args[0])
			}
			a, srv, _, err := g.openOrRemote(cmd, nil, func(cfg *Config) error {
				return search.CheckLimit("--limit", limit, cfg.Search.MaxLimit)
			})
			if err != nil {
				return err
			}
			req := match.Request{JobDescription: jd, Format: format, Limit: limit}
			var res *match.Result
			if srv != nil {
				res = &match.Result{}
				err = srv.post(cmd.Context(), "/match", req, res)
			} else {
				defer a.Close()
				res, err = a.matcher.Match(cmd.Context(), req)
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, res)
			}
			printMatch(g.stdout, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVarP(&limit, "limit", "n", 10, "number of candidates, 1..search.max_limit (0 means 10)")
	f.BoolVar(&asJSON, "json", false, "print the result as JSON")
	f.StringVar(&format, "format", "", "text, markdown, html or json (default: from the file extension, else detected)")
	return cmd
}

func readInput(path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("read job description: %w", err)
	}
	return string(b), nil
}

func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return "markdown"
	case ".html", ".htm":
		return "html"
	case ".json":
		return "json"
	case ".txt":
		return "text"
	}
	return ""
}

func printMatch(w io.Writer, res *match.Result) {
	if res.Title != "" {
		fmt.Fprintf(w, "%s\n", res.Title)
	}
	must := 0
	for _, r := range res.Requirements {
		if r.MustHave {
			must++
		}
	}
	fmt.Fprintf(w, "%d requirement(s), %d must-have", len(res.Requirements), must)
	if res.YearsRequired > 0 {
		fmt.Fprintf(w, ", %.0f+ years", res.YearsRequired)
	}
	fmt.Fprintln(w)
	if d := res.RequirementsDropped; d > 0 {
		n := len(res.Requirements)
		fmt.Fprintf(w, "%d of %d requirements read; the first %d are matched, the other %d are not\n", n, n+d, n, d)
	}
	if res.Degraded {
		fmt.Fprintf(w, "(degraded: %s)\n", res.DegradedReason)
	}
	if len(res.Candidates) == 0 {
		fmt.Fprintln(w, "No candidate has evidence for these requirements.")
		return
	}
	fmt.Fprintln(w, match.Legend)
	for i, c := range res.Candidates {
		fmt.Fprintf(w, "\n%d. %s  fit %d%%  %s  %s\n", i+1, c.Person, c.Fit, c.Coverage.Summary(), yearsText(c))
		printEvidence(w, c)
	}
}

// yearsText is a candidate's years as the CLI prints them; a résumé
// without dated roles has no years to count, which "0.0 years" misstates.
func yearsText(c match.Candidate) string {
	if c.YearsExperience == 0 {
		return "no dated roles"
	}
	// "in leadership roles": leading people of any field; a requirement
	// to lead SREs counts only those roles, and its row says so.
	return fmt.Sprintf("%.1f years (%.1f in leadership roles)", c.YearsExperience, c.LeadershipYears)
}

// printEvidence is a candidate's formula and evidence per requirement,
// as both match and jobs fit print them.
func printEvidence(w io.Writer, c match.Candidate) {
	fmt.Fprintf(w, "   %s\n", c.Explain.Formula)
	for _, e := range c.Matched {
		fmt.Fprintf(w, "   %s %s (%s)\n     ← %s\n", match.Mark(e.Level), e.Requirement, e.Level, e.Text)
	}
	for _, m := range c.Missing {
		fmt.Fprintf(w, "   %s %s\n", match.Mark(match.None.String()), m)
	}
}
