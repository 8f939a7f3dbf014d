package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exit codes: 2 for anything wrong on the command line (command, flag,
// value, arguments), 1 for work that failed; both print one "vitae:" line
// that says what was wrong.
func TestExitCodes(t *testing.T) {
	dir := workdir(t)
	// An index with the sample data, so the usage errors below are not
	// preceded by indexing it.
	if code, _, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	jd := filepath.Join(dir, "job.md")
	if err := os.WriteFile(jd, []byte("## Requirements\n- Lead a team of SREs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	blank := filepath.Join(dir, "blank.md")
	if err := os.WriteFile(blank, []byte(" \n\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"unknown command", []string{"serch", "x"}, 2, `unknown command "serch"`},
		{"unknown command suggests", []string{"serch", "x"}, 2, "did you mean"},
		{"unknown flag", []string{"search", "x", "--bogus"}, 2, "unknown flag: --bogus"},
		{"flag not a number", []string{"search", "x", "-n", "abc"}, 2, `invalid argument "abc"`},
		{"no query", []string{"search"}, 2, "requires at least 1 arg"},
		{"bad mode", []string{"search", "x", "--mode", "fuzzy"}, 2, `--mode: "fuzzy" is not one of keyword, semantic, hybrid`},
		{"bad group", []string{"search", "x", "--by", "team"}, 2, `--by "team"`},
		{"bad date", []string{"search", "x", "--since", "soon"}, 2, `since "soon"`},
		{"only common words", []string{"search", "the and of"}, 2, `query "the and of" has only common words`},
		{"bad ratio", []string{"search", "x", "--semantic-ratio", "3"}, 2, "semantic_ratio 3 is outside 0..1"},
		{"filter without a value", []string{"search", "skill:"}, 2, `the filter "skill:" has no value`},
		{"filter with a space before its value", []string{"search", "led team company: Acme"}, 2, `the filter "company:" has no value: write the value right after the colon, company:Acme`},
		{"empty skill flag", []string{"search", "x", "--skill="}, 2, `skill filter "" is empty: give a value, or leave it out`},
		{"empty value among skills", []string{"search", "x", "--skill", "Go,"}, 2, `skill filter "" is empty`},
		{"blank company flag", []string{"search", "x", "--company", " "}, 2, `company filter " " is empty`},
		{"empty since flag", []string{"search", "x", "--since", ""}, 2, `since filter "" is empty: give YYYY or YYYY-MM, or leave it out`},
		{"negative limit", []string{"search", "x", "-n", "-1"}, 2, "--limit -1 is outside 1..100"},
		{"limit over the maximum", []string{"search", "x", "--limit", "101"}, 2, "--limit 101 is outside 1..100"},
		{"match limit over the maximum", []string{"match", jd, "-n", "500"}, 2, "--limit 500 is outside 1..100"},
		{"match two files", []string{"match", jd, jd}, 2, "accepts 1 arg"},
		{"match an empty file", []string{"match", blank}, 2, blank + ": job description is empty"},
		{"store an empty file", []string{"jobs", "add", blank}, 2, blank + ": job description is empty"},
		{"serve with an argument", []string{"serve", "now"}, 2, `unknown command "now"`},
		{"unknown jobs subcommand", []string{"jobs", "bogus"}, 2, `unknown command "bogus" for "vitae jobs"`},
		{"unknown jobs subcommand suggests", []string{"jobs", "lsit"}, 2, "did you mean"},
		{"unknown audit subcommand", []string{"audit", "bogus"}, 2, `unknown command "bogus" for "vitae audit"`},
		{"help of an unknown command", []string{"add", "--help"}, 2, `unknown command "add" for "vitae"`},
		{"help of an unknown jobs subcommand", []string{"jobs", "bogus", "-h"}, 2, `unknown command "bogus" for "vitae jobs"`},
		{"index without a path", []string{"index"}, 2, "at least one PATH"},
		{"bench with an unknown peer", []string{"bench", "--peer", "solr"}, 2, `--peer: "solr" is not a known peer`},
		{"bench server without a peer", []string{"bench", "--weaviate-server", "/bin/true"}, 2, "--weaviate-server needs --peer weaviate"},
		{"bench with an unknown backend", []string{"bench", "--backend", "solr"}, 2, `--backend: "solr" is not a known backend`},
		{"bench keep without a work dir", []string{"bench", "--keep"}, 2, "--keep needs --work-dir"},
		{"ablate core that is off", []string{"eval", "--jobs", jd, "--ablate", "years, core"}, 2, "match.core_weight is 0: nothing to ablate"},
		{"ablate role evidence that is off", []string{"eval", "--jobs", jd, "--ablate", "role-evidence"}, 2, "match.role_evidence is 0: nothing to ablate"},
		{"missing index path", []string{"index", "nowhere"}, 1, "index nowhere: no such file or directory"},
		{"missing job description", []string{"match", "nowhere.md"}, 1, "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, dir, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("vitae %s: exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", strings.Join(tt.args, " "), code, tt.code, tt.want, out, errOut)
			}
			if n := strings.Count(errOut, "vitae:"); n != 1 {
				t.Errorf("%d error lines, want 1:\n%s", n, errOut)
			}
		})
	}
	// The limit's bounds hold at their edges: 0 asks for the default.
	for _, n := range []string{"0", "1", "100"} {
		if code, _, errOut := cli(t, dir, "search", "led DevOps team", "-n", n); code != 0 {
			t.Errorf("-n %s: exit %d %s", n, code, errOut)
		}
	}
}

func TestHelpDocumentsExitCodes(t *testing.T) {
	code, out, _ := cli(t, t.TempDir(), "--help")
	if code != 0 || !strings.Contains(out, "Exit codes: 0 ok; 1 error") || !strings.Contains(out, "2 usage") {
		t.Errorf("exit %d, help:\n%s", code, out)
	}
	// No command at all is a request for help, not a mistake.
	if code, out, _ := cli(t, t.TempDir()); code != 0 || !strings.Contains(out, "Available Commands") {
		t.Errorf("no arguments: exit %d\n%s", code, out)
	}
}

// A bad value names where it came from: the flag the user typed, or the
// configuration key when a file or the environment set it; both exit 2
// and list the valid values.
func TestBadValueNamesItsSource(t *testing.T) {
	tests := []struct {
		name string
		env  string // VITAE_SEARCH_MODE
		args []string
		want string
		not  string
	}{
		{"flag", "", []string{"search", "x", "--mode", "fuzzy"}, "invalid flag value:\n  --mode: \"fuzzy\" is not one of keyword, semantic, hybrid", "search.mode"},
		{"environment", "fuzzy", []string{"search", "x"}, "invalid configuration:\n  search.mode: \"fuzzy\" is not one of keyword, semantic, hybrid", "--mode"},
		{"flag and environment", "keyword", []string{"search", "x", "--mode", "fuzzy"}, `--mode: "fuzzy"`, "search.mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := workdir(t)
			if tt.env != "" {
				t.Setenv("VITAE_SEARCH_MODE", tt.env)
			}
			code, _, errOut := cli(t, dir, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, tt.not) {
				t.Errorf("exit %d, stderr %q; want 2 with %q and without %q", code, errOut, tt.want, tt.not)
			}
		})
	}
}
