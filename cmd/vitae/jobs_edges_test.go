package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vitae/match"
)

// A binary file is no job description: match and jobs add refuse it as a
// usage error (exit 2) that says why, before anything opens.
func TestBinaryJobDescriptionIsAUsageError(t *testing.T) {
	dir := workdir(t)
	b := make([]byte, 1000)
	for i := range b {
		b[i] = byte(i*131 + i/7)
	}
	if err := os.WriteFile(filepath.Join(dir, "job.bin"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"match", "job.bin"}, {"jobs", "add", "job.bin"}} {
		code, out, errOut := cli(t, dir, args...)
		if code != 2 || out != "" || !strings.Contains(errOut, "job.bin: job description is not UTF-8 text") {
			t.Errorf("%v: exit %d\nstdout:\n%.300s\nstderr:\n%s", args, code, out, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "vitae-data")); err == nil {
		t.Error("the index was opened for a file that is no job description")
	}
}

// A candidate without dated roles has no years: the line says so rather
// than "0.0 years (0.0 in leadership roles)"; coverage says how much of "met" is partial.
func TestPrintMatchSaysNoDatedRoles(t *testing.T) {
	tests := []struct {
		c         match.Candidate
		want, not string
	}{
		{match.Candidate{Person: "Undated"}, "Undated  fit 0%  must-haves met 0/0, nice-to-haves 0/0  no dated roles", "0.0 years"},
		{match.Candidate{Person: "Dated", YearsExperience: 6.25, LeadershipYears: 2}, "6.2 years (2.0 in leadership roles)", "no dated roles"},
		{match.Candidate{Person: "Partly", Coverage: match.Coverage{MustMet: 4, MustTotal: 4, MustStrong: 1, NiceMet: 1, NiceTotal: 2}},
			"must-haves met 4/4 (1 strong, 3 partial), nice-to-haves 1/2 (1 partial)", "met 4/4,"},
		{match.Candidate{Person: "Marks", Matched: []match.Evidence{{Requirement: "AWS", Text: "Skills: AWS", Level: "partial"}}, Missing: []string{"Go"}},
			"   ◐ AWS (partial)\n     ← Skills: AWS\n   ✗ Go", "✓ AWS"},
	}
	for _, tt := range tests {
		var b strings.Builder
		printMatch(&b, &match.Result{Candidates: []match.Candidate{tt.c}})
		if out := b.String(); !strings.Contains(out, tt.want) || strings.Contains(out, tt.not) {
			t.Errorf("%s: printed\n%s\nwant %q and no %q", tt.c.Person, out, tt.want, tt.not)
		}
	}
}

// A match past the requirement cap says how many requirements it read
// and matched; one within it says nothing of a cap.
func TestPrintMatchSaysRequirementsDropped(t *testing.T) {
	reqs := make([]match.Requirement, match.MaxRequirements)
	for i := range reqs {
		reqs[i] = match.Requirement{Text: fmt.Sprintf("Experience with system %d", i+1), MustHave: true}
	}
	tests := []struct {
		name      string
		res       match.Result
		want, not string
	}{
		{"past the cap", match.Result{Requirements: reqs, RequirementsDropped: 20}, "40 requirement(s), 40 must-have\n40 of 60 requirements read; the first 40 are matched, the other 20 are not\n", "of 40 requirements"},
		{"within it", match.Result{Requirements: reqs[:3]}, "3 requirement(s), 3 must-have\n", "requirements read"},
	}
	for _, tt := range tests {
		var b strings.Builder
		printMatch(&b, &tt.res)
		if out := b.String(); !strings.Contains(out, tt.want) || strings.Contains(out, tt.not) {
			t.Errorf("%s: printed\n%s\nwant %q and no %q", tt.name, out, tt.want, tt.not)
		}
	}
}
