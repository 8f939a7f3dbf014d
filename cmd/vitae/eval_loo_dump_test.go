package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalLooDumpBeforePooling: a --loo-dump that cannot be written is
// refused before the pooling, and a pooling that fails leaves the dump
// as it was. The run's context is cancelled, so pooling fails whenever
// it runs.
func TestEvalLooDumpBeforePooling(t *testing.T) {
	dir := indexedDir(t)
	jobs := filepath.Join(dir, "jobs.jsonl")
	line := func(id string) string {
		return `{"id":"` + id + `","job_description":"# SRE Lead\n\n## Requirements\n- Led a DevOps team\n","judgments":[{"resume":"002_6ca7291b08ba563c","grade":2}]}` + "\n"
	}
	if err := os.WriteFile(jobs, []byte(line("j1")+line("j2")), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cancelled := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		return run(ctx, args, &out, &errb), errb.String()
	}
	code, errOut := cancelled("eval", "--jobs", jobs, "--loo", "--loo-dump", filepath.Join(dir, "no", "such", "pooled.jsonl"))
	if code != 2 || !strings.Contains(errOut, "--loo-dump") || strings.Contains(errOut, "pool job") {
		t.Errorf("eval --loo --loo-dump into no directory: exit %d, want 2 before pooling\n%s", code, errOut)
	}
	dump := filepath.Join(dir, "pooled.jsonl")
	if err := os.WriteFile(dump, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, errOut = cancelled("eval", "--jobs", jobs, "--loo", "--loo-dump", dump)
	if code == 0 || !strings.Contains(errOut, "pool job") {
		t.Errorf("eval --loo with pooling failing: exit %d\n%s", code, errOut)
	}
	if raw, _ := os.ReadFile(dump); string(raw) != "old\n" {
		t.Errorf("a failed run changed the dump: %.80q", raw)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".pooled.jsonl.*")); len(left) > 0 {
		t.Errorf("the dump's temporary file is left: %v", left)
	}
}
