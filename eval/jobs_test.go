package eval

import (
	"os"
	"path/filepath"
	"testing"
)

// TestJobSets checks the job-matching sets as eval/README.md describes
// them: no job in two sets (a training JD never leaks into held-out), no
// résumé judged twice for one job, grades 0..2, and, when the shared
// corpus is beside the clone, every judged résumé one of its files.
func TestJobSets(t *testing.T) {
	corpus := filepath.Join("..", "..", "shared", "corpus", "jsonresume")
	_, err := os.Stat(corpus)
	haveCorpus := err == nil
	sets := []struct {
		file string
		jobs int
	}{
		{"jobs-dev.jsonl", 14},
		{"jobs-train.jsonl", 14},
		{"jobs-heldout.jsonl", 12},
	}
	setOf := map[string]string{}
	for _, s := range sets {
		t.Run(s.file, func(t *testing.T) {
			f, err := os.Open(s.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			jobs, err := ReadJobs(f)
			if err != nil || len(jobs) != s.jobs {
				t.Fatalf("%d jobs, %v; want %d", len(jobs), err, s.jobs)
			}
			for _, j := range jobs {
				if other, ok := setOf[j.ID]; ok {
					t.Errorf("job %s is in %s and %s", j.ID, other, s.file)
				}
				setOf[j.ID] = s.file
				if j.JobDescription == "" || len(j.Judgments) == 0 {
					t.Errorf("job %s: empty description or no judgments", j.ID)
				}
				seen := map[string]bool{}
				for _, g := range j.Judgments {
					if seen[g.Resume] {
						t.Errorf("job %s: %s judged twice", j.ID, g.Resume)
					}
					seen[g.Resume] = true
					if g.Grade < 0 || g.Grade > 2 {
						t.Errorf("job %s: %s graded %d", j.ID, g.Resume, g.Grade)
					}
					if haveCorpus {
						if _, err := os.Stat(filepath.Join(corpus, g.Resume+".json")); err != nil {
							t.Errorf("job %s: résumé %s is not in the corpus", j.ID, g.Resume)
						}
					}
				}
			}
		})
	}
}
