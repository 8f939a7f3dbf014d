package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"vitae/eval"
)

// cli runs the binary's run() in-process in dir and returns its output.
func cli(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// workdir is a fresh directory holding a copy of the sample data.
func workdir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	copyDir(t, repoFile(t, "data"), filepath.Join(dir, "data"))
	return dir
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func TestSearchIndexesSampleDataOnFirstUse(t *testing.T) {
	dir := workdir(t)
	code, out, errOut := cli(t, dir, "search", "led DevOps team", "--limit", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "DevOps") || !strings.Contains(errOut, "index is empty") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
	code, out, _ = cli(t, dir, "search", "led DevOps team", "--json", "--by", "candidate")
	if code != 0 {
		t.Fatal(out)
	}
	var res struct {
		Hits       []map[string]any `json:"hits"`
		Candidates []map[string]any `json:"candidates"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) == 0 || len(res.Candidates) == 0 {
		t.Errorf("--json --by candidate: %v %s", err, out)
	}
	// A query nothing matches lists the closest bullets as such, not as
	// "5 of 0 shown" (a tryout's finding).
	code, out, _ = cli(t, dir, "search", "xyzzyplugh quux")
	if code != 0 || !strings.HasPrefix(out, `No bullets match "xyzzyplugh quux"; the `) || strings.Contains(out, "of 0 shown") {
		t.Errorf("no match: exit %d:\n%s", code, out)
	}
	code, _, errOut = cli(t, dir, "search", "x", "--mode", "fuzzy")
	if code != 2 || !strings.Contains(errOut, "--mode") {
		t.Errorf("bad mode: exit %d, %s", code, errOut)
	}
}

// A search its filters empty says so, with how many bullets match
// without them, whether the filters come from flags or the query (a
// tryout read "No bullets match" as the words matching nothing).
func TestSearchSaysFiltersEmptiedIt(t *testing.T) {
	dir := workdir(t)
	if code, _, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string // the first line
	}{
		{"flag", []string{"kubernetes", "--role", "Product Manager", "--mode", "keyword"},
			`No bullets match "kubernetes" with these filters (role: Product Manager); 9 match without them.`},
		{"query syntax", []string{"kubernetes role:PM"},
			`No bullets match "kubernetes" with these filters (role: PM); 10 match without them.`},
		{"both, grouped", []string{"kubernetes since:2019", "--company", "Nowhere", "--by", "candidate"},
			`No bullets match "kubernetes" with these filters (company: Nowhere; since 2019); 10 match without them.`},
		{"closest in meaning", []string{"kubernetes", "--role", "Product Manager"},
			`No bullets match "kubernetes" with these filters (role: Product Manager); 10 match without them. The 3 closest in meaning, filtered:`},
		{"words match nothing either", []string{"xyzzyplugh role:PM", "--mode", "keyword"},
			`No bullets match "xyzzyplugh", with or without these filters (role: PM).`},
		{"no filters", []string{"xyzzyplugh", "--mode", "keyword"}, `No bullets match "xyzzyplugh".`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, dir, append([]string{"search"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if first, _, _ := strings.Cut(out, "\n"); first != tt.want {
				t.Errorf("first line\n%s\nwant\n%s", first, tt.want)
			}
		})
	}
}

func TestIndexIsIdempotentAndSurvivesBadFiles(t *testing.T) {
	dir := workdir(t)
	bad := filepath.Join(dir, "data", "broken.json")
	if err := os.WriteFile(bad, []byte(`{"basics": `), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, dir, "index", "data", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var first indexSummary
	if err := json.Unmarshal([]byte(out), &first); err != nil {
		t.Fatal(err)
	}
	if len(first.Skipped) != 1 || !strings.Contains(first.Skipped[0].Path, "broken.json") || first.Resumes == 0 || first.Bullets == 0 {
		t.Errorf("first run: %+v", first)
	}
	code, out, _ = cli(t, dir, "index", "data", "--json")
	var second indexSummary
	_ = json.Unmarshal([]byte(out), &second)
	if code != 0 || second.Resumes != 0 || second.Unchanged != first.Resumes || second.Bullets != 0 || second.Embedded != 0 {
		t.Errorf("second run should change nothing: %+v", second)
	}
	if code, _, _ := cli(t, dir, "index", "data", "--strict"); code != 1 {
		t.Errorf("--strict with a bad file: exit %d, want 1", code)
	}
	// A deleted file's résumé goes; counts come from the index.
	if err := os.Remove(filepath.Join(dir, "data", "jordan-lee.md")); err != nil {
		t.Fatal(err)
	}
	code, out, _ = cli(t, dir, "index", "data", "--json")
	var third indexSummary
	_ = json.Unmarshal([]byte(out), &third)
	if code != 0 || third.Removed != 1 {
		t.Errorf("removed file: %+v", third)
	}
	code, out, _ = cli(t, dir, "search", "site reliability engineers paging", "--json", "--limit", "100")
	if strings.Contains(out, "jordan-lee") {
		t.Error("résumé of a deleted file still found")
	}
	// A PATH that is not there is said once, before anything is written.
	code, out, errOut = cli(t, dir, "index", filepath.Join(dir, "nothing-here"))
	if code != 1 || out != "" || strings.Count(errOut, "nothing-here") != 1 || !strings.Contains(errOut, "no such file or directory") {
		t.Errorf("missing path: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// A directory of files that all fail: each named once, and no
	// "Indexed 0 résumé(s)" before the error.
	only := filepath.Join(dir, "only-bad")
	os.Mkdir(only, 0o755)
	os.WriteFile(filepath.Join(only, "broken.json"), []byte(`{"basics": `), 0o644)
	code, out, errOut = cli(t, dir, "index", only)
	if code != 1 || strings.Contains(out, "Indexed") || strings.Count(out+errOut, "broken.json") != 1 || !strings.Contains(errOut, "nothing could be indexed") {
		t.Errorf("nothing indexed: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestMatchAndEvalCommands(t *testing.T) {
	dir := workdir(t)
	jd := filepath.Join(dir, "job.md")
	os.WriteFile(jd, []byte("# SRE Lead\n\n## Requirements\n- Lead a team of site reliability engineers\n- Run Kubernetes in production\n"), 0o644)
	code, out, errOut := cli(t, dir, "match", jd, "--limit", "3")
	if code != 0 || !strings.Contains(out, "must-haves met") || !strings.Contains(out, "fit ") {
		t.Fatalf("match: exit %d\n%s\n%s", code, out, errOut)
	}
	ev := filepath.Join(dir, "ev.jsonl")
	os.WriteFile(ev, []byte(`{"id":"e1","requirement":"Led a DevOps team","split":"train","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":2},{"ref":"missing#/work/0","grade":0}]}`+"\n"), 0o644)
	code, out, errOut = cli(t, dir, "eval", "--evidence", ev, "--json")
	if code != 0 || !strings.Contains(out, `"split":"train","pairs":1,"unresolved":1`) || !strings.Contains(out, `"level":"strong"`) {
		t.Fatalf("eval --evidence: exit %d\n%s\n%s", code, out, errOut)
	}
	// --split keeps tuning runs from printing the held-out rows.
	code, out, errOut = cli(t, dir, "eval", "--evidence", ev, "--json", "--split", "train")
	if code != 0 || !strings.Contains(out, `"split":"train"`) || strings.Contains(out, `"split":"all"`) {
		t.Fatalf("eval --evidence --split train: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut = cli(t, dir, "eval", "--evidence", ev, "--split", "heldout"); code != 2 || !strings.Contains(errOut, `no pairs in split "heldout"`) {
		t.Fatalf("eval --evidence --split heldout: exit %d\n%s", code, errOut)
	}
	if code, _, errOut = cli(t, dir, "eval", "--jobs", ev, "--split", "train"); code != 2 || !strings.Contains(errOut, "split by file") {
		t.Fatalf("eval --jobs --split: exit %d\n%s", code, errOut)
	}
	// A misspelt ablation is refused, not run as no ablation.
	if code, _, errOut = cli(t, dir, "eval", "--jobs", ev, "--ablate", "rolefit"); code != 2 || !strings.Contains(errOut, `--ablate "rolefit": not one of role-fit, years, levels, title-search, role-sense, role-family, role-names, role-share, length`) {
		t.Fatalf("eval --ablate rolefit: exit %d\n%s", code, errOut)
	}
	// --loo grades the pool once and reports the grid's leave-one-out mean.
	jobs := filepath.Join(dir, "jobs.jsonl")
	os.WriteFile(jobs, []byte(`{"id":"j1","job_description":"# SRE Lead\n\n## Requirements\n- Lead a team of site reliability engineers\n","judgments":[{"resume":"002_6ca7291b08ba563c","grade":2}]}`+"\n"), 0o644)
	jobs2 := filepath.Join(dir, "jobs2.jsonl")
	os.WriteFile(jobs2, []byte(`{"id":"j2","job_description":"# DevOps Engineer\n\n## Requirements\n- Built CI/CD pipelines\n","judgments":[{"resume":"002_6ca7291b08ba563c","grade":1}]}`+"\n"), 0o644)
	code, out, errOut = cli(t, dir, "eval", "--jobs", jobs+", "+jobs2, "--loo", "--json")
	var loo eval.LeaveOneOut
	grid := len(looGrid.roleFit) * len(looGrid.experience) * len(looGrid.titleSearch) * len(looGrid.roleSense) * len(looGrid.length)
	if code != 0 || json.Unmarshal([]byte(out), &loo) != nil || loo.Jobs != 2 || loo.Settings < grid || loo.Configured <= 0 {
		t.Fatalf("eval --loo: exit %d %+v (grid %d)\n%s\n%s", code, loo, grid, out, errOut)
	}
	// A --loo-dump that cannot be written is refused (exit 2).
	if code, _, errOut = cli(t, dir, "eval", "--jobs", jobs+","+jobs2, "--loo", "--loo-dump", filepath.Join(dir, "no", "such", "pooled.jsonl")); code != 2 || !strings.Contains(errOut, "--loo-dump") {
		t.Fatalf("eval --loo --loo-dump into no directory: exit %d\n%s", code, errOut)
	}
	// --loo-dump writes each job's graded pool, one JSON line a job.
	dump := filepath.Join(dir, "pooled.jsonl")
	if code, _, errOut = cli(t, dir, "eval", "--jobs", jobs+","+jobs2, "--loo", "--loo-dump", dump); code != 0 {
		t.Fatalf("eval --loo --loo-dump: exit %d\n%s", code, errOut)
	}
	raw, _ := os.ReadFile(dump)
	if !strings.HasPrefix(string(raw), `{"id":"j1","grades":`) || !strings.Contains(string(raw), `"candidates":[`) {
		t.Errorf("--loo-dump keys are not snake_case: %.80s", raw)
	}
	var pooled []eval.PooledJob
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var p eval.PooledJob
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("--loo-dump line %q: %v", line, err)
		}
		pooled = append(pooled, p)
	}
	if len(pooled) != 2 || pooled[0].ID != "j1" || pooled[0].Grades["002_6ca7291b08ba563c"] != 2 || len(pooled[0].Candidates) == 0 {
		t.Fatalf("--loo-dump: %d jobs, first %+v", len(pooled), pooled[0])
	}
	// A job given twice would vote for its own setting: refused.
	if code, _, errOut = cli(t, dir, "eval", "--jobs", jobs+","+jobs, "--loo"); code != 2 || !strings.Contains(errOut, `job "j1" is already in`) {
		t.Fatalf("eval --loo with a job twice: exit %d\n%s", code, errOut)
	}
	if code, _, errOut = cli(t, dir, "eval", "--evidence", ev, "--loo"); code != 2 || !strings.Contains(errOut, "--loo needs --jobs") {
		t.Fatalf("eval --loo without --jobs: exit %d\n%s", code, errOut)
	}
	for _, args := range [][]string{{"--evidence", ev}, {"--queries", jobs}} {
		if code, _, errOut = cli(t, dir, append([]string{"eval", "--ablate", "years"}, args...)...); code != 2 || !strings.Contains(errOut, "--ablate needs --jobs") {
			t.Fatalf("eval --ablate %v: exit %d\n%s", args, code, errOut)
		}
	}
	if code, _, errOut = cli(t, dir, "eval", "--jobs", jobs, "--loo-dump", filepath.Join(dir, "dump.jsonl")); code != 2 || !strings.Contains(errOut, "--loo-dump needs --loo") {
		t.Fatalf("eval --loo-dump without --loo: exit %d\n%s", code, errOut)
	}
	qs := filepath.Join(dir, "q.jsonl")
	os.WriteFile(qs, []byte(`{"id":"q1","query":"led DevOps team","judgments":[{"ref":"002_6ca7291b08ba563c#L7","grade":2},{"ref":"missing#/work/0","grade":1}]}`+"\n"), 0o644)
	code, out, errOut = cli(t, dir, "eval", "--queries", qs, "--json", "--modes", "keyword,hybrid")
	if code != 0 {
		t.Fatalf("eval: %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("eval lines: %q", out)
	}
	var rep map[string]any
	json.Unmarshal([]byte(lines[1]), &rep)
	if rep["mode"] != "hybrid" || rep["unmatched_judgments"].(float64) != 1 || rep["ndcg@10"].(float64) <= 0 {
		t.Errorf("eval report: %v", rep)
	}
}

// TestServeStopsCleanly starts the real binary on port 0, waits for
// /readyz, sends SIGTERM and expects a clean exit within 5 seconds.
func TestServeStopsCleanly(t *testing.T) {
	dir := workdir(t)
	cmd, base, stderr := startServe(t, buildVitae(t), dir)
	resp, err := http.Post(base+"/api/v1/search", "application/json", strings.NewReader(`{"query":"led DevOps team"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("search on the served index: %v %v", resp, err)
	}
	// Read to the end so the next request reuses the connection: the
	// server counts a request after writing it, and a new connection
	// could ask for /metrics before that.
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"vitae_embed_calls_total", "vitae_embed_errors_total 0", "vitae_index_bullets", `route="/api/v1/search"`} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not stop within 5 s of SIGTERM")
	}
	if !strings.Contains(stderr.String(), "index closed") {
		t.Errorf("no clean close logged:\n%s", stderr.String())
	}
	t.Logf("stopped %s after SIGTERM", time.Since(start).Round(time.Millisecond))
}

// Above the ANN threshold `vitae index` builds the approximate index and
// leaves it with the index; the next command loads it instead of building.
func TestIndexLeavesApproximateIndexForTheNextRun(t *testing.T) {
	dir := workdir(t)
	t.Setenv("VITAE_INDEX_ANN_THRESHOLD", "5")
	t.Setenv("VITAE_LOG_LEVEL", "info")
	if code, out, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: exit %d: %s %s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "vitae-data", "hnsw.graph")); err != nil {
		t.Fatalf("no approximate index saved: %v", err)
	}
	code, out, errOut := cli(t, dir, "search", "led DevOps team", "--json", "--mode", "semantic")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "loaded approximate vector index") || strings.Contains(errOut, "built approximate vector index") {
		t.Errorf("search should load the saved graph, not build one; log:\n%s", errOut)
	}
	var res struct{ Hits []json.RawMessage }
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) == 0 {
		t.Errorf("semantic search over the loaded graph: %v, %s", err, out)
	}
}
