package main

import (
	"strings"
	"testing"
)

// TestEvalEvidenceByKind: --by-kind prints a requirement's kind with its
// strong precision; match.strong_cap shows a capped kind's strong as
// partial, and a kind that does not exist is refused, as is --by-kind
// where it would print nothing (no --evidence, or --json).
func TestEvalEvidenceByKind(t *testing.T) {
	dir := indexedDir(t)
	ev := evidenceFile(t, dir, judged("e1", "", "Led a DevOps team", "train", 2))
	code, out, errOut := cli(t, dir, "eval", "--evidence", ev, "--by-kind")
	if code != 0 || !strings.Contains(out, "train    act           1  1.000 / 1.000 (1, 1)") {
		t.Fatalf("eval --evidence --by-kind: exit %d\n%s\n%s", code, out, errOut)
	}
	// Where --by-kind's table would be left out, it is refused.
	for _, args := range [][]string{{"--jobs", ev, "--by-kind"}, {"--evidence", ev, "--by-kind", "--json"}} {
		if code, _, errOut := cli(t, dir, append([]string{"eval"}, args...)...); code != 2 || !strings.Contains(errOut, "--by-kind needs --evidence") {
			t.Errorf("eval %v: exit %d\n%s", args, code, errOut)
		}
	}
	t.Setenv("VITAE_MATCH_STRONG_CAP", "act")
	code, out, errOut = cli(t, dir, "eval", "--evidence", ev, "--by-kind")
	if code != 0 || !strings.Contains(out, "train    act           1  0.000 / 0.000 (0, 1)") {
		t.Fatalf("eval --evidence --by-kind with act capped: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Setenv("VITAE_MATCH_STRONG_CAP", "soft, act") // spaces after commas are read as written
	code, out, errOut = cli(t, dir, "eval", "--evidence", ev, "--by-kind")
	if code != 0 || !strings.Contains(out, "train    act           1  0.000 / 0.000 (0, 1)") {
		t.Fatalf("eval --evidence --by-kind with \"soft, act\" capped: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Setenv("VITAE_MATCH_STRONG_CAP", "skills")
	if code, _, errOut = cli(t, dir, "eval", "--evidence", ev); code == 0 || !strings.Contains(errOut, `match.strong_cap: "skills" is not one of`) {
		t.Fatalf("unknown kind: exit %d\n%s", code, errOut)
	}
}
