package main

import (
	"strings"
	"testing"
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
