package index

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"vitae"
)

// person is a résumé whose every identifying string is unique, so a grep
// of the index directory can tell whether any of it is left.
func person(id string) (*vitae.Resume, []string) {
	name := "Zebulon " + id + " Quillfeather"
	email := id + ".quillfeather@example.org"
	phone := "+1-555-" + fmt.Sprintf("%07d", len(id)*7919)
	bullet := "Designed the " + id + " xylocarp reconciliation engine for pharmacy claims"
	r := &vitae.Resume{ID: id, Person: name, Email: email, Summary: "Reach me at " + phone, Hash: id, Source: "uploads/" + id + ".json"}
	for i, text := range []string{bullet, "Mentored " + id + " interns in quillwork"} {
		r.Bullets = append(r.Bullets, vitae.Bullet{
			ID: fmt.Sprintf("%s-b%d", id, i), ResumeID: id, Person: name, Company: "Umbrella " + id,
			Section: vitae.SectionWork, Start: "2020-01", Text: text, Ref: fmt.Sprintf("/work/0/highlights/%d", i),
		})
	}
	return r, []string{name, email, phone, bullet}
}

// filler is a crowd of ordinary résumés to share a segment with.
func filler(n int) []*vitae.Resume {
	var out []*vitae.Resume
	for i := range n {
		out = append(out, resume(fmt.Sprintf("filler-%04d", i), fmt.Sprintf("Person %d", i), "Initech", "Engineer", "2019-01", "",
			[]string{"Go"}, fmt.Sprintf("Shipped release %d of the billing service", i), "Kept the on-call rotation calm"))
	}
	return out
}

// leftovers lists which needles each file under dir (and the log) holds.
func leftovers(t *testing.T, dir string, log []byte, needles []string) []string {
	t.Helper()
	var found []string
	check := func(where string, data []byte) {
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				found = append(found, fmt.Sprintf("%s holds %q", where, n))
			}
		}
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		check(rel, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check("the log", log)
	return found
}

// TestDeleteLeavesNoBytes erases a person held in a small segment of their
// own and one sharing a large segment with hundreds of others, then greps
// every file under the index directory and the log for their name, email,
// phone and a bullet: nothing may be left once Delete returns, nor after
// Close (which writes the HNSW graph).
func TestDeleteLeavesNoBytes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var log bytes.Buffer
	ix, err := Open(Options{Path: dir, Logger: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			ix.Close()
		}
	}()

	big, bigNeedles := person("crowded")
	crowd := append(filler(300), big)
	if _, err := ix.Upsert(ctx, crowd); err != nil { // one batch: one large segment
		t.Fatal(err)
	}
	small, smallNeedles := person("alone")
	if _, err := ix.Upsert(ctx, []*vitae.Resume{small}); err != nil { // a small segment of its own
		t.Fatal(err)
	}
	vecs := [][]float32{{1, 0, 0}, {0, 1, 0}}
	if err := ix.PutVectors([]string{"alone-b0", "alone-b1"}, vecs, "m"); err != nil {
		t.Fatal(err)
	}
	needles := append(bigNeedles, smallNeedles...)
	if got := leftovers(t, dir, nil, needles); len(got) == 0 {
		t.Fatal("setup: the people are not on disk before the erasure")
	}

	for _, tc := range []struct {
		id      string
		needles []string
	}{{"alone", smallNeedles}, {"crowded", bigNeedles}} {
		t.Run(tc.id, func(t *testing.T) {
			if err := ix.Delete(ctx, tc.id); err != nil {
				t.Fatal(err)
			}
			for _, l := range leftovers(t, dir, log.Bytes(), tc.needles) {
				t.Error(l)
			}
		})
	}
	closed = true
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	for _, l := range leftovers(t, dir, log.Bytes(), needles) {
		t.Errorf("after Close: %s", l)
	}
	// The others are all still there, and the index reopens.
	ix2 := open(t, Options{Path: dir})
	st, err := ix2.Stats()
	if err != nil || st.Resumes != 300 || st.Bullets != 600 {
		t.Errorf("after erasure: %+v %v, want 300 résumés, 600 bullets", st, err)
	}
	res, err := ix2.Lexical(ctx, LexicalRequest{Text: "billing service release", Size: 5})
	if err != nil || res.Total != 300 {
		t.Errorf("keyword search over the others: %v %+v", err, res)
	}
}
