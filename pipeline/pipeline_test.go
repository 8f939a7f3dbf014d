package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vitae/embed"
	"vitae/index"
	"vitae/pipeline"
)

// samples are real résumés from data/, one per format the pipeline reads.
var samples = []string{"ana-silva.json", "jordan-lee.md", "sam-ortiz.yaml", "priya-natarajan.html", "morgan-blake.docx", "riley-chen.pdf"}

// dataDir copies the named files of ../data into a fresh directory, so a
// test may add, break and delete files.
func dataDir(tb testing.TB, names ...string) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	for _, n := range names {
		copyFile(tb, filepath.Join("..", "data", n), filepath.Join(dir, n))
	}
	return dir
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// rig is an Indexer over a real index in a temp dir, with the built-in
// embedder behind a Swap (as `vitae index` wires it) and every embedding
// call counted.
type rig struct {
	ix      *index.Index
	close   func()
	local   *embed.Swap
	counter *embed.Counting
	x       *pipeline.Indexer
	events  []pipeline.Event
}

func newRig(tb testing.TB, path string) *rig {
	tb.Helper()
	ix, err := index.Open(index.Options{Path: path})
	if err != nil {
		tb.Fatal(err)
	}
	close := sync.OnceFunc(func() { ix.Close() })
	tb.Cleanup(close)
	l, err := embed.ReadLocalFile(pipeline.ModelPath(path))
	if err != nil {
		tb.Fatal(err)
	}
	r := &rig{ix: ix, close: close, local: embed.NewSwap(l)}
	r.counter = embed.NewCounting(r.local)
	r.x, err = pipeline.New(pipeline.Options{Store: ix, Embedder: r.counter, Local: r.local, ModelPath: pipeline.ModelPath(path),
		Progress: func(e pipeline.Event) { r.events = append(r.events, e) }})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// run runs a job and returns its summary, the events it sent and the
// embedding calls it made.
func (r *rig) run(tb testing.TB, job pipeline.Job) (*pipeline.Summary, []pipeline.Event, int64) {
	tb.Helper()
	r.events = nil
	calls := r.counter.Calls()
	sum, err := r.x.Run(context.Background(), job)
	if err != nil {
		tb.Fatalf("run %+v: %v", job, err)
	}
	return sum, r.events, r.counter.Calls() - calls
}

func stats(tb testing.TB, ix *index.Index) index.Stats {
	tb.Helper()
	st, err := ix.Stats()
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func TestBadFileIsNamedAndTheRestIndexed(t *testing.T) {
	tests := []struct {
		name, file, content string
		reason              string // words the reason must hold beside the file name
	}{
		{"truncated JSON", "broken.json", `{"basics": `, "broken.json"},
		{"NUL bytes", "nul.txt", "Jane Doe\n- Led a team\x00\x00\x00 of five\n", "NUL byte"},
		{"not a DOCX", "fake.docx", "this is no zip archive", "fake.docx"},
		{"nested too deep", "deep.json", strings.Repeat(`{"a":`, 10000), "nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := dataDir(t, samples...)
			bad := filepath.Join(dir, tt.file)
			if err := os.WriteFile(bad, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			r := newRig(t, t.TempDir())
			sum, events, _ := r.run(t, pipeline.Job{Paths: []string{dir}})

			if len(sum.Skipped) != 1 || sum.Skipped[0].Path != bad {
				t.Fatalf("skipped %+v, want only %s", sum.Skipped, bad)
			}
			if reason := sum.Skipped[0].Reason; !strings.Contains(reason, tt.file) || !strings.Contains(reason, tt.reason) {
				t.Errorf("reason %q should name %s and say %q", reason, tt.file, tt.reason)
			}
			if sum.Files != len(samples)+1 || sum.Resumes != len(samples) || sum.Bullets == 0 || sum.Embedded != sum.Bullets || sum.Degraded != "" {
				t.Errorf("summary %+v: want %d files, %d résumés, every bullet embedded", sum, len(samples)+1, len(samples))
			}
			if st := stats(t, r.ix); st.Resumes != len(samples) || st.Bullets != sum.Bullets || st.Vectors != sum.Bullets {
				t.Errorf("index holds %+v after %+v", st, sum)
			}
			// The bad file has its event, with the error, among the others.
			var parsed, failed int
			for _, e := range events {
				if fp, ok := e.(pipeline.FileParsed); ok {
					parsed++
					if fp.Err != nil {
						failed++
						if fp.Path != bad {
							t.Errorf("event reports %s failing, want %s", fp.Path, bad)
						}
					}
				}
			}
			if parsed != sum.Files || failed != 1 {
				t.Errorf("%d FileParsed events, %d failing; want %d and 1", parsed, failed, sum.Files)
			}
		})
	}
}

func TestRunReportsProgress(t *testing.T) {
	dir := dataDir(t, samples...)
	r := newRig(t, t.TempDir())
	sum, events, _ := r.run(t, pipeline.Job{Paths: []string{dir}})

	// Each stage's events in order, with counts that only grow, ending in
	// its StageDone; stages in pipeline order.
	var stages []pipeline.Stage
	files, stored, embedded := 0, 0, 0
	trained := false
	var last time.Duration
	for _, e := range events {
		switch e := e.(type) {
		case pipeline.FileParsed:
			if e.Done != files+1 || e.Total != len(samples) || e.Elapsed < last {
				t.Errorf("FileParsed %+v after %d files", e, files)
			}
			files, last = e.Done, e.Elapsed
		case pipeline.BatchStored:
			stored = e.Bullets
		case pipeline.ModelTrained:
			trained = true
			if e.Bullets != sum.Bullets || !strings.Contains(e.Model, ":trained:") {
				t.Errorf("ModelTrained %+v, want %d bullets of a trained model", e, sum.Bullets)
			}
		case pipeline.VectorsEmbedded:
			if e.Done < embedded || e.Total != sum.Bullets {
				t.Errorf("VectorsEmbedded %+v after %d", e, embedded)
			}
			embedded = e.Done
		case pipeline.StageDone:
			stages = append(stages, e.Stage)
			last = 0
		}
	}
	want := []pipeline.Stage{pipeline.StageFiles, pipeline.StageVectors, pipeline.StageANN}
	if strings.Join(stageNames(stages), ",") != strings.Join(stageNames(want), ",") {
		t.Errorf("stages %v, want %v", stages, want)
	}
	if files != len(samples) || stored != sum.Bullets || embedded != sum.Bullets || !trained {
		t.Errorf("events counted %d files, %d bullets stored, %d embedded, trained=%v; summary %+v", files, stored, embedded, trained, sum)
	}
}

func stageNames(ss []pipeline.Stage) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// TestReRunsAndRetraining walks one index through the runs `vitae index`
// makes, checking what each stores, trains and embeds.
func TestReRunsAndRetraining(t *testing.T) {
	dir := dataDir(t, samples...)
	path := t.TempDir()
	r := newRig(t, path)
	var firstModel string
	steps := []struct {
		name    string
		before  func(t *testing.T) // changes the files first
		job     pipeline.Job
		train   bool // the built-in embedder is (re)trained
		reEmbed bool // every bullet of the index is embedded again
		check   func(t *testing.T, sum *pipeline.Summary, calls int64)
	}{
		{name: "first run trains and embeds everything", job: pipeline.Job{Paths: []string{dir}}, train: true, reEmbed: true,
			check: func(t *testing.T, sum *pipeline.Summary, _ int64) {
				if _, err := os.Stat(pipeline.ModelPath(path)); err != nil {
					t.Errorf("no model saved: %v", err)
				}
				firstModel = r.local.Model()
			}},
		{name: "same files again change nothing and embed nothing", job: pipeline.Job{Paths: []string{dir}},
			check: func(t *testing.T, sum *pipeline.Summary, calls int64) {
				if sum.Resumes != 0 || sum.Unchanged != len(samples) || sum.Bullets != 0 || sum.Embedded != 0 || calls != 0 {
					t.Errorf("re-run: %+v, %d embedding calls", sum, calls)
				}
			}},
		{name: "back-fill with nothing missing embeds nothing", job: pipeline.Job{},
			check: func(t *testing.T, sum *pipeline.Summary, calls int64) {
				if sum.Embedded != 0 || calls != 0 {
					t.Errorf("back-fill: %+v, %d embedding calls", sum, calls)
				}
			}},
		{name: "a new file is embedded alone, with the same model",
			before: func(t *testing.T) {
				copyFile(t, filepath.Join("..", "data", "noah-berg.json"), filepath.Join(dir, "noah-berg.json"))
			},
			job: pipeline.Job{Paths: []string{dir}},
			check: func(t *testing.T, sum *pipeline.Summary, calls int64) {
				if sum.Resumes != 1 || sum.Embedded != sum.Bullets || calls == 0 || r.local.Model() != firstModel {
					t.Errorf("new file: %+v, %d calls, model %s (was %s)", sum, calls, r.local.Model(), firstModel)
				}
			}},
		{name: "retrain learns the new bullets and re-embeds every one", job: pipeline.Job{Retrain: true}, train: true, reEmbed: true,
			check: func(t *testing.T, sum *pipeline.Summary, _ int64) {
				if r.local.Model() == firstModel {
					t.Errorf("retrained on more bullets, model identity unchanged: %s", firstModel)
				}
			}},
		{name: "a deleted file's résumé is removed",
			before: func(t *testing.T) { os.Remove(filepath.Join(dir, "jordan-lee.md")) },
			job:    pipeline.Job{Paths: []string{dir}},
			check: func(t *testing.T, sum *pipeline.Summary, calls int64) {
				if sum.Removed != 1 || sum.Resumes != 0 || calls != 0 {
					t.Errorf("deleted file: %+v, %d calls", sum, calls)
				}
				if _, err := r.ix.Resume("jordan-lee"); err == nil {
					t.Error("résumé of the deleted file is still there")
				}
			}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.before != nil {
				s.before(t)
			}
			sum, events, calls := r.run(t, s.job)
			trained := false
			for _, e := range events {
				_, ok := e.(pipeline.ModelTrained)
				trained = trained || ok
			}
			st := stats(t, r.ix)
			if trained != s.train {
				t.Errorf("trained=%v, want %v", trained, s.train)
			}
			if s.reEmbed && sum.Embedded != st.Bullets {
				t.Errorf("embedded %d of %d bullets, want all", sum.Embedded, st.Bullets)
			}
			if st.Vectors != st.Bullets || r.ix.VectorModel() != r.local.Model() {
				t.Errorf("index %+v, vectors of %s, embedder %s", st, r.ix.VectorModel(), r.local.Model())
			}
			if len(sum.Skipped) != 0 || sum.Degraded != "" {
				t.Errorf("skipped %v, degraded %q", sum.Skipped, sum.Degraded)
			}
			s.check(t, sum, calls)
		})
	}

	// A reopened index loads the saved model and has nothing to do.
	r.close()
	r2 := newRig(t, path)
	if r2.local.Model() != r.local.Model() {
		t.Errorf("reopened with model %s, saved %s", r2.local.Model(), r.local.Model())
	}
	if sum, _, calls := r2.run(t, pipeline.Job{Paths: []string{dir}}); sum.Resumes != 0 || sum.Embedded != 0 || calls != 0 {
		t.Errorf("after reopening: %+v, %d calls", sum, calls)
	}
}
