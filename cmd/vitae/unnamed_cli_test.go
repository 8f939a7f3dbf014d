package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A résumé that gives no name (data/000_e069679e7ee00913.txt) is named
// on the CLI as on its page (vitae.Resume.DisplayName): by its latest
// role · company, never by its file's name, in candidates and in the
// jobs it fits.
func TestUnnamedCandidateNamedAsOnThePage(t *testing.T) {
	dir := workdir(t)
	const name, id = "VP, Product · Diamanti", "000_e069679e7ee00913"
	jd := "Product Leader\n\nRequirements:\n- Led a team of product managers and UX designers\n- Kubernetes as infrastructure platform on AWS and GCP\n"
	if err := os.WriteFile(filepath.Join(dir, "job.txt"), []byte(jd), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cli(t, dir, "jobs", "add", "job.txt"); code != 0 {
		t.Fatalf("jobs add: exit %d: %s", code, errOut)
	}
	tests := []struct {
		name string
		args []string
		line string // the candidate's line holds it (text output)
	}{
		{"search by candidate", []string{"search", "Diamanti Central", "--by", "candidate", "--limit", "3"}, "1. " + name + "  (score"},
		{"search by candidate, JSON", []string{"search", "Diamanti Central", "--by", "candidate", "--limit", "3", "--json"}, ""},
		{"match", []string{"match", "job.txt", "--limit", "20"}, ". " + name + " (" + id + ")  fit "},
		{"match, JSON", []string{"match", "job.txt", "--limit", "20", "--json"}, ""},
		{"jobs fit", []string{"jobs", "fit", id}, name + " (" + id + "): 1 stored job(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, dir, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if tt.line != "" {
				if !strings.Contains(out, tt.line) || strings.Contains(out, ". "+id+"  ") || strings.Contains(out, id+" ("+id+")") {
					t.Errorf("want a candidate line with %q, none with the file's name:\n%.1500s", tt.line, out)
				}
				return
			}
			var res struct {
				Candidates []struct {
					ResumeID string `json:"resume_id"`
					Person   string `json:"person"`
				} `json:"candidates"`
			}
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, c := range res.Candidates {
				if c.ResumeID == id {
					found = true
					if c.Person != name {
						t.Errorf("person %q, want %q", c.Person, name)
					}
				}
			}
			if !found {
				t.Errorf("%s is no candidate: %+v", id, res.Candidates)
			}
		})
	}
}
