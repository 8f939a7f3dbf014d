package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"vitae"
	"vitae/embed"
	"vitae/index/vector"
)

// vecQueries are what the reopen tests compare: a filtered and an
// unfiltered nearest-neighbour search per query.
func vecAnswers(t *testing.T, ix *Index, e vitae.Embedder) [][]Neighbor {
	t.Helper()
	ctx := context.Background()
	qs, err := e.Embed(ctx, []string{"devops teams", "nurses", "kubernetes on aws"}, vitae.InputQuery)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]Neighbor
	for _, q := range qs {
		for _, f := range []vitae.Filters{{}, {Company: []string{"planet labs"}}} {
			got, err := ix.Nearest(ctx, q, 3, f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got)
		}
	}
	return out
}

// slotRows reads which row each bullet's vector is in.
func slotRows(t *testing.T, ix *Index) map[string]uint32 {
	t.Helper()
	rows := map[string]uint32{}
	if err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSlots).ForEach(func(k, v []byte) error {
			s, _, err := vector.ParseSlot(v)
			rows[string(k)] = s.Row
			return err
		})
	}); err != nil {
		t.Fatal(err)
	}
	return rows
}

// Vectors live in the mapped files, not in vitae.db, and a reopened index
// answers exactly as before, quantized or not, filtered or not.
func TestVectorsReopenFromFiles(t *testing.T) {
	for _, quantize := range []bool{false, true} {
		t.Run(map[bool]string{false: "float", true: "int8"}[quantize], func(t *testing.T) {
			opts := Options{Path: t.TempDir(), Quantize: quantize}
			ix, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Upsert(context.Background(), sample()); err != nil {
				t.Fatal(err)
			}
			e := embed.NewLocal(embed.LocalOptions{Dim: 32})
			embedAll(t, ix, e)
			want := vecAnswers(t, ix, e)
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			ix = open(t, opts)
			if diff := cmp.Diff(want, vecAnswers(t, ix, e)); diff != "" {
				t.Errorf("answers after reopen (-before +after):\n%s", diff)
			}
			if len(slotRows(t, ix)) != 5 {
				t.Errorf("slots %v, want one per bullet", slotRows(t, ix))
			}
			if err := ix.db.View(func(tx *bolt.Tx) error {
				if k, _ := tx.Bucket(bucketVectors).Cursor().First(); k != nil {
					t.Errorf("vitae.db still holds vectors (%s)", k)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(filepath.Join(opts.Path, vector.FloatFile))
			if err != nil || st.Size() != 4096+5*32*4 {
				t.Errorf("float rows file: %v %v, want a header and 5 rows", st, err)
			}
		})
	}
}

// An index whose vectors are in vitae.db (the layout before vector files)
// opens with them moved into the files, answering as before.
func TestLegacyVectorsMoveToFiles(t *testing.T) {
	opts := Options{Path: t.TempDir()}
	ix, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Upsert(context.Background(), sample()); err != nil {
		t.Fatal(err)
	}
	e := embed.NewLocal(embed.LocalOptions{Dim: 32})
	embedAll(t, ix, e)
	want := vecAnswers(t, ix, e)
	// Write the old layout: vectors in bbolt, no slots, no files.
	if err := ix.db.Update(func(tx *bolt.Tx) error {
		for id := range slotRows(t, ix) {
			v, err := ix.vec.Vector(id)
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketVectors).Put([]byte(id), vector.Encode(v)); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketSlots); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(dimKey)
	}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := vector.RemoveFiles(opts.Path); err != nil {
		t.Fatal(err)
	}
	ix = open(t, opts)
	if diff := cmp.Diff(want, vecAnswers(t, ix, e)); diff != "" {
		t.Errorf("answers after the move (-before +after):\n%s", diff)
	}
	if n := len(slotRows(t, ix)); n != 5 {
		t.Errorf("%d slots after the move, want 5", n)
	}
	if n, m := ix.vec.Count(); n != 5 || m != e.Model() {
		t.Errorf("store holds %d vectors of %q after the move", n, m)
	}
}

// A row that fails its checksum stops Open with ErrDamaged (the rows a
// search scans are checked: int8 when quantized, else float); a torn
// append or rows a crash left unnamed are cut off.
func TestVectorFilesDamageAndTornWrites(t *testing.T) {
	for _, tc := range []struct {
		name     string
		quantize bool
		file     string
		damage   func(path string) error
		wantErr  bool
	}{
		{"float row flipped", false, vector.FloatFile, flipByte(4096 + 5), true},
		{"int8 row flipped", true, vector.Int8File, flipByte(4096 + 40), true},
		{"float row flipped, quantized: checked when re-scored", true, vector.FloatFile, flipByte(4096 + 5), false},
		{"torn append", false, vector.FloatFile, appendBytes(70), false},
		{"header overwritten", false, vector.FloatFile, flipByte(3), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Path: t.TempDir(), Quantize: tc.quantize}
			ix, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Upsert(context.Background(), sample()); err != nil {
				t.Fatal(err)
			}
			embedAll(t, ix, embed.NewLocal(embed.LocalOptions{Dim: 32}))
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			if err := tc.damage(filepath.Join(opts.Path, tc.file)); err != nil {
				t.Fatal(err)
			}
			ix, err = Open(opts)
			if tc.wantErr {
				if !errors.Is(err, ErrDamaged) {
					t.Fatalf("Open: %v, want ErrDamaged", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if n, _ := ix.vec.Count(); n != 5 {
				t.Errorf("%d vectors after reopen, want 5", n)
			}
			if st, _ := os.Stat(filepath.Join(opts.Path, tc.file)); st.Size() != 4096+5*32*4 && tc.file == vector.FloatFile && !tc.quantize {
				t.Errorf("float file of %d bytes: the torn row was not cut off", st.Size())
			}
		})
	}
}

func flipByte(off int64) func(string) error {
	return func(path string) error {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		b := make([]byte, 1)
		if _, err := f.ReadAt(b, off); err != nil {
			return err
		}
		b[0] ^= 0x5a
		_, err = f.WriteAt(b, off)
		return err
	}
}

func appendBytes(n int) func(string) error {
	return func(path string) error {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.Write(make([]byte, n))
		return err
	}
}

// Rows written for a write that never committed (a crash between the
// vector files and the records) are no one's: cut off at the next open.
func TestStagedRowsWithoutRecordsAreDropped(t *testing.T) {
	opts := Options{Path: t.TempDir()}
	ix, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Upsert(context.Background(), sample()); err != nil {
		t.Fatal(err)
	}
	embedAll(t, ix, embed.NewLocal(embed.LocalOptions{Dim: 32}))
	v := vector.Normalize(make([]float32, 32))
	v[3] = 1
	if _, err := ix.vec.Stage([]vector.Entry{{ID: "ghost", Vec: v}, {ID: "ghost2", Vec: v}}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = open(t, opts)
	if n, _ := ix.vec.Count(); n != 5 || ix.vec.Has("ghost") {
		t.Errorf("%d vectors (ghost: %v), want the 5 committed", n, ix.vec.Has("ghost"))
	}
	for _, f := range []struct {
		name string
		row  int64
	}{{vector.FloatFile, 128}, {vector.Int8File, 32}, {vector.ScaleFile, 4}} {
		if st, err := os.Stat(filepath.Join(opts.Path, f.name)); err != nil || st.Size() != 4096+5*f.row {
			t.Errorf("%s: %v %v, want 5 rows", f.name, st.Size(), err)
		}
	}
}

// Erasing a résumé zeroes its vectors' rows in every vector file before
// Delete returns.
func TestDeleteZeroesVectorRows(t *testing.T) {
	ctx := context.Background()
	for _, quantize := range []bool{false, true} {
		t.Run(map[bool]string{false: "float", true: "int8"}[quantize], func(t *testing.T) {
			dir := t.TempDir()
			ix := open(t, Options{Path: dir, Quantize: quantize})
			if _, err := ix.Upsert(ctx, sample()); err != nil {
				t.Fatal(err)
			}
			embedAll(t, ix, embed.NewLocal(embed.LocalOptions{Dim: 32}))
			rows := slotRows(t, ix)
			if err := ix.Delete(ctx, "alice"); err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name string
				size int
			}{{vector.FloatFile, 128}, {vector.Int8File, 32}, {vector.ScaleFile, 4}} {
				data, err := os.ReadFile(filepath.Join(dir, f.name))
				if err != nil {
					t.Fatal(err)
				}
				for id, r := range rows {
					row := data[4096+int(r)*f.size : 4096+int(r+1)*f.size]
					zero := true
					for _, b := range row {
						zero = zero && b == 0
					}
					if erased := id == "alice-0" || id == "alice-1"; zero != erased {
						t.Errorf("%s row of %s: zeroed %v, want %v", f.name, id, zero, erased)
					}
				}
			}
			if n, _ := ix.vec.Count(); n != 3 {
				t.Errorf("%d vectors after the erasure, want 3", n)
			}
		})
	}
}

// A re-indexed résumé whose bullets keep their vectors but change company
// is filtered by the new company, after a reopen as well.
func TestVectorMetadataFollowsUpsert(t *testing.T) {
	ctx := context.Background()
	opts := Options{Path: t.TempDir()}
	ix, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	rs := sample()
	if _, err := ix.Upsert(ctx, rs); err != nil {
		t.Fatal(err)
	}
	e := embed.NewLocal(embed.LocalOptions{Dim: 32})
	embedAll(t, ix, e)
	moved := resume("alice", "Alice Smith", "Orbital Works", "Principal Engineer", "2016-01", "2018-08", []string{"Kubernetes"},
		"Led operationally-focused teams of DevOps engineers and SREs",
		"Deployed and operated Kubernetes on AWS and GCP")
	moved.Hash += "-moved" // the same texts, other metadata
	if _, err := ix.Upsert(ctx, []*vitae.Resume{moved}); err != nil {
		t.Fatal(err)
	}
	q, err := e.Embed(ctx, []string{"devops"}, vitae.InputQuery)
	if err != nil {
		t.Fatal(err)
	}
	check := func(ix *Index, when string) {
		for company, want := range map[string]int{"orbital works": 2, "planet labs": 0} {
			got, err := ix.Nearest(ctx, q[0], 5, vitae.Filters{Company: []string{company}})
			if err != nil || len(got) != want {
				t.Errorf("%s: company %q: %d neighbours (%v), want %d", when, company, len(got), err, want)
			}
		}
	}
	check(ix, "before reopen")
	if ix.Missing([]string{"alice-0"}) != nil {
		t.Fatal("the unchanged bullet lost its vector")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	check(open(t, opts), "after reopen")
}

// A rebuild from the records carries the vectors over from the vector
// files, leaving out a row that fails its checksum (embedded again later).
func TestRebuildCopiesVectorFiles(t *testing.T) {
	opts := Options{Path: filepath.Join(t.TempDir(), "ix")}
	ix, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Upsert(context.Background(), sample()); err != nil {
		t.Fatal(err)
	}
	embedAll(t, ix, embed.NewLocal(embed.LocalOptions{Dim: 32}))
	damagedID := ""
	for id, r := range slotRows(t, ix) {
		if r == 2 {
			damagedID = id
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := flipByte(4096 + 2*128 + 9)(filepath.Join(opts.Path, vector.FloatFile)); err != nil {
		t.Fatal(err)
	}
	n, _, err := Rebuild(context.Background(), opts)
	if err != nil || n != 3 {
		t.Fatalf("Rebuild: %d résumés, %v", n, err)
	}
	ix = open(t, opts)
	if got, _ := ix.vec.Count(); got != 4 || ix.vec.Has(damagedID) {
		t.Errorf("%d vectors after the rebuild (damaged %s kept: %v), want the 4 sound ones", got, damagedID, ix.vec.Has(damagedID))
	}
}
