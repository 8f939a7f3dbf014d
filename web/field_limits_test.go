package web

import (
	"strings"
	"testing"

	"vitae/web/workbench"
)

// A JSON field over its limit is 400 invalid, the message naming the
// field and the limit; 413 too_large is for a body over the body limit.
// (Field limits answered 413 before, which says the body is too large.)
func TestFieldOverItsLimitIs400(t *testing.T) {
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	ts, _ := newTestServer(t, Config{Workbench: wb, MaxBodyBytes: 256 << 10})
	values := `"` + strings.TrimSuffix(strings.Repeat(`Go","`, 51), `","`) + `"`
	tests := []struct {
		name, method, path, body string
		status                   int
		code, message            string
	}{
		{"search query", "POST", "/api/v1/search", `{"query":"` + strings.Repeat("a", 1001) + `"}`, 400, "invalid", "query is longer than 1000 characters"},
		{"search query terms", "POST", "/api/v1/search", `{"query":"` + strings.Repeat("w ", 300) + `"}`, 400, "invalid", "query has more than 256 terms"},
		{"search filter values", "POST", "/api/v1/search", `{"query":"x","filters":{"skill":[` + values + `]}}`, 400, "invalid", "filters.skill has more than 50 values"},
		{"rank query", "POST", "/api/v1/rank", `{"query":"` + strings.Repeat("a", 1001) + `","bullets":["x"]}`, 400, "invalid", "query is longer than 1000 characters"},
		{"rank bullet", "POST", "/api/v1/rank", `{"query":"x","bullets":["ok","` + strings.Repeat("b", 2001) + `"]}`, 400, "invalid", "bullet 2 is longer than 2000 characters"},
		{"job title", "POST", "/api/v1/jobs", `{"title":"` + strings.Repeat("t", 5000) + `","job_description":"- Go"}`, 400, "invalid", "title is longer than 200 characters"},
		{"job description", "POST", "/api/v1/match", `{"job_description":"` + strings.Repeat("g", 50001) + `"}`, 400, "invalid", "job description is longer than 50000 characters"},
		{"match job label", "POST", "/api/v1/match", `{"job_description":"- Go","job":"` + strings.Repeat("j", 201) + `"}`, 400, "invalid", "job (the label in the audit log) is longer than 200 characters"},
		{"shortlist name", "POST", "/api/v1/shortlists", `{"name":"` + strings.Repeat("n", 201) + `"}`, 400, "invalid", "name is longer than 200 characters"},
		{"saved search query", "POST", "/api/v1/searches", `{"name":"x","query":"` + strings.Repeat("q", 1001) + `"}`, 400, "invalid", "query is longer than 1000 characters"},
		{"search body", "POST", "/api/v1/search", `{"query":"` + strings.Repeat("a", 300<<10) + `"}`, 413, "too_large", "request body is too large"},
		{"job body", "POST", "/api/v1/jobs", `{"title":"` + strings.Repeat("t", 300<<10) + `","job_description":"- Go"}`, 413, "too_large", "request body is too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, _ := do(t, ts, call{method: tt.method, path: tt.path, body: tt.body})
			e, _ := body["error"].(map[string]any)
			if status != tt.status || e == nil || e["code"] != tt.code || e["message"] != tt.message {
				t.Errorf("status %d, error %v; want %d %s %q", status, e, tt.status, tt.code, tt.message)
			}
		})
	}
}
