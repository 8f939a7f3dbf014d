package workbench

import (
	"fmt"
	"strings"
	"testing"

	"vitae"
)

func TestJobsRoundTripSurvivesReopen(t *testing.T) {
	s, dir := open(t)
	jd := "# SRE Manager\n## Requirements\n- Kubernetes in production\n"
	a, _, err := s.SaveJob(Job{Title: "  SRE Manager ", JobDescription: jd, Format: "markdown"})
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := s.SaveJob(Job{Title: "Data engineer", JobDescription: "Requirements:\n- Spark"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "SRE Manager" || a.ID == "" || a.ID == b.ID || a.Created.IsZero() {
		t.Fatalf("saved %+v and %+v", a, b)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Job(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.JobDescription != strings.TrimSpace(jd) || got.Format != "markdown" || got.Title != "SRE Manager" {
		t.Errorf("after reopen: %+v", got)
	}
	all, err := s.Jobs()
	if err != nil || len(all) != 2 || all[0].ID != a.ID || all[1].ID != b.ID {
		t.Fatalf("Jobs = %+v, %v; want both, oldest first", all, err)
	}
	if err := s.DeleteJob(a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteJob(a.ID); vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("deleting twice: %v, want not_found", err)
	}
	if _, err := s.Job(a.ID); vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("deleted job: %v, want not_found", err)
	}
	if all, _ := s.Jobs(); len(all) != 1 || all[0].ID != b.ID {
		t.Errorf("after delete: %+v", all)
	}
}

func TestSaveJobRefusesBadInput(t *testing.T) {
	s, _ := open(t)
	tests := []struct {
		name string
		job  Job
		code string
	}{
		{"no title", Job{Title: " ", JobDescription: "- Go"}, vitae.EINVALID},
		{"no text", Job{Title: "x", JobDescription: "\n"}, vitae.EINVALID},
		{"unknown format", Job{Title: "x", JobDescription: "- Go", Format: "pdf"}, vitae.EINVALID},
		{"long title", Job{Title: strings.Repeat("t", MaxName+1), JobDescription: "- Go"}, vitae.EINVALID},
		{"long text", Job{Title: "x", JobDescription: strings.Repeat("g", MaxJobDescription+1)}, vitae.EINVALID},
		{"bad UTF-8", Job{Title: "x\xff", JobDescription: "- Go"}, vitae.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := s.SaveJob(tt.job); vitae.ErrorCode(err) != tt.code {
				t.Errorf("SaveJob = %v, want %s", err, tt.code)
			}
		})
	}
	if all, _ := s.Jobs(); len(all) != 0 {
		t.Errorf("refused jobs were stored: %+v", all)
	}
	for i := 0; i < MaxJobs; i++ {
		if _, _, err := s.SaveJob(Job{Title: fmt.Sprint("j", i), JobDescription: fmt.Sprint("- Go ", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.SaveJob(Job{Title: "one more", JobDescription: "- Go"}); vitae.ErrorCode(err) != vitae.ETOOLARGE || !strings.Contains(err.Error(), "delete one first") {
		t.Errorf("job %d: %v, want too_large saying to delete one first", MaxJobs+1, err)
	}
}

// The same title and text sent twice is one job: the second save returns
// the first, not created; another text is another job; the same text
// under another title is refused as a conflict that names the first.
func TestSaveJobKeepsOneOfTheSameJob(t *testing.T) {
	s, _ := open(t)
	jd := "# SRE Manager\n## Requirements\n- Kubernetes in production"
	first, created, err := s.SaveJob(Job{Title: "SRE Manager", JobDescription: jd})
	if err != nil || !created {
		t.Fatalf("first save: created %v, %v", created, err)
	}
	tests := []struct {
		name    string
		job     Job
		created bool
		code    string // the error's code, "" for none
	}{
		{"the same again", Job{Title: "SRE Manager", JobDescription: jd}, false, ""},
		{"the same, spaced", Job{Title: " SRE Manager ", JobDescription: jd + "\n\n"}, false, ""},
		{"another title", Job{Title: "SRE Lead", JobDescription: jd}, false, vitae.ECONFLICT},
		{"another text", Job{Title: "SRE Manager", JobDescription: jd + "\n- Terraform"}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, created, err := s.SaveJob(tt.job)
			if tt.code != "" {
				if vitae.ErrorCode(err) != tt.code || got != nil || !strings.Contains(err.Error(), first.ID) {
					t.Errorf("SaveJob = %v, %v; want %s naming %s", got, err, tt.code, first.ID)
				}
				return
			}
			if err != nil || created != tt.created || (got.ID == first.ID) == tt.created {
				t.Errorf("SaveJob = %s created %v, %v; want created %v (first is %s)", got.ID, created, err, tt.created, first.ID)
			}
		})
	}
	if all, _ := s.Jobs(); len(all) != 2 {
		t.Errorf("%d jobs stored, want 2", len(all))
	}
}
