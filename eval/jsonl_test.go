package eval

import (
	"os"
	"strings"
	"testing"
)

// TestReadSets reads the relevance sets shipped beside the package with
// the one reader both kinds go through.
func TestReadSets(t *testing.T) {
	f, err := os.Open("queries-dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQueries(f)
	if err != nil || len(qs) != 30 || qs[0].ID == "" || len(qs[0].Judgments) == 0 {
		t.Fatalf("queries-dev.jsonl: %d queries, %v", len(qs), err)
	}
	g, err := os.Open("jobs-dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	jobs, err := ReadJobs(g)
	if err != nil || len(jobs) != 14 || jobs[0].JobDescription == "" || len(jobs[0].Judgments) == 0 {
		t.Fatalf("jobs-dev.jsonl: %d jobs, %v", len(jobs), err)
	}
}

func TestReadErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, input, want string
		read              func(string) error
	}{
		{"malformed query", "{\"id\":\"a\",\"query\":\"x\"}\n\n{oops\n", "line 3:", readQ},
		{"empty query", "{\"id\":\"a\",\"query\":\"\"}\n", "line 1: empty query", readQ},
		{"malformed job", "\n{\"id\":1}\n", "line 2:", readJ},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.read(tt.input); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want one starting %q", err, tt.want)
			}
		})
	}
}

func readQ(s string) error { _, err := ReadQueries(strings.NewReader(s)); return err }
func readJ(s string) error { _, err := ReadJobs(strings.NewReader(s)); return err }
