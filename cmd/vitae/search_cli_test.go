package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A folded copy's author is named under the hit ("also written by"): a
// tryout saw "3 of 5 shown" and one of the two authors nowhere.
func TestSearchNamesFoldedCopies(t *testing.T) {
	dir := workdir(t)
	for name, person := range map[string]string{"alice-test.md": "Alice Testperson", "bob-test.md": "Bob Testperson"} {
		md := "# " + person + "\n\nSite Reliability Engineer\n\n## Experience\n\n### SRE — Acme\nJan 2019 – Present\n\n" +
			"- Reduced zorblax pager noise by 40% with SLO-based alerting\n- Ran the on-call rotation for " + person + "'s team\n"
		if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := cli(t, dir, "search", "zorblax pager noise", "--limit", "5")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	first, _, _ := strings.Cut(out, "\n 2.")
	if !strings.Contains(first, "zorblax") || !strings.Contains(first, "also written by: ") ||
		!(strings.Contains(first, "Alice Testperson") && strings.Contains(first, "Bob Testperson")) {
		t.Errorf("the first hit does not name both authors:\n%s", out)
	}
}

// --explain says a retriever did not return a hit, not "0.000 (#0)",
// which a tryout read as a rank. A keyword search has no semantic side.
func TestSearchExplainSaysNotRetrieved(t *testing.T) {
	dir := workdir(t)
	code, out, errOut := cli(t, dir, "search", "kubernetes", "--mode", "keyword", "--explain", "--limit", "3")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "semantic not retrieved") || strings.Contains(out, "(#0)") || !strings.Contains(out, "keyword ") {
		t.Errorf("explain lines:\n%s", out)
	}
}

// The search help documents the recruiter syntax the README does, so a
// user need not find it there.
func TestSearchHelpDocumentsSyntax(t *testing.T) {
	code, out, errOut := cli(t, t.TempDir(), "search", "--help")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{`"exact phrase"`, `-word  -"phrase"`, "a OR b", `skill:Go  company:"Acme Corp"  role:SRE`, "since:2019  until:2022-06", "with no space"} {
		if !strings.Contains(out, want) {
			t.Errorf("search --help lacks %q:\n%s", want, out)
		}
	}
}
