package main

import (
	"encoding/json"
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
	type judgment struct {
		Ref   string `json:"ref"`
		Grade int    `json:"grade"`
	}
	b, err := json.Marshal(struct {
		ID          string     `json:"id"`
		Job         string     `json:"job,omitempty"`
		Requirement string     `json:"requirement"`
		Split       string     `json:"split"`
		Judgments   []judgment `json:"judgments"`
	}{id, job, req, split, []judgment{{demoRef, grade}}})
	if err != nil {
		panic(err) // strings and ints always marshal
	}
	return string(b)
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
