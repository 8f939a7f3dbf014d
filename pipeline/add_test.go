package pipeline_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/pipeline"
)

func readData(tb testing.TB, name string) pipeline.File {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "data", name))
	if err != nil {
		tb.Fatal(err)
	}
	return pipeline.File{Name: name, Data: data}
}

func TestAddFiles(t *testing.T) {
	r := newRig(t, t.TempDir())
	ctx := context.Background()
	good, other := readData(t, "ana-silva.json"), readData(t, "jordan-lee.md")
	broken := pipeline.File{Name: "broken.json", Data: []byte(`{"basics": `)}

	sum, err := r.x.AddFiles(ctx, []pipeline.File{good, broken, other})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Skipped) != 1 || sum.Skipped[0].Path != "broken.json" || !strings.Contains(sum.Skipped[0].Reason, "broken.json") {
		t.Errorf("skipped %+v, want broken.json named with its reason", sum.Skipped)
	}
	if sum.Files != 3 || sum.Resumes != 2 || sum.Bullets == 0 || sum.Embedded != sum.Bullets || sum.Degraded != "" {
		t.Errorf("summary %+v", sum)
	}
	res, err := r.ix.Resume("ana-silva")
	if err != nil || res.Source != "upload:ana-silva.json" || res.Bullets[0].Source != res.Source {
		t.Errorf("stored résumé %+v, %v", res, err)
	}
	if st := stats(t, r.ix); st.Vectors != st.Bullets {
		t.Errorf("uploaded bullets without vectors: %+v", st)
	}
	// Add neither trains the built-in embedder nor saves a model.
	if _, err := os.Stat(pipeline.ModelPath(r.ix.Path())); err == nil {
		t.Error("Add trained and saved a model")
	}

	// The same upload again writes nothing and embeds nothing: its bullets
	// have their vectors (a retry after a provider failure embeds the
	// ones that lack them).
	again, err := r.x.AddFiles(ctx, []pipeline.File{good})
	if err != nil || again.Resumes != 0 || again.Unchanged != 1 || again.Bullets != 0 || again.Embedded != 0 {
		t.Errorf("same upload again: %+v, %v", again, err)
	}
}

// downEmbedder is a real OpenAI client pointed at a provider that refuses
// every request (a revoked key), so no retry waits.
func downEmbedder(tb testing.TB, model string) vitae.Embedder {
	tb.Helper()
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, `{"error":{"message":"invalid api key"}}`, http.StatusUnauthorized)
	}))
	tb.Cleanup(down.Close)
	e, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: down.URL + "/v1", Model: model, Dimensions: 8, MaxRetries: 1, Timeout: 2 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func TestEmbeddingFailuresDegrade(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		add    func(t *testing.T, x *pipeline.Indexer) (*pipeline.Summary, error)
		reason string
	}{
		{"run with the provider down", func(t *testing.T, x *pipeline.Indexer) (*pipeline.Summary, error) {
			return x.Run(ctx, pipeline.Job{Paths: []string{dataDir(t, samples[:3]...)}})
		}, "embed bullets"},
		{"add with the provider down", func(t *testing.T, x *pipeline.Indexer) (*pipeline.Summary, error) {
			return x.AddFiles(ctx, []pipeline.File{readData(t, "ana-silva.json")})
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := index.Open(index.Options{Path: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			x, err := pipeline.New(pipeline.Options{Store: ix, Embedder: downEmbedder(t, "m")})
			if err != nil {
				t.Fatal(err)
			}
			sum, err := tt.add(t, x)
			if err != nil {
				t.Fatalf("an embedding failure must degrade, not fail: %v", err)
			}
			if sum.Degraded == "" || sum.DegradedBy == nil || !strings.Contains(sum.Degraded, tt.reason) || sum.Embedded != 0 || sum.Bullets == 0 {
				t.Errorf("summary %+v", sum)
			}
			// The bullets are keyword-searchable at once.
			st := stats(t, ix)
			if st.Bullets != sum.Bullets || st.Vectors != 0 {
				t.Errorf("index %+v after %+v", st, sum)
			}
		})
	}
}

func TestAddRefusesVectorsOfAnotherModel(t *testing.T) {
	r := newRig(t, t.TempDir())
	ctx := context.Background()
	if _, err := r.x.AddFiles(ctx, []pipeline.File{readData(t, "ana-silva.json")}); err != nil {
		t.Fatal(err)
	}
	other, err := pipeline.New(pipeline.Options{Store: r.ix, Embedder: embed.NewLocal(embed.LocalOptions{Dim: 64})})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := other.AddFiles(ctx, []pipeline.File{readData(t, "jordan-lee.md")})
	if err != nil || sum.Resumes != 1 || sum.Embedded != 0 || !strings.Contains(sum.Degraded, "another model") || vitae.ErrorCode(sum.DegradedBy) != vitae.EUNSUPPORTED {
		t.Errorf("add with another model: %+v, %v", sum, err)
	}
	if st := stats(t, r.ix); st.Vectors != st.Bullets-sum.Bullets {
		t.Errorf("vectors of two models mixed: %+v", st)
	}
}

func TestEnsureIndexed(t *testing.T) {
	ctx := context.Background()
	dir := dataDir(t, samples[:3]...)
	path := t.TempDir()

	// Keyword-only first: bullets without vectors.
	ix, err := index.Open(index.Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	kw, err := pipeline.New(pipeline.Options{Store: ix})
	if err != nil {
		t.Fatal(err)
	}
	// Sample data that adds nothing (a directory without résumés) leaves
	// the index empty, and says so.
	if sum, err := kw.EnsureIndexed(ctx, []string{t.TempDir()}); !errors.Is(err, pipeline.ErrEmpty) || sum == nil {
		t.Fatalf("no sample résumés: %+v, %v; want ErrEmpty", sum, err)
	}
	sum, err := kw.EnsureIndexed(ctx, []string{dir})
	if err != nil || sum.Resumes != 3 || sum.Embedded != 0 {
		t.Fatalf("empty index: %+v, %v", sum, err)
	}
	if sum, err := kw.EnsureIndexed(ctx, []string{dir}); err != nil || sum.Resumes != 0 || sum.Files != 0 {
		t.Errorf("second call on an indexed index: %+v, %v", sum, err)
	}
	ix.Close()

	// With an embedder: the missing vectors are back-filled, the files
	// not read again; then there is nothing to do.
	r := newRig(t, path)
	sum, err = r.x.EnsureIndexed(ctx, []string{dir})
	if st := stats(t, r.ix); err != nil || sum.Files != 0 || sum.Embedded != st.Bullets || st.Vectors != st.Bullets {
		t.Errorf("back-fill: %+v, %v, index %+v", sum, err, st)
	}
	before := r.counter.Calls()
	if sum, err := r.x.EnsureIndexed(ctx, []string{dir}); err != nil || sum.Embedded != 0 || r.counter.Calls() != before {
		t.Errorf("nothing to do: %+v, %v, %d calls", sum, err, r.counter.Calls()-before)
	}
}

func TestOptionsValidate(t *testing.T) {
	ix, err := index.Open(index.Options{Path: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	local := embed.NewSwap(embed.NewLocal(embed.LocalOptions{}))
	tests := []struct {
		name string
		opts pipeline.Options
		want []string // every problem, reported at once
	}{
		{"keyword only", pipeline.Options{Store: ix}, nil},
		{"built-in embedder", pipeline.Options{Store: ix, Embedder: local, Local: local, ModelPath: "m.bin"}, nil},
		{"no store", pipeline.Options{}, []string{"store is required"}},
		{"built-in embedder without a model path", pipeline.Options{Store: ix, Embedder: local, Local: local}, []string{"model path"}},
		{"everything wrong", pipeline.Options{Batch: -1, Local: local}, []string{"store is required", "batch", "no embedder", "model path"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			if (err == nil) != (len(tt.want) == 0) {
				t.Fatalf("Validate() = %v, want problems %v", err, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
			if _, err := pipeline.New(tt.opts); (err == nil) != (len(tt.want) == 0) {
				t.Errorf("New accepts what Validate refuses: %v", err)
			}
		})
	}
}
