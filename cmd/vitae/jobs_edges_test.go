package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vitae/ingest/ingesttest"
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

// A PDF job description is read as its text, as résumés are: match
// ranks for its requirements and jobs add stores its text, never its PDF
// syntax ("%PDF-1.4", "2 0 obj"). A PDF without text and a DOCX are usage
// errors naming the file, as a bad --format value is.
func TestPDFJobDescription(t *testing.T) {
	dir := workdir(t)
	if code, _, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	files := map[string][]byte{
		"job.pdf":  linesPDF("SRE Manager", "Requirements:", "- Lead a team of site reliability engineers", "- Kubernetes in production"),
		"scan.pdf": linesPDF(),
		"job.md":   []byte("## Requirements\n- Kubernetes in production\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args      []string
		code      int
		want, not string // in stdout, or stderr when the code is not 0
	}{
		{[]string{"match", "job.pdf"}, 0, "SRE Manager\n2 requirement(s), 2 must-have", "%PDF"},
		{[]string{"match", "data/riley-chen.pdf"}, 0, "Riley Chen\n", "%PDF"}, // a résumé, as the tryout sent
		{[]string{"jobs", "add", "job.pdf"}, 0, "SRE Manager", "%PDF"},
		{[]string{"match", "scan.pdf"}, 2, "scan.pdf: job description is a PDF without text", ""},
		{[]string{"jobs", "add", "scan.pdf"}, 2, "scan.pdf: job description is a PDF without text", ""},
		{[]string{"match", "data/morgan-blake.docx"}, 2, "morgan-blake.docx: job description is a DOCX", ""},
		{[]string{"match", "--format", "pdf", "job.md"}, 2, `--format: format "pdf": want one of text, markdown, html, json`, ""},
		{[]string{"jobs", "add", "--format", "pdf", "job.md"}, 2, `--format: format "pdf"`, ""},
	}
	for _, tt := range tests {
		code, out, errOut := cli(t, dir, tt.args...)
		got := out
		if tt.code != 0 {
			got = errOut
		}
		if code != tt.code || !strings.Contains(got, tt.want) || (tt.not != "" && strings.Contains(out+errOut, tt.not)) {
			t.Errorf("%v: exit %d, want %d with %q and no %q\nstdout:\n%.400s\nstderr:\n%s", tt.args, code, tt.code, tt.want, tt.not, out, errOut)
		}
	}
	if code, out, _ := cli(t, dir, "jobs", "list", "--json"); code != 0 || strings.Contains(out, "%PDF") || !strings.Contains(out, "SRE Manager") {
		t.Errorf("jobs list: exit %d\n%s", code, out)
	}
}

// A résumé given as the job description, as JSON Resume or as text, and
// a job description not in English are matched, as before, with a
// warning on stderr naming the file, in the printed answer and in
// --json's warnings; jobs add warns the same.
func TestJobDescriptionWarnings(t *testing.T) {
	dir := workdir(t)
	if code, _, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	const german = "# Site Reliability Engineer (m/w/d)\nWir sind ein Softwareunternehmen in Berlin und suchen eine*n SRE für unser Plattform-Team.\n" +
		"## Dein Profil\n- Mindestens drei Jahre Erfahrung im Betrieb von verteilten Systemen\n- Sehr gute Kenntnisse in Linux, Kubernetes und einer Programmiersprache wie Go\n" +
		"- Du arbeitest gerne im Team und kommunizierst sicher auf Deutsch und Englisch mit den Kollegen\n"
	for name, text := range map[string]string{"stelle.md": german, "job.md": "# SRE\n## Requirements\n- Kubernetes in production\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const resume, notEnglish = "looks like a résumé", "does not look like English"
	tests := []struct {
		args         []string
		out, warning string // in stdout; in stderr and, but for jobs add, stdout too
	}{
		{[]string{"match", "data/aisha-rahman.json"}, "requirement(s)", resume},
		{[]string{"match", "--json", "data/aisha-rahman.json"}, "\"warning_codes\": [\n    \"looks_like_resume\"", resume},
		{[]string{"jobs", "add", "data/aisha-rahman.json"}, "Stored", resume},
		{[]string{"match", "data/jordan-lee.md"}, "Warning: the job description looks like a résumé (dated roles", resume},
		{[]string{"match", "stelle.md"}, "Warning: the job description does not look like English (it reads as German)", notEnglish},
		{[]string{"match", "--json", "stelle.md"}, "\"warning_codes\": [\n    \"not_english\"", notEnglish},
		{[]string{"jobs", "add", "stelle.md"}, "Stored", notEnglish},
	}
	for _, tt := range tests {
		code, out, errOut := cli(t, dir, tt.args...)
		file := tt.args[len(tt.args)-1]
		if code != 0 || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.warning) || !strings.Contains(errOut, file) {
			t.Errorf("%v: exit %d, want 0 with %q and a warning naming the file\nstdout:\n%.300s\nstderr:\n%s", tt.args, code, tt.out, out, errOut)
		}
	}
	if code, out, errOut := cli(t, dir, "match", "job.md"); code != 0 || strings.Contains(errOut, "warn") || strings.Contains(out, "Warning") {
		t.Errorf("a job: exit %d, want 0 without a warning\n%s%s", code, out, errOut)
	}
}

// linesPDF is a one-page PDF with one Helvetica line per entry.
func linesPDF(lines ...string) []byte {
	var content strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 11 Tf 50 %d Td (%s) Tj ET\n", 770-14*i, l)
	}
	return ingesttest.PDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		ingesttest.Stream("", content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
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
		{match.Candidate{Person: "Marks", Matched: []match.Evidence{{Requirement: "AWS", Text: "Skills: AWS", Level: "partial", MustHave: true}}, Missing: []string{"Go"}},
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

// A match past the requirement cap says so once: by its warning, which
// names the requirements left out, or, from a server that sends none,
// by the count; one within it says nothing of a cap.
func TestPrintMatchSaysRequirementsDropped(t *testing.T) {
	reqs := make([]match.Requirement, match.MaxRequirements)
	for i := range reqs {
		reqs[i] = match.Requirement{Text: fmt.Sprintf("Experience with system %d", i+1), MustHave: true}
	}
	warned := []match.Warning{{Code: match.WarnDropped, Message: "20 that say least are not matched"}}
	tests := []struct {
		name      string
		res       match.Result
		want, not string
	}{
		{"warned", match.Result{Requirements: reqs, RequirementsDropped: 20, Warnings: warned}, "40 requirement(s), 40 must-have\nWarning: 20 that say least are not matched\n", "requirements read"},
		{"counted only", match.Result{Requirements: reqs, RequirementsDropped: 20}, "40 requirement(s), 40 must-have\n40 of 60 requirements read are matched; the other 20 are not\n", "the first 40"},
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

// A jobs subcommand without its argument says what the argument is and
// where to find one (a tryout met cobra's "accepts 1 arg(s), received
// 0"), and exits 2 as other usage errors do; match prints the IDs that
// jobs fit takes.
func TestJobsArgsSayWhatTheyAre(t *testing.T) {
	dir := workdir(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"jobs", "fit"}, "vitae jobs fit needs RESUME_ID: a résumé's ID, as vitae match prints it"},
		{[]string{"jobs", "rm"}, "vitae jobs rm needs JOB_ID: the first column of vitae jobs list"},
		{[]string{"jobs", "add"}, "vitae jobs add needs JD_FILE"},
		{[]string{"jobs", "rm", "a", "b"}, "vitae jobs rm takes one JOB_ID, got 2 arguments"},
	} {
		code, _, errOut := cli(t, dir, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 saying %q", tt.args, code, errOut, tt.want)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "job.txt"), []byte("SRE Manager\n\nRequirements:\n- Lead a team of site reliability engineers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, dir, "match", "job.txt")
	if code != 0 || !strings.Contains(out, "1. Jordan Lee (jordan-lee)  fit ") {
		t.Errorf("match: exit %d, %s %s; want the candidate's ID after the name", code, out, errOut)
	}
}
