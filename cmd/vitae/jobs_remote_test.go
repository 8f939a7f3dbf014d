package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vitae/web/workbench"
)

// With `vitae serve` holding the workbench, jobs add, list, fit and rm ask
// the server over its API and print what they print alone; without the
// address file they fail naming the remedy.
func TestJobsCommandsAskTheRunningServer(t *testing.T) {
	bin := buildVitae(t)
	dir := workdir(t)
	startServe(t, bin, dir)
	jd := filepath.Join(dir, "sre.md")
	if err := os.WriteFile(jd, []byte("# SRE Manager\n## Requirements\n- Lead a team of site reliability engineers\n- Kubernetes in production\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBinary(t, bin, dir, "jobs", "add", "--json", jd)
	var saved workbench.Job
	if code != 0 || json.Unmarshal([]byte(out), &saved) != nil || saved.ID == "" || saved.Title != "SRE Manager" || !strings.Contains(errOut, "held by the server at ") {
		t.Fatalf("add: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"jobs", "add", jd}, "Stored already: " + saved.ID + "  SRE Manager"},
		{[]string{"jobs", "list"}, saved.ID + "  "},
		{[]string{"jobs", "fit", "jordan-lee"}, "1. SRE Manager [" + saved.ID + "]"},
		{[]string{"jobs", "rm", saved.ID}, "Deleted " + saved.ID},
		{[]string{"jobs", "list"}, "No stored jobs"},
	}
	for _, s := range steps {
		if code, out, errOut := runBinary(t, bin, dir, s.args...); code != 0 || !strings.Contains(out, s.want) {
			t.Errorf("%v: exit %d, want %q\nstdout:\n%s\nstderr:\n%s", s.args, code, s.want, out, errOut)
		}
	}
	if code, _, errOut := runBinary(t, bin, dir, "jobs", "rm", saved.ID); code != 1 || !strings.Contains(errOut, saved.ID) {
		t.Errorf("rm of a deleted job: exit %d %s", code, errOut)
	}
	addrPath := filepath.Join(dir, "idx", addrFile)
	if err := os.Remove(addrPath); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runBinary(t, bin, dir, "jobs", "list"); code != 1 || !strings.Contains(errOut, "in use by another process: another vitae process holds it (a command still running") {
		t.Errorf("list without %s: exit %d %s", addrFile, code, errOut)
	}
}
