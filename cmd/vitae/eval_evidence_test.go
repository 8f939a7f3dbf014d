package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalEvidenceCrossSplitWarns: a requirement in both splits is warned
// of on stderr, and the pairs are still graded.
func TestEvalEvidenceCrossSplitWarns(t *testing.T) {
	dir := workdir(t)
	if code, out, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: exit %d\n%s\n%s", code, out, errOut)
	}
	ev := filepath.Join(dir, "ev.jsonl")
	if err := os.WriteFile(ev, []byte(strings.Join([]string{
		`{"id":"e1","job":"a","requirement":"Led a DevOps team","split":"train","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":2}]}`,
		`{"id":"e2","job":"b","requirement":"Led a DevOps team","split":"heldout","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":1}]}`,
	}, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev)
	if code != 0 || !strings.Contains(out, "heldout") {
		t.Fatalf("eval --evidence: exit %d\n%s\n%s", code, out, errOut)
	}
	if want := `warning: ` + ev + `: requirement "Led a DevOps team" is in more than one split: e1 (train), e2 (heldout)`; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
}
