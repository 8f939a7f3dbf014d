package pipeline_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
	"vitae/index/weaviate"
	"vitae/index/weaviate/weaviatetest"
	"vitae/pipeline"
)

// demoIndex indexes the whole of data/ into a fresh embedded index with
// the built-in embedder, as `vitae index` does.
func demoIndex(tb testing.TB) (*rig, string) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "idx")
	r := newRig(tb, dir)
	if _, err := r.x.Run(context.Background(), pipeline.Job{Paths: []string{filepath.Join("..", "data")}}); err != nil {
		tb.Fatal(err)
	}
	return r, dir
}

type migrateStore interface {
	pipeline.MigrateSource
	pipeline.MigrateTarget
	Resumes(offset, limit int) ([]*vitae.Resume, int, error)
	Resume(id string) (*vitae.Resume, error)
}

// sameContents fails tb unless a and b hold the same résumés with the same
// bullets, and the same vectors under the same model.
func sameContents(tb testing.TB, a, b migrateStore) {
	tb.Helper()
	ctx := context.Background()
	if ma, mb := a.VectorModel(), b.VectorModel(); ma != mb || ma == "" {
		tb.Errorf("models %q and %q", ma, mb)
	}
	sa, err := a.Stats()
	if err != nil {
		tb.Fatal(err)
	}
	sb, err := b.Stats()
	if err != nil {
		tb.Fatal(err)
	}
	if sa.Resumes != sb.Resumes || sa.Bullets != sb.Bullets || sa.Vectors != sb.Vectors || sa.Vectors != sa.Bullets {
		tb.Errorf("stats %+v and %+v", sa, sb)
	}
	list, total, err := a.Resumes(0, 1000)
	if err != nil || total != sa.Resumes {
		tb.Fatalf("list: %d of %d, %v", len(list), total, err)
	}
	for _, p := range list {
		ra, err := a.Resume(p.ID)
		if err != nil {
			tb.Fatal(err)
		}
		rb, err := b.Resume(p.ID)
		if err != nil {
			tb.Errorf("résumé %s: %v", p.ID, err)
			continue
		}
		if d := cmp.Diff(ra, rb); d != "" {
			tb.Errorf("résumé %s (-source +target):\n%s", p.ID, d)
		}
		ids := make([]string, len(ra.Bullets))
		for i, bl := range ra.Bullets {
			ids[i] = bl.ID
		}
		va, err := a.Vectors(ctx, ids)
		if err != nil {
			tb.Fatal(err)
		}
		vb, err := b.Vectors(ctx, ids)
		if err != nil {
			tb.Fatal(err)
		}
		for _, id := range ids {
			if !closeVectors(va[id], vb[id]) {
				tb.Errorf("bullet %s of %s: vectors differ (%d and %d dimensions)", id, p.ID, len(va[id]), len(vb[id]))
			}
		}
	}
}

// closeVectors: equal up to float32 rounding (each backend normalises
// what it is given; a unit vector stays itself, within an ulp).
func closeVectors(a, b []float32) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if math.Abs(float64(a[i]-b[i])) > 1e-6 {
			return false
		}
	}
	return true
}

// TestMigrateRoundTrip copies the demo data from the embedded index to a
// real Weaviate node, cutting the first run short and resuming it, then
// back to a fresh embedded index: the same résumés, bullets and vectors
// at each end, nothing written twice, nothing embedded.
func TestMigrateRoundTrip(t *testing.T) {
	src, srcDir := demoIndex(t)
	node := weaviatetest.Start(t)
	ctx := context.Background()
	wv, err := weaviate.Open(ctx, weaviate.Options{Hosts: node.Hosts(), Collection: "Migrate"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := src.ix.Stats()
	if err != nil {
		t.Fatal(err)
	}

	// First run: cancelled after its first batch of 5 résumés.
	cut, cancel := context.WithCancel(ctx)
	var events []pipeline.Event
	m, err := pipeline.Migrate(cut, src.ix, wv, pipeline.MigrateOptions{Batch: 5, Progress: func(e pipeline.Event) {
		events = append(events, e)
		if _, ok := e.(pipeline.ResumesMigrated); ok {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) && vitae.ErrorCode(err) != vitae.ETIMEOUT {
		t.Fatalf("cancelled run: %v", err)
	}
	if m.Copied != 5 || m.Vectors == 0 || m.Vectors != m.Bullets {
		t.Fatalf("cancelled run copied %+v, want 5 résumés with their vectors", m)
	}
	if got, ok := events[0].(pipeline.ResumesMigrated); !ok || got.Done != 5 || got.Total != st.Resumes {
		t.Errorf("first event %#v, want 5 of %d résumés", events[0], st.Resumes)
	}
	if last, ok := events[len(events)-1].(pipeline.StageDone); !ok || last.Stage != pipeline.StageMigrate {
		t.Errorf("last event %#v, want the migrate stage done", events[len(events)-1])
	}
	first := *m

	// Second run: skips what the first copied, copies the rest.
	m, err = pipeline.Migrate(ctx, src.ix, wv, pipeline.MigrateOptions{Batch: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := pipeline.Migration{Model: src.ix.VectorModel(), Resumes: st.Resumes, Copied: st.Resumes - 5, Unchanged: 5,
		Bullets: st.Bullets - first.Bullets, Vectors: st.Vectors - first.Vectors, Kept: first.Vectors}
	m.Took = 0
	if d := cmp.Diff(want, *m); d != "" {
		t.Errorf("resumed run (-want +got):\n%s", d)
	}
	sameContents(t, src.ix, wv)

	// And back, into a fresh embedded index, in one run, with the model.
	backDir := filepath.Join(t.TempDir(), "back")
	if err := pipeline.MigrateModel(srcDir, backDir); err != nil {
		t.Fatal(err)
	}
	back := newRig(t, backDir)
	if _, err := pipeline.Migrate(ctx, wv, back.ix, pipeline.MigrateOptions{}); err != nil {
		t.Fatal(err)
	}
	sameContents(t, src.ix, back.ix)
	// Ready to serve as it is: the model that embeds queries is the
	// vectors' own, so nothing is trained or embedded again.
	sum, err := back.x.EnsureIndexed(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := back.counter.Calls(); n != 0 || sum.Embedded != 0 || back.local.Model() != src.ix.VectorModel() {
		t.Errorf("after migrating back: %d embedding calls, %d embedded, model %q (want %q)",
			n, sum.Embedded, back.local.Model(), src.ix.VectorModel())
	}
}

// A kill between a batch's records and its vectors leaves résumés without
// vectors in the target: the next run gives them their vectors.
func TestMigrateFillsVectorsOfCopiedResumes(t *testing.T) {
	src, _ := demoIndex(t)
	dst, err := index.Open(index.Options{Path: filepath.Join(t.TempDir(), "dst")})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	r, err := src.ix.Resume("jordan-lee")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dst.Upsert(context.Background(), []*vitae.Resume{r}); err != nil {
		t.Fatal(err)
	}
	m, err := pipeline.Migrate(context.Background(), src.ix, dst, pipeline.MigrateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Unchanged != 1 || m.Kept != 0 || m.NoVector != 0 {
		t.Errorf("migration %+v, want jordan-lee unchanged and given its vectors", m)
	}
	sameContents(t, src.ix, dst)
}

// Vectors of two models are never mixed: a target holding another
// model's vectors is refused before anything is written.
func TestMigrateRefusesAnotherModel(t *testing.T) {
	src, _ := demoIndex(t)
	dst, err := index.Open(index.Options{Path: filepath.Join(t.TempDir(), "dst")})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	r, err := src.ix.Resume("ana-silva")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := dst.Upsert(ctx, []*vitae.Resume{r}); err != nil {
		t.Fatal(err)
	}
	if err := dst.PutVectors([]string{r.Bullets[0].ID}, [][]float32{{1, 0, 0}}, "another-model"); err != nil {
		t.Fatal(err)
	}
	before, _ := dst.Stats()
	_, err = pipeline.Migrate(ctx, src.ix, dst, pipeline.MigrateOptions{})
	if vitae.ErrorCode(err) != vitae.EINVALID {
		t.Fatalf("err %v, want EINVALID", err)
	}
	if after, _ := dst.Stats(); after != before {
		t.Errorf("the refused migration wrote: %+v, then %+v", before, after)
	}
}

func TestMigrateModel(t *testing.T) {
	model := []byte("a trained model")
	tests := []struct {
		name      string
		src, dst  []byte // nil: no file
		same      bool   // one directory for both
		want      []byte // the target's file after
		wantError string // vitae code
	}{
		{name: "copied", src: model, want: model},
		{name: "no model: another provider", want: nil},
		{name: "same directory", src: model, same: true, want: model},
		{name: "the same model there", src: model, dst: model, want: model},
		{name: "another model there", src: model, dst: []byte("other"), want: []byte("other"), wantError: vitae.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := t.TempDir()
			to := filepath.Join(t.TempDir(), "new")
			if tt.same {
				to = from
			}
			if tt.src != nil {
				writeFile(t, pipeline.ModelPath(from), tt.src)
			}
			if tt.dst != nil {
				writeFile(t, pipeline.ModelPath(to), tt.dst)
			}
			err := pipeline.MigrateModel(from, to)
			if (err != nil) != (tt.wantError != "") || (err != nil && vitae.ErrorCode(err) != tt.wantError) {
				t.Fatalf("err %v, want code %q", err, tt.wantError)
			}
			got, _ := os.ReadFile(pipeline.ModelPath(to))
			if string(got) != string(tt.want) {
				t.Errorf("target model %q, want %q", got, tt.want)
			}
		})
	}
}

func writeFile(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}
