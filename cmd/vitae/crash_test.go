package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"vitae"
	"vitae/index"
	"vitae/ingest"
)

// writeCorpus writes n JSON Resume files of k highlights each; every
// bullet carries the token "crashmark" and one of its own ("r0042b3").
func writeCorpus(t *testing.T, dir string, n, k int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		var hl []string
		for j := 0; j < k; j++ {
			hl = append(hl, fmt.Sprintf("Led crashmark project r%04db%d that cut deploy latency by %d percent for payments", i, j, j+5))
		}
		doc := map[string]any{
			"basics": map[string]any{"name": fmt.Sprintf("Person %04d", i)},
			"work":   []any{map[string]any{"name": fmt.Sprintf("Company%d", i%37), "position": "Engineer", "startDate": "2019-01", "highlights": hl}},
		}
		data, _ := json.Marshal(doc)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%04d.json", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// expectedCounts parses the corpus in-process: the résumés and bullets a
// complete run must end with.
func expectedCounts(t *testing.T, dir string) (resumes, bullets int) {
	t.Helper()
	files, err := ingest.Expand([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		r, err := ingest.File(f, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		resumes++
		bullets += len(r.Bullets)
	}
	return resumes, bullets
}

// indexState opens the index in-process (so it must open after a crash)
// and reports its counts and how many bleve documents carry term.
type indexState struct {
	Resumes, Bullets, Vectors int
	Docs                      int // bleve documents matching the term
}

func openState(t *testing.T, path, term string) indexState {
	t.Helper()
	ix, err := index.Open(index.Options{Path: path})
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	defer ix.Close()
	st, err := ix.Stats()
	if err != nil {
		t.Fatalf("stats after the crash: %v", err)
	}
	res, err := ix.Lexical(context.Background(), index.LexicalRequest{Text: term, Size: 1})
	if err != nil {
		t.Fatalf("search after the crash: %v", err)
	}
	return indexState{Resumes: st.Resumes, Bullets: st.Bullets, Vectors: st.Vectors, Docs: res.Total}
}

// killWhen runs the binary, watches its JSON log on stderr and sends
// SIGKILL delay after the first line for which trigger is true. It reports
// whether the process died of the signal (false: it finished first).
func killWhen(t *testing.T, bin, dir string, args []string, trigger func(line string) bool, delay time.Duration) (killed bool, log string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	// Every run, the timing one included, keeps Go's default collector
	// target whatever index.gc_percent says, so the kills' delays fit.
	cmd.Env = append(crashEnv(dir), "GOGC=100")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	fired := make(chan struct{})
	var once sync.Once
	scanned := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			buf.WriteString(sc.Text() + "\n")
			if trigger(sc.Text()) {
				once.Do(func() { close(fired) })
			}
		}
	}()
	done := make(chan error, 1)
	go func() {
		<-scanned
		done <- cmd.Wait()
	}()
	select {
	case <-fired:
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("trigger never fired:\n%s", buf.String())
	case err := <-done:
		if err != nil {
			t.Fatalf("%v exited before the trigger: %v\n%s", args, err, buf.String())
		}
		return false, buf.String()
	}
	err = <-done
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true, buf.String()
		}
	}
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, buf.String())
	}
	return false, buf.String() // finished between the trigger and the kill
}

func logged(msg string) func(string) bool {
	return func(line string) bool { return strings.Contains(line, `"msg":"`+msg+`"`) }
}

func progressOf(what string) func(string) bool {
	return func(line string) bool {
		return strings.Contains(line, `"msg":"progress"`) && strings.Contains(line, `"what":"`+what+`"`)
	}
}

// phases is how long an uninterrupted `vitae index` spends in each phase.
type phases struct{ files, training, vectors time.Duration }

// timePhases indexes the corpus once into a scratch index and reads the
// phases' lengths from the JSON log's timestamps: files from the first
// progress record to the last, training from its announcement to the
// first vectors record, vectors from there to the last.
func timePhases(t *testing.T, bin, dir string) phases {
	t.Helper()
	cmd := exec.Command(bin, "index", filepath.Join(dir, "corpus"))
	cmd.Dir = dir
	cmd.Env = append(crashEnv(dir), "GOGC=100", "VITAE_INDEX_PATH="+filepath.Join(dir, "scratch-idx"))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, stderr.String())
	}
	first := map[string]time.Time{}
	last := map[string]time.Time{}
	for _, line := range strings.Split(stderr.String(), "\n") {
		var rec struct {
			Time time.Time `json:"time"`
			Msg  string    `json:"msg"`
			What string    `json:"what"`
		}
		if json.Unmarshal([]byte(line), &rec) != nil {
			continue
		}
		key := rec.Msg
		if rec.Msg == "progress" {
			key = rec.What
		}
		if _, ok := first[key]; !ok {
			first[key] = rec.Time
		}
		last[key] = rec.Time
	}
	train := "training the built-in embedder"
	for _, k := range []string{"files", train, "vectors"} {
		if first[k].IsZero() {
			t.Fatalf("uninterrupted run logged no %q record:\n%s", k, stderr.String())
		}
	}
	return phases{
		files:    last["files"].Sub(first["files"]),
		training: first["vectors"].Sub(first[train]),
		vectors:  last["vectors"].Sub(first["vectors"]),
	}
}

// TestIndexSurvivesSIGKILL kills `vitae index` in its parsing/writing
// phase and in its training/embedding phase, reopens the index after each
// kill, and checks that a final run ends with exactly the corpus: every
// résumé and bullet once, one bleve document per bullet, every vector.
func TestIndexSurvivesSIGKILL(t *testing.T) {
	bin := buildVitae(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	writeCorpus(t, corpus, 1500, 6)
	wantResumes, wantBullets := expectedCounts(t, corpus)
	idx := filepath.Join(dir, "idx")
	args := []string{"index", corpus}

	// The kills land at fractions of each phase's length, timed on this
	// machine by one uninterrupted run into a scratch index: fixed delays
	// fit one machine and land after the run on a faster one.
	ph := timePhases(t, bin, dir)
	t.Logf("uninterrupted run: files %v, training %v, vectors %v", ph.files, ph.training, ph.vectors)
	rounds := []struct {
		name    string
		trigger func(string) bool
		delay   time.Duration
	}{
		{"while writing bullets", progressOf("files"), ph.files / 4},
		{"while writing bullets, later", progressOf("files"), ph.files / 4},
		{"while training the embedder", logged("training the built-in embedder"), ph.training / 3},
		{"while embedding", progressOf("vectors"), ph.vectors / 3},
	}
	kills := 0
	for _, r := range rounds {
		killed, log := killWhen(t, bin, dir, args, r.trigger, r.delay)
		st := openState(t, idx, "crashmark")
		t.Logf("%s: killed=%v, then %d résumés, %d bullets, %d bleve docs, %d vectors", r.name, killed, st.Resumes, st.Bullets, st.Docs, st.Vectors)
		if st.Resumes > wantResumes || st.Bullets > wantBullets || st.Vectors > st.Bullets {
			t.Fatalf("%s: more than the corpus after a crash: %+v\n%s", r.name, st, log)
		}
		// Bleve agrees with the records: no bullet searchable without the
		// résumé that owns it (it could not be erased).
		if st.Docs != st.Bullets {
			t.Fatalf("%s: %d bleve documents for %d recorded bullets after reopening", r.name, st.Docs, st.Bullets)
		}
		if killed {
			kills++
		}
	}
	if kills < 2 {
		t.Fatalf("only %d of %d runs were killed mid-way; the corpus is too small for this machine", kills, len(rounds))
	}

	// A complete run repairs whatever the kills left.
	cmd := exec.Command(bin, "index", corpus, "--json")
	cmd.Dir, cmd.Env = dir, crashEnv(dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("final run: %v\n%s", err, stderr.String())
	}
	var sum indexSummary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("final summary: %v\n%s", err, stdout.String())
	}
	if len(sum.Skipped) != 0 || sum.Degraded != "" {
		t.Errorf("final run: %+v", sum)
	}
	st := openState(t, idx, "crashmark")
	want := indexState{Resumes: wantResumes, Bullets: wantBullets, Vectors: wantBullets, Docs: wantBullets}
	if st != want {
		t.Fatalf("after the final run: %+v, want %+v", st, want)
	}
	// Every bullet is found by its own token exactly once.
	ix, err := index.Open(index.Options{Path: idx})
	if err != nil {
		t.Fatal(err)
	}
	for _, probe := range []string{"r0000b0", "r0749b3", "r1499b5"} {
		res, err := ix.Lexical(context.Background(), index.LexicalRequest{Text: probe, Size: 10})
		if err != nil || res.Total != 1 {
			t.Errorf("%s: %d hits (%v), want 1", probe, res.Total, err)
		}
	}
	ix.Close()

	// And one more run changes nothing.
	cmd = exec.Command(bin, "index", corpus, "--json")
	cmd.Dir, cmd.Env = dir, crashEnv(dir)
	stdout.Reset()
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	var again indexSummary
	_ = json.Unmarshal(stdout.Bytes(), &again)
	if again.Resumes != 0 || again.Unchanged != wantResumes || again.Bullets != 0 || again.Embedded != 0 {
		t.Errorf("a run after recovery should change nothing: %+v", again)
	}
	t.Logf("survived %d SIGKILLs; final index: %d résumés, %d bullets, %d vectors", kills, st.Resumes, st.Bullets, st.Vectors)
}

// uploadBatch posts files résumés (Markdown) named up<batch>-<i>, each with
// its own token "tok<batch>x<i>", and returns the status.
func uploadBatch(base string, batch, files int) (int, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i < files; i++ {
		w, _ := mw.CreateFormFile("files", fmt.Sprintf("up%03d-%02d.md", batch, i))
		fmt.Fprintf(w, "# Up Loaded %d %d\n\n## Experience\n\n### Engineer — Initech\n2020 – Present\n\n", batch, i)
		for j := 0; j < 5; j++ {
			fmt.Fprintf(w, "- Shipped feature tok%dx%d number %d to production for uploadmark customers\n", batch, i, j)
		}
	}
	mw.Close()
	resp, err := http.Post(base+"/api/v1/resumes", mw.FormDataContentType(), &buf)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func postJSON(t *testing.T, url, body string, out any) int {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	return resp.StatusCode
}

// TestServeSurvivesSIGKILLDuringUpload uploads résumés in a loop, kills
// the server with SIGKILL while an upload is in flight, restarts it on the
// same index and checks: every acknowledged upload is there and found,
// the one in flight is there entirely or not at all, and the counts agree.
func TestServeSurvivesSIGKILLDuringUpload(t *testing.T) {
	bin := buildVitae(t)
	dir := workdir(t)
	cmd, base, stderr := startServe(t, bin, dir)

	var st0 struct{ Resumes, Bullets int }
	resp, err := http.Get(base + "/api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&st0)
	resp.Body.Close()

	const perBatch = 10
	acked := make(chan int, 100) // batches answered 201
	var inFlight atomic.Bool
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := 0; ; b++ {
			select {
			case <-stop:
				return
			default:
			}
			status, err := uploadBatch(base, b, perBatch)
			if err != nil {
				inFlight.Store(true) // the server died mid-request
				return
			}
			if status != http.StatusCreated {
				t.Errorf("upload %d: status %d", b, status)
				return
			}
			acked <- b
		}
	}()
	for n := 0; n < 3; n++ {
		select {
		case <-acked:
		case <-time.After(30 * time.Second):
			t.Fatalf("uploads do not complete:\n%s", stderr.String())
		}
	}
	time.Sleep(30 * time.Millisecond) // the next upload is under way
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	close(stop)
	wg.Wait()
	close(acked)
	ackedN := 3
	for range acked {
		ackedN++
	}

	// Reopen on the same index.
	_, base, _ = startServe(t, bin, dir)
	var st struct{ Resumes, Bullets int }
	resp, err = http.Get(base + "/api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()

	// Acknowledged batches are whole: each résumé and each bullet found.
	for b := 0; b < ackedN; b++ {
		for i := 0; i < perBatch; i++ {
			id := fmt.Sprintf("up%03d-%02d", b, i)
			r, err := http.Get(base + "/api/v1/resumes/" + id)
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			if r.StatusCode != 200 {
				t.Fatalf("acknowledged résumé %s lost after SIGKILL: %d", id, r.StatusCode)
			}
		}
		var res struct{ Hits []vitae.Hit }
		postJSON(t, base+"/api/v1/search", fmt.Sprintf(`{"query":"tok%dx%d","mode":"keyword"}`, b, perBatch-1), &res)
		if len(res.Hits) != 5 {
			t.Errorf("batch %d: %d hits for its last résumé's token, want 5", b, len(res.Hits))
		}
	}
	// Counts agree with what the records say: no bullet in the keyword
	// index without its résumé (which could then never be erased).
	var all struct{ Total int }
	postJSON(t, base+"/api/v1/search", `{"query":"uploadmark","mode":"keyword","facets":false}`, &all)
	uploadedBullets := st.Bullets - st0.Bullets
	if all.Total != uploadedBullets {
		t.Errorf("keyword index holds %d uploaded bullets, records %d", all.Total, uploadedBullets)
	}
	if got := st.Resumes - st0.Resumes; got != ackedN*perBatch && got != (ackedN+1)*perBatch {
		t.Errorf("%d uploaded résumés after the crash; want %d acknowledged (+%d if the last landed)", got, ackedN*perBatch, perBatch)
	}
	t.Logf("SIGKILL after %d acknowledged uploads (one cut off in flight: %v); after restart %d uploaded résumés, %d bullets (%d in the keyword index)",
		ackedN, inFlight.Load(), st.Resumes-st0.Resumes, uploadedBullets, all.Total)
}
