package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
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
		Long: `Match splits a job description (text, Markdown, HTML, PDF or JSON
Resume's job schema; "-" reads standard input) into requirements, finds each
candidate's best evidence bullet per requirement, and ranks candidates by
how well — and how recently — their bullets cover the must-haves and the
nice-to-haves.`,
		Example: `  vitae match job.md
  vitae match --json --limit 5 job.json
  pbpaste | vitae match -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := match.CheckFormat(format); err != nil {
				return usage(fmt.Errorf("--format: %w", err))
			}
			jd, err := readJD(args[0])
			if err != nil {
				return err
			}
			if format == "" {
				format = formatOf(args[0])
			}
			a, srv, cfg, err := g.openOrRemote(cmd, nil, func(cfg *Config) error {
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
			log := newLogger(cfg, g.stderr)
			for _, w := range res.Warnings {
				log.Warn(w.Message, "code", w.Code, "file", args[0])
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

// readJD reads a job description file ("-" reads standard input) as
// match.ReadJD does, a PDF as its text. A file that is not there is a
// failure (exit 1); one that is no job description (binary data, a DOCX,
// a PDF without text) is a usage error (exit 2) naming the file.
func readJD(path string) (string, error) {
	b, err := readInput(path)
	if err != nil {
		return "", err
	}
	text, err := match.ReadJD(b)
	if err != nil {
		return "", usage(fmt.Errorf("%s: %w", path, err))
	}
	if strings.TrimSpace(text) == "" {
		return "", usage(fmt.Errorf("%s: job description is empty", path)) // bad input, as binary data is
	}
	return text, nil
}

func readInput(path string) ([]byte, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read job description: %w", err)
	}
	return b, nil
}

func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return "markdown"
	case ".html", ".htm":
		return "html"
	case ".json":
		return "json"
	case ".txt", ".pdf": // a PDF is read as its text
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
	if line := weightsLine(res); line != "" {
		fmt.Fprintln(w, line)
	}
	if d := res.RequirementsDropped; d > 0 && !hasWarning(res.Warnings, match.WarnDropped) {
		// A server of before the warning: its count alone.
		n := len(res.Requirements)
		fmt.Fprintf(w, "%d of %d requirements read are matched; the other %d are not\n", n, n+d, d)
	}
	if res.Degraded {
		fmt.Fprintf(w, "(degraded: %s)\n", res.DegradedReason)
	}
	// Said in the answer too, not only logged: --log-level error must not
	// hide that the ranking is of a résumé or a text not in English.
	for _, wn := range res.Warnings {
		fmt.Fprintf(w, "Warning: %s\n", wn.Message)
	}
	if len(res.Candidates) == 0 {
		fmt.Fprintln(w, "No candidate has evidence for these requirements.")
		return
	}
	fmt.Fprintln(w, match.Legend)
	for i, c := range res.Candidates {
		who := c.Person
		if c.ResumeID != "" {
			who += " (" + c.ResumeID + ")" // what "vitae jobs fit" and /resumes/ID take
		}
		fmt.Fprintf(w, "\n%d. %s  fit %d%%  %s  %s\n", i+1, who, c.Fit, c.Coverage.Summary(), yearsText(c))
		printEvidence(w, c, res.Requirements)
	}
}

// hasWarning reports whether ws holds a warning of code.
func hasWarning(ws []match.Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}

// weightsLine says what each requirement counts for in the evidence mean
// when one counts for less than its kind (naming no skill, tool or role,
// or not core): the score's numbers must all be shown. Empty otherwise.
func weightsLine(res *match.Result) string {
	var less []string
	for _, r := range res.Requirements {
		full := res.Weights.NiceToHave
		if r.MustHave {
			full = res.Weights.MustHave
		}
		if r.Weight > 0 && r.Weight < full {
			less = append(less, fmt.Sprintf("%q %s", r.Text, strconv.FormatFloat(r.Weight, 'f', -1, 64)))
		}
	}
	if len(less) == 0 {
		return ""
	}
	why := "naming no skill, tool or role"
	if res.Weights.Core > 0 {
		why += ", or not core to the role"
	}
	return fmt.Sprintf("weights: must-have %s, nice-to-have %s; counting less (%s): %s",
		strconv.FormatFloat(res.Weights.MustHave, 'f', -1, 64), strconv.FormatFloat(res.Weights.NiceToHave, 'f', -1, 64), why, strings.Join(less, ", "))
}

// yearsText is a candidate's years as the CLI prints them. When the JD
// asks for years, it says the years its years fit counted (leading SREs,
// in such roles), not their career's: career years beside "5+ years
// leading" read as met when the score says not. A résumé without dated
// roles has no years to count, which "0.0 years" misstates.
func yearsText(c match.Candidate) string {
	career := "no dated roles"
	if c.YearsExperience > 0 {
		career = fmt.Sprintf("%.1f years in all", c.YearsExperience)
	}
	if len(c.Explain.Years) == 0 {
		if c.YearsExperience == 0 {
			return career
		}
		// "in leadership roles": leading people of any field.
		return fmt.Sprintf("%.1f years (%.1f in leadership roles)", c.YearsExperience, c.LeadershipYears)
	}
	notes := make([]string, len(c.Explain.Years))
	total := false // a check counted the career's years: a note says them
	for i, y := range c.Explain.Years {
		notes[i] = y.Note()
		total = total || y.Kind == "total"
	}
	if c.Explain.Years[0].Unknown {
		return match.UnknownYears(c.Explain.Years) // every check unknown alike: said once
	}
	if total && c.YearsExperience > 0 {
		return strings.Join(notes, "; ")
	}
	return strings.Join(notes, "; ") + " (" + career + ")"
}

// printEvidence is a candidate's formula and evidence per requirement,
// as both match and jobs fit print them; a requirement that asks for
// years says the years counted, met or not; a nice-to-have says so (reqs
// are the JD's requirements, which Missing names by text only).
func printEvidence(w io.Writer, c match.Candidate, reqs []match.Requirement) {
	nice := map[string]bool{}
	for _, r := range reqs {
		nice[r.Text] = !r.MustHave
	}
	fmt.Fprintf(w, "   %s\n", c.Explain.Formula)
	for _, e := range c.Matched {
		level := e.Level
		if !e.MustHave {
			level += ", nice to have"
		}
		if e.Years != "" {
			level += ", " + e.Years
		}
		fmt.Fprintf(w, "   %s %s (%s)\n     ← %s\n", match.Mark(e.Level), e.Requirement, level, e.Text)
	}
	for _, m := range c.Missing {
		note := ""
		if n := c.MissingNote(m); n != "" {
			note = " (" + n + ")"
		}
		if nice[m] {
			note = " (nice to have)" + note
		}
		fmt.Fprintf(w, "   %s %s%s\n", match.Mark(match.None.String()), m, note)
	}
}
