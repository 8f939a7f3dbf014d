package index

import (
	"context"
	"testing"

	"vitae"
	"vitae/embed"
)

// A bulk embed that reserves room (as the pipeline does: before the first
// batch, a no-op while the dimension is unknown, and after it) grows the
// vector store once rather than by doubling, which at a million vectors
// held up to 2 GiB for 1.
func TestReserveVectorsAllocatesOnce(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	if _, err := ix.Upsert(ctx, projects(30, 50)); err != nil {
		t.Fatal(err)
	}
	e := embed.NewLocal(embed.LocalOptions{Dim: 64})
	var ids, texts []string
	if err := ix.MissingVectors(ctx, e.Model(), func(id, text string) error {
		ids, texts = append(ids, id), append(texts, text)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ix.ReserveVectors(len(ids))
	const batch = 256
	for lo := 0; lo < len(ids); lo += batch {
		hi := min(lo+batch, len(ids))
		vecs, err := e.Embed(ctx, texts[lo:hi], vitae.InputDocument)
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.PutVectors(ids[lo:hi], vecs, e.Model()); err != nil {
			t.Fatal(err)
		}
		if lo == 0 {
			ix.ReserveVectors(len(ids) - hi)
		}
	}
	if n, _ := ix.vec.Count(); n != 1500 || ix.vec.Dim() != 64 {
		t.Fatalf("store holds %d vectors of %d dimensions, want 1500 of 64", n, ix.vec.Dim())
	}
	if c := ix.vec.Capacity(); c > 1500*11/10 {
		t.Errorf("store capacity %d vectors for 1500: grown by doubling, not reserved", c)
	}
}
