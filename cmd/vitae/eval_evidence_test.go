package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vitae/eval"
)

// TestEvalEvidenceCrossSplitWarns: a requirement in both splits is warned
// of on stderr, and the pairs are still graded.
func TestEvalEvidenceCrossSplitWarns(t *testing.T) {
	dir := indexedDir(t)
	ev := evidenceFile(t, dir,
		judged("e1", "a", "Led a DevOps team", "train", 2),
		judged("e2", "b", "Led a DevOps team", "heldout", 1))
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev)
	if code != 0 || !strings.Contains(out, "heldout") {
		t.Fatalf("eval --evidence: exit %d\n%s\n%s", code, out, errOut)
	}
	if want := `warning: ` + ev + `: requirement "Led a DevOps team" is in more than one split: e1 (train), e2 (heldout)`; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
}

// TestEvalEvidencePairs: --pairs writes the split's pairs graded beside
// their labels, and only that split's: reading train's errors never
// shows a held-out pair. Without --evidence it is refused.
func TestEvalEvidencePairs(t *testing.T) {
	dir := indexedDir(t)
	ev := evidenceFile(t, dir,
		judged("e1", "a", "Led a DevOps team", "train", 2),
		judged("e2", "b", "Kubernetes in production", "heldout", 0))
	out := filepath.Join(dir, "pairs.jsonl")
	if code, stdout, errOut := cli(t, dir, "eval", "--evidence", ev, "--split", "train", "--pairs", out); code != 0 {
		t.Fatalf("eval --pairs: exit %d\n%s\n%s", code, stdout, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d pairs written, want the 1 of train:\n%s", len(lines), b)
	}
	var p eval.GradedPair
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil {
		t.Fatal(err)
	}
	if p.Split != "train" || p.Requirement != "Led a DevOps team" || p.Grade != 2 || p.Bullet == "" || p.Kind == "" || p.Level < 0 || p.Level > 2 {
		t.Errorf("pair %+v: want train's requirement, its bullet, kind, label 2 and a level", p)
	}
	if code, _, errOut := cli(t, dir, "eval", "--queries", ev, "--pairs", out); code != 2 || !strings.Contains(errOut, "--pairs needs --evidence") {
		t.Errorf("--pairs without --evidence: exit %d, %s", code, errOut)
	}
}
