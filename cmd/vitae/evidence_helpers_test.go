package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoRef is a bullet of the demo data the evidence tests judge.
const demoRef = "002_6ca7291b08ba563c#L7"

// judged is an evidence item (JSON) judging demoRef at grade for req;
// an empty job is left out.
func judged(id, job, req, split string, grade int) string {
	j := ""
	if job != "" {
		j = `"job":"` + job + `",`
	}
	return fmt.Sprintf(`{"id":%q,%s"requirement":%q,"split":%q,"judgments":[{"ref":%q,"grade":%d}]}`, id, j, req, split, demoRef, grade)
}

// indexedDir is a work directory with the demo data indexed, under the
// environment the test has set.
func indexedDir(t *testing.T) string {
	t.Helper()
	dir := workdir(t)
	if code, out, errOut := cli(t, dir, "index", "data"); code != 0 {
		t.Fatalf("index: exit %d\n%s\n%s", code, out, errOut)
	}
	return dir
}

// evidenceFile writes items, one a line, to a new evidence set in dir
// and returns its path.
func evidenceFile(t *testing.T, dir string, items ...string) string {
	t.Helper()
	f, err := os.CreateTemp(dir, "ev-*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(strings.Join(items, "\n") + "\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return filepath.Clean(f.Name())
}
