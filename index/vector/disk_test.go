package vector

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// Metadata goes through its encoding and its columns unchanged.
func TestMetaRoundTrip(t *testing.T) {
	metas := []Meta{
		{},
		{Company: "acme", Role: "engineer", Person: "ada", Section: "work", Skills: []string{"go", "sql"}, Period: vitae.Period{Start: "2020-01", End: "2021"}},
		{Company: "acme", Skills: []string{"go"}},
		{Person: "bob", Period: vitae.Period{Start: "2019"}},
	}
	var cols, enc metaCols
	for i, m := range metas {
		cols.set(i, m)
		b := AppendMeta(nil, m)
		got, err := DecodeMeta(b)
		if err != nil || !cmp.Equal(got, m, cmp.Comparer(sameMeta)) {
			t.Errorf("DecodeMeta(AppendMeta(%+v)) = %+v, %v", m, got, err)
		}
		if err := enc.setEncoded(i, b); err != nil {
			t.Fatal(err)
		}
	}
	cols.set(1, metas[3]) // a replacement
	enc.set(1, metas[3])
	for i, want := range []Meta{metas[0], metas[3], metas[2], metas[3]} {
		for name, c := range map[string]*metaCols{"set": &cols, "setEncoded": &enc} {
			var got Meta
			c.get(i, &got)
			if !sameMeta(got, want) {
				t.Errorf("%s: slot %d = %+v, want %+v", name, i, got, want)
			}
		}
	}
	if _, err := DecodeMeta([]byte{5, 'a'}); err == nil {
		t.Error("a truncated encoding decoded")
	}
}

func sameMeta(a, b Meta) bool {
	return a.Company == b.Company && a.Role == b.Role && a.Person == b.Person && a.Section == b.Section &&
		a.Period == b.Period && slices.Equal(a.Skills, b.Skills)
}

// write stores entries as index does: Stage, then (records) Commit.
func write(tb testing.TB, vs *Store, entries []Entry) {
	tb.Helper()
	slots, err := vs.Stage(entries)
	if err != nil {
		tb.Fatal(err)
	}
	vs.Commit("rand", entries, slots, slices.Repeat([]bool{true}, len(entries)))
}

// reopen maps dir's files again with the slots given, as index does.
func reopen(tb testing.TB, dir string, opts Options, slots map[string]Slot) *Store {
	tb.Helper()
	vs := Open(dir, opts)
	tb.Cleanup(func() { vs.Close(); vs.CloseFiles() })
	if err := vs.Attach("rand", 48); err != nil {
		tb.Fatal(err)
	}
	for id, s := range slots {
		if err := vs.LoadRow(id, s, AppendMeta(nil, Meta{Company: "even"})); err != nil {
			tb.Fatal(err)
		}
	}
	if err := vs.Loaded(); err != nil {
		tb.Fatal(err)
	}
	return vs
}

// A store on disk answers as one in memory, replaced vectors move to new
// rows, and Wipe zeroes the rows no one names while the graph keeps
// finding the live copies of a wiped node.
func TestDiskStoreMatchesMemory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opts := Options{ANNThreshold: 500}
	vecs := randVecs(1200, 48, 7)
	for i := 1; i < 4; i++ {
		vecs[i] = vecs[0] // copies: one graph node, three twins
	}
	mem, vs := newStore(t, opts), Open(dir, opts)
	defer func() { vs.Close(); vs.CloseFiles() }()
	entries := make([]Entry, len(vecs))
	for i, v := range vecs {
		entries[i] = Entry{ID: fmt.Sprintf("v%04d", i), Vec: Normalize(v)}
	}
	mem.Put("rand", entries)
	write(t, vs, entries[:700])
	write(t, vs, entries[700:])
	for _, s := range []*Store{mem, vs} {
		if err := s.BuildANN(ctx); err != nil {
			t.Fatal(err)
		}
	}
	rec := map[*Store]float64{}
	qs := randVecs(20, 48, 99)
	for _, q := range qs {
		a, _ := mem.NearestExact(ctx, q, 10)
		b, err := vs.NearestExact(ctx, q, 10)
		if err != nil || !cmp.Equal(a, b) {
			t.Fatalf("disk store answers %v (%v), memory %v", b, err, a)
		}
		// The graphs are built in parallel, so not identical: both find
		// nearly all of the exact answer.
		for _, s := range []*Store{mem, vs} {
			c, err := s.Nearest(ctx, q, 10, nil)
			if err != nil {
				t.Fatal(err)
			}
			rec[s] += recall(neighborIDs(a), neighborIDs(c)) / float64(len(qs))
		}
	}
	if rec[mem] < 0.9 || rec[vs] < 0.9 {
		t.Errorf("recall@10: memory %.3f, disk %.3f", rec[mem], rec[vs])
	}

	// The node of the four copies is removed and wiped: the three others
	// are still found, at the same similarity.
	node := entries[0].ID
	for _, e := range entries[:4] {
		if i := vs.pos[e.ID]; vs.graph.Load().links[i] != nil {
			node = e.ID
		}
	}
	row := vs.pos[node]
	vs.Remove([]string{node})
	if err := vs.Wipe(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, FloatFile))
	if err != nil {
		t.Fatal(err)
	}
	if !allZero(data[headerSize+row*48*4 : headerSize+(row+1)*48*4]) {
		t.Error("the removed row is not zeroed on disk")
	}
	got, err := vs.Nearest(ctx, vecs[0], 3, nil)
	if err != nil || len(got) != 3 || got[0].Score < 0.999 || got[2].Score < 0.999 || slices.ContainsFunc(got, func(n Neighbor) bool { return n.ID == node }) {
		t.Errorf("copies of a wiped node: %v %v", got, err)
	}

	// A replaced vector goes to a new row; the old one is zeroed by Wipe.
	old := vs.pos[entries[10].ID]
	write(t, vs, []Entry{{ID: entries[10].ID, Vec: Normalize(vecs[20])}})
	if vs.pos[entries[10].ID] == old || vs.live[old] {
		t.Errorf("replaced vector stayed in row %d", old)
	}
	if err := vs.Wipe(); err != nil {
		t.Fatal(err)
	}
	if v, err := vs.Vector(entries[10].ID); err != nil || !slices.Equal(v, Normalize(vecs[20])) {
		t.Errorf("replaced vector reads %v, %v", v[:3], err)
	}
}

// Reopened from its files and the slots, a store holds the same vectors
// without reading them (the graph file names rows by their checksums).
func TestDiskStoreReopens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opts := Options{ANNThreshold: 500, Quantize: true}
	vs := Open(dir, opts)
	vecs := randVecs(800, 48, 3)
	entries := make([]Entry, len(vecs))
	for i, v := range vecs {
		entries[i] = Entry{ID: string(rune(0x4e00 + i)), Vec: Normalize(v)}
	}
	slots, err := vs.Stage(entries)
	if err != nil {
		t.Fatal(err)
	}
	vs.Commit("rand", entries, slots, slices.Repeat([]bool{true}, len(entries)))
	if err := vs.BuildANN(ctx); err != nil {
		t.Fatal(err)
	}
	want, _ := vs.Nearest(ctx, vecs[5], 10, nil)
	graph := filepath.Join(dir, GraphFileName)
	vs.Close()
	if err := vs.SaveGraph(graph); err != nil {
		t.Fatal(err)
	}
	vs.CloseFiles()

	byID := map[string]Slot{}
	for k, e := range entries {
		byID[e.ID] = slots[k]
	}
	next := reopen(t, dir, opts, byID)
	if err := next.LoadGraph(graph); err != nil {
		t.Fatalf("graph not reused: %v", err)
	}
	got, err := next.Nearest(ctx, vecs[5], 10, nil)
	if err != nil || !cmp.Equal(got, want) {
		t.Errorf("after reopen: %v (%v), want %v", got, err, want)
	}
	kept, _ := next.Nearest(ctx, vecs[5], 10, func(m *Meta) bool { return m.Company == "even" })
	if len(kept) != 10 {
		t.Errorf("filtered by reloaded metadata: %d neighbours", len(kept))
	}
}

// Searches run while rows are appended, replaced, removed and wiped
// (go test -race checks the locking).
func TestDiskStoreConcurrentSearchAndWrite(t *testing.T) {
	ctx := context.Background()
	vs := Open(t.TempDir(), Options{ANNThreshold: 300, Quantize: true})
	defer func() { vs.Close(); vs.CloseFiles() }()
	vecs := randVecs(1200, 32, 5)
	entry := func(i int) Entry { return Entry{ID: fmt.Sprintf("v%04d", i%900), Vec: Normalize(vecs[i])} }
	var batch []Entry
	for i := range 400 {
		batch = append(batch, entry(i))
	}
	write(t, vs, batch)
	done := make(chan struct{})
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			for k := 0; ; k++ {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				if _, err := vs.Nearest(ctx, vecs[k%len(vecs)], 10, nil); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for lo := 400; lo < len(vecs); lo += 50 {
		batch = batch[:0]
		for i := lo; i < lo+50; i++ {
			batch = append(batch, entry(i)) // past 900: replacements
		}
		write(t, vs, batch)
		vs.Remove([]string{fmt.Sprintf("v%04d", lo/2)})
		if err := vs.Wipe(); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	// 900 IDs, 16 removed, of which v0200, v0225, v0250 and v0275 came
	// back as replacements (rows 1100–1199).
	if n, _ := vs.Count(); n != 888 {
		t.Errorf("%d vectors, want 888", n)
	}
}
