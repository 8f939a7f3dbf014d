package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// emptyDir is a working directory outside the repository: no ./data to
// fill an empty index with.
func emptyDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	tb.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	return dir
}

// A command that searches an empty index with no sample data to fill it
// fails (exit 1) saying so and how to index files; it answered "No
// bullets match" with exit 0, as if the words had matched nothing.
func TestSearchingAnEmptyIndexWithoutSampleDataFails(t *testing.T) {
	dir := emptyDir(t)
	jd := filepath.Join(dir, "job.md")
	if err := os.WriteFile(jd, []byte("## Requirements\n- Lead a team of SREs\n- Kubernetes in production\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(dir, "fresh")
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"search", []string{"search", "led DevOps team"}},
		{"search --json", []string{"search", "led DevOps team", "--json"}},
		{"match", []string{"match", jd}},
		{"jobs fit", []string{"jobs", "fit", "jordan-lee"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, dir, append([]string{"--index", idx}, tt.args...)...)
			for _, want := range []string{
				"vitae: index " + idx + " is empty",
				"no sample data was found to fill it (data.paths: ./data, looked for in ",
				"vitae --index " + idx + " index DIR",
			} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if code != exitFailed || out != "" {
				t.Errorf("exit %d, want %d with nothing on stdout:\n%s", code, exitFailed, out)
			}
		})
	}
	// Sample data that holds no résumé says that instead.
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "broken.json"), []byte(`{"basics": `), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, dir, "--index", idx, "search", "led DevOps team")
	if want := "the sample data (data.paths: ./data) holds no résumé that could be read (1 file(s) skipped)"; code != exitFailed || !strings.Contains(errOut, want) {
		t.Errorf("broken sample data: exit %d, stderr lacks %q:\n%s", code, want, errOut)
	}
	// Indexed as the message says, the index is searched.
	if code, _, errOut := cli(t, dir, "--index", idx, "index", repoFile(t, "data")); code != 0 {
		t.Fatalf("index: exit %d\n%s", code, errOut)
	}
	if code, out, errOut := cli(t, dir, "--index", idx, "search", "led DevOps team"); code != 0 || !strings.Contains(out, "DevOps") {
		t.Errorf("after indexing: exit %d\n%s\n%s", code, out, errOut)
	}
}

// serve starts on an empty index with no sample data (résumés can be
// uploaded), but warns that searches find nothing and how to fill it.
func TestServeWarnsOfAnEmptyIndex(t *testing.T) {
	base, stderr, stop := serveIn(t, emptyDir(t), nil)
	resp, err := http.Get(base + "/api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	var st struct{ Bullets int }
	err = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || st.Bullets != 0 {
		t.Errorf("stats: %d %+v %v", resp.StatusCode, st, err)
	}
	stop()
	log := stderr.String()
	for _, want := range []string{
		"level=WARN",
		"the index is empty: searches find nothing until résumés are added",
		"POST /api/v1/resumes",
		"index DIR",
		"no sample data was found to fill it",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "level=ERROR") {
		t.Errorf("an empty index is no error:\n%s", log)
	}
}
