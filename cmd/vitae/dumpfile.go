package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// dumpFile is a JSONL file a flag (--fit-dump, --loo-dump) asks for,
// opened before the work and written after it: a path that cannot be
// written is refused before minutes of grading, and a run that fails
// leaves the file as it was (a temporary file beside it is renamed over
// it only once the whole dump is written).
type dumpFile struct {
	flag, path string
	tmp        *os.File
}

// openDump creates the temporary file beside path; a path that cannot
// be written is the caller's mistake (exit 2).
func openDump(flag, path string) (*dumpFile, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, &exitError{code: 2, err: fmt.Errorf("%s %s: is a directory", flag, path)}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, &exitError{code: 2, err: fmt.Errorf("%s %s: %w", flag, path, err)}
	}
	return &dumpFile{flag: flag, path: path, tmp: tmp}, nil
}

// discard removes the temporary file unless the dump was written; nil
// and a written dump are no-ops, so it can be deferred.
func (d *dumpFile) discard() {
	if d == nil || d.tmp == nil {
		return
	}
	d.tmp.Close()
	os.Remove(d.tmp.Name())
	d.tmp = nil
}

// writeDump writes xs to d, one JSON object a line, and puts the file
// at its path.
func writeDump[T any](d *dumpFile, xs []T) error {
	if d == nil || d.tmp == nil {
		return errors.New("write dump: the file is not open")
	}
	name := d.tmp.Name()
	err := writeJSONL(d.tmp, xs) // closes it
	d.tmp = nil
	if err == nil {
		err = os.Rename(name, d.path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("%s: %w", d.flag, err)
	}
	return nil
}
