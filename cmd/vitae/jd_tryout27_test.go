package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bigJD is a job description past the requirement cap: two soft traits
// among its 40 must-haves and its four nice-to-haves last, as the
// tryout's jd12 (whose "Bonus Points" the cap cut).
func bigJD() string {
	var b strings.Builder
	b.WriteString("# Platform Engineer\n## Requirements\n- Excellent written communication skills\n- Strong attention to detail\n")
	for i := range 38 {
		fmt.Fprintf(&b, "- Experience with Go in system %d\n", i+1)
	}
	b.WriteString("## Nice to have\n- Terraform modules\n- Kafka in production\n- Experience with Cassandra\n- Experience with DynamoDB\n")
	return b.String()
}

// TestJDTryout27CLI: the tryout's job descriptions at the CLI. "hello"
// is refused by match and jobs add (exit 1, saying why) instead of a
// fit of 75%; a jobs.jsonl line (title and text) is matched; a job past
// the requirement cap is stored with a warning on stderr naming the
// file, and jobs fit says which requirements it left out.
func TestJDTryout27CLI(t *testing.T) {
	dir := workdir(t)
	if code, _, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	line, err := json.Marshal(map[string]string{"id": "acme-sre", "source": "acme/jobs:sre.md", "title": "Site Reliability Engineer (acme)",
		"text": "## Site Reliability Engineer\n#### San Francisco, CA\n\n### Requirements\n+ Kubernetes in production\n+ Lead a team of site reliability engineers\n"})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"hello.txt": "hello\n", "jl.json": string(line), "big.md": bigJD()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string
	}{
		{[]string{"match", "hello.txt"}, 1, "", `"hello" names no skill, tool, role or task`},
		{[]string{"jobs", "add", "hello.txt"}, 1, "", "names no skill, tool, role or task"},
		{[]string{"match", "jl.json"}, 0, "Site Reliability Engineer (acme)\n2 requirement(s), 2 must-have", ""},
		{[]string{"match", "big.md"}, 0, "Warning: the job description has 44 requirements and a match scores at most 40: 4 that say least", ""},
		{[]string{"jobs", "add", "big.md"}, 0, "Stored", "4 that say least"},
	}
	for _, tt := range tests {
		code, out, errOut := cli(t, dir, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%v: exit %d, want %d with %q in stdout and %q in stderr\nstdout:\n%.400s\nstderr:\n%s", tt.args, code, tt.code, tt.stdout, tt.stderr, out, errOut)
		}
	}
	if _, _, errOut := cli(t, dir, "jobs", "add", "big.md"); !strings.Contains(errOut, "requirements_dropped") || !strings.Contains(errOut, "big.md") {
		t.Errorf("jobs add: stderr %q, want the warning's code and the file", errOut)
	}
	code, out, errOut := cli(t, dir, "jobs", "fit", "jordan-lee")
	if code != 0 || !strings.Contains(out, `Warning: the job description has 44 requirements`) || !strings.Contains(out, `"Excellent written communication skills"`) {
		t.Errorf("jobs fit: exit %d, want the stored job's dropped requirements named\n%s%s", code, out, errOut)
	}
	code, out, _ = cli(t, dir, "jobs", "fit", "--json", "jordan-lee")
	var ans struct {
		Jobs []struct {
			Match struct {
				RequirementsDropped int      `json:"requirements_dropped"`
				WarningCodes        []string `json:"warning_codes"`
			}
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &ans) != nil || len(ans.Jobs) != 1 || ans.Jobs[0].Match.RequirementsDropped != 4 || strings.Join(ans.Jobs[0].Match.WarningCodes, ",") != "requirements_dropped" {
		t.Errorf("jobs fit --json: exit %d %+v, want one job with 4 dropped and the warning's code\n%.400s", code, ans, out)
	}
}
