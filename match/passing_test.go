package match

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestMayMatch(t *testing.T) {
	tests := []struct {
		text        string
		paren, list bool
	}{
		{"Built dashboards (Grafana) for the team", true, false},
		{"Deployed services using Docker, Ansible", false, true},
		{"Wrote tools with Terraform & Ansible", false, true},
		{"Led a team AND shipped it", false, true},
		{"Wrote Go services", false, false},
		{"Ran the Kubernetes cluster", false, false},
	}
	for _, tt := range tests {
		if got := mayMatch(reParen, tt.text); got != tt.paren {
			t.Errorf("mayMatch(reParen, %q) = %v, want %v", tt.text, got, tt.paren)
		}
		if got := mayMatch(reUsing, tt.text); got != tt.list {
			t.Errorf("mayMatch(reUsing, %q) = %v, want %v", tt.text, got, tt.list)
		}
	}
}

// TestMayMatchMissesNoMatch checks the shortcut on real lines (the JD
// test files): where a regexp matches, mayMatch must not have skipped it.
func TestMayMatchMissesNoMatch(t *testing.T) {
	var matched int
	for _, line := range jdLines(t) {
		for _, re := range []*regexp.Regexp{reParen, reUsing} {
			if re.MatchString(line) {
				matched++
				if !mayMatch(re, line) {
					t.Errorf("mayMatch(%v, %q) = false, but it matches", re, line)
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no line matched either regexp: the check checked nothing")
	}
}

// jdLines is every line of the JD test files (testdata/jd), the real
// text the shortcuts and scanners are checked against.
func jdLines(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/jd/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no JD test files: %v", err)
	}
	var lines []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil { // else a directory
			lines = append(lines, strings.Split(string(b), "\n")...)
		}
	}
	return lines
}
