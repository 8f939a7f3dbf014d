package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A binary file is no job description: match and jobs add refuse it as a
// usage error (exit 2) that says why, before anything opens.
func TestBinaryJobDescriptionIsAUsageError(t *testing.T) {
	dir := workdir(t)
	b := make([]byte, 1000)
	for i := range b {
		b[i] = byte(i*131 + i/7)
	}
	if err := os.WriteFile(filepath.Join(dir, "job.bin"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"match", "job.bin"}, {"jobs", "add", "job.bin"}} {
		code, out, errOut := cli(t, dir, args...)
		if code != 2 || out != "" || !strings.Contains(errOut, "job.bin: job description is not UTF-8 text") {
			t.Errorf("%v: exit %d\nstdout:\n%.300s\nstderr:\n%s", args, code, out, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "vitae-data")); err == nil {
		t.Error("the index was opened for a file that is no job description")
	}
}
