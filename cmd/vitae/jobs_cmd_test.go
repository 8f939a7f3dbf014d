package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae/match"
	"vitae/web/workbench"
)

// TestJobsCommands drives jobs add, list, fit and rm in-process over the
// sample data: stored jobs survive between runs, the fits come best
// first with their evidence, and a fit equals the match's candidate.
func TestJobsCommands(t *testing.T) {
	dir := workdir(t)
	files := map[string]string{
		"sre.md":   "# SRE Manager\n## Requirements\n- Lead a team of site reliability engineers\n- Kubernetes in production\n## Nice to have\n- Terraform modules\n",
		"fin.txt":  "Financial Analyst\n\nRequirements:\n- Built financial models in Excel\n- Prepared quarterly board reports\n",
		"bad.json": `{"title":"Nothing asked"}`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := cli(t, dir, "jobs", "add", "sre.md")
	if code != 0 || !strings.Contains(out, "SRE Manager") {
		t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = cli(t, dir, "jobs", "add", "--json", "--title", "Analyst", "fin.txt")
	var fin workbench.Job
	if code != 0 || json.Unmarshal([]byte(out), &fin) != nil || fin.Title != "Analyst" || fin.Format != "text" {
		t.Fatalf("add --json: exit %d %+v\n%s%s", code, fin, out, errOut)
	}
	refused := []struct {
		args []string
		code int
		msg  string
	}{
		// A JSON job with nothing to read: the error names the fields read.
		{[]string{"jobs", "add", "bad.json"}, 1, `text in "description", "text", "body" or "job_description"`},
		{[]string{"jobs", "add", "missing.md"}, 1, "read job description"},  // the README: a missing file is 1
		{[]string{"jobs", "add", "--format", "pdf", "sre.md"}, 2, "format"}, // a bad flag value is 2
		{[]string{"jobs", "fit", "nobody"}, 1, "nobody"},
		{[]string{"jobs", "rm", "nope"}, 1, "nope"},
	}
	for _, r := range refused {
		if code, _, errOut := cli(t, dir, r.args...); code != r.code || !strings.Contains(errOut, r.msg) {
			t.Errorf("%v: exit %d %q, want %d and %q", r.args, code, errOut, r.code, r.msg)
		}
	}
	code, out, _ = cli(t, dir, "jobs", "list")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 2 || !strings.HasSuffix(lines[0], "SRE Manager") || !strings.HasPrefix(lines[1], fin.ID) {
		t.Fatalf("list: exit %d\n%s", code, out)
	}

	code, out, errOut = cli(t, dir, "jobs", "fit", "jordan-lee")
	if code != 0 {
		t.Fatalf("fit: exit %d %s", code, errOut)
	}
	for _, want := range []string{"Jordan Lee (jordan-lee): 2 stored job(s)", "1. SRE Manager", "must-haves met 2/2", "← Managed a group of six site reliability engineers", "2. Analyst [" + fin.ID + "]  fit 0%"} {
		if !strings.Contains(out, want) {
			t.Errorf("fit output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = cli(t, dir, "jobs", "fit", "--json", "jordan-lee")
	var fits struct{ Jobs []match.JobFit }
	if code != 0 || json.Unmarshal([]byte(out), &fits) != nil || len(fits.Jobs) != 2 || fits.Jobs[0].Match == nil || len(fits.Jobs[0].Match.Candidates) != 1 {
		t.Fatalf("fit --json: exit %d\n%.500s", code, out)
	}
	code, out, _ = cli(t, dir, "match", "--json", "--limit", "100", "sre.md")
	var res match.Result
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("match: exit %d", code)
	}
	found := false
	for _, c := range res.Candidates {
		if c.ResumeID == "jordan-lee" {
			found = true
			if d := cmp.Diff(c, fits.Jobs[0].Match.Candidates[0]); d != "" {
				t.Errorf("jobs fit and match disagree (-match +fit):\n%s", d)
			}
		}
	}
	if !found {
		t.Error("match does not rank Jordan Lee")
	}

	if code, out, _ := cli(t, dir, "jobs", "rm", fin.ID); code != 0 || !strings.Contains(out, fin.ID) {
		t.Fatalf("rm: exit %d %s", code, out)
	}
	if code, out, _ := cli(t, dir, "jobs", "list", "--json"); code != 0 || strings.Contains(out, fin.ID) || !strings.Contains(out, "SRE Manager") {
		t.Errorf("list after rm: exit %d\n%s", code, out)
	}
}
