package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestJDTryout27API: at the API, text that asks nothing ("hello") is
// refused, 400 invalid, as a text without requirements is, by match and
// by a stored job (tryout: fit 75% for "hello"); a job past the
// requirement cap is stored with the requirements_dropped warning in
// POST /jobs's answer, and matched with it.
func TestJDTryout27API(t *testing.T) {
	base, _ := jobsServer(t)
	var big strings.Builder
	big.WriteString("# Platform Engineer\n## Requirements\n- Excellent written communication skills\n")
	for i := range 40 {
		fmt.Fprintf(&big, "- Experience with Go in system %d\n", i+1)
	}
	big.WriteString("## Nice to have\n- Terraform modules\n")
	body := func(jd string) string {
		b, err := json.Marshal(map[string]string{"job_description": jd})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name, path, jd string
		status         int
		want           []string
	}{
		{"match hello", "/api/v1/match", "hello", http.StatusBadRequest, []string{`"code":"invalid"`, `names no skill, tool, role or task`}},
		{"store hello", "/api/v1/jobs", "hello", http.StatusBadRequest, []string{`"code":"invalid"`, `names no skill, tool, role or task`}},
		{"match past the cap", "/api/v1/match", big.String(), http.StatusOK, []string{`"requirements_dropped":2`, `"warning_codes":["requirements_dropped"]`, `Excellent written communication skills\"`}},
		{"store past the cap", "/api/v1/jobs", big.String(), http.StatusCreated, []string{`"warning_codes":["requirements_dropped"]`, `the job description has 42 requirements and a match scores at most 40`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, got := keyedRaw(t, "POST", base+tt.path, body(tt.jd))
			if st != tt.status {
				t.Fatalf("status %d, want %d: %.600s", st, tt.status, got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer has no %s: %.800s", w, got)
				}
			}
		})
	}
}
