package pipeline_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/pipeline"
)

// A new embedding model never serves the old model's vectors:
// SyncVectors drops them and re-embeds every bullet, reporting progress;
// with the same model it has nothing to do.
func TestSyncVectorsModelChange(t *testing.T) {
	ctx := context.Background()
	ix, err := index.Open(index.Options{Path: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	kw, err := pipeline.New(pipeline.Options{Store: ix})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := kw.AddFiles(ctx, []pipeline.File{readData(t, "ana-silva.json"), readData(t, "sam-ortiz.yaml")})
	if err != nil || sum.Bullets < 5 {
		t.Fatalf("add files: %+v, %v", sum, err)
	}
	n := sum.Bullets
	first := embed.NewLocal(embed.LocalOptions{Dim: 64})
	if got, err := pipeline.SyncVectors(ctx, ix, first, nil); err != nil || got != n {
		t.Fatalf("first sync: %d, %v; want %d", got, err, n)
	}
	if got, err := pipeline.SyncVectors(ctx, ix, first, nil); err != nil || got != 0 {
		t.Errorf("same model again: re-embedded %d, %v", got, err)
	}
	second := embed.NewLocal(embed.LocalOptions{Dim: 32})
	var last [2]int
	got, err := pipeline.SyncVectors(ctx, ix, second, func(done, total int) { last = [2]int{done, total} })
	if err != nil || got != n {
		t.Fatalf("sync after a model change: %d, %v; want %d", got, err, n)
	}
	if last != [2]int{n, n} {
		t.Errorf("last progress %v, want [%d %d]", last, n, n)
	}
	if st, _ := ix.Stats(); st.Model != second.Model() || st.Vectors != n {
		t.Errorf("stats after the model change: %+v", st)
	}
	q, _ := second.Embed(ctx, []string{"DevOps team"}, vitae.InputQuery)
	if nn, err := ix.Nearest(ctx, q[0], 5, vitae.Filters{}); err != nil || len(nn) != 5 {
		t.Errorf("nearest with the new model's 32-d query: %v, %v", nn, err)
	}
}
