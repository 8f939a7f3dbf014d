package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// dumpFile is a JSONL file a flag (--fit-dump, --loo-dump) asks for,
// opened before the work and written after it: a path that cannot be
// written is refused before minutes of grading, and a run that fails
// leaves a regular file as it was (a temporary file beside it, with the
// old file's mode or a new file's, is renamed over it only once the
// whole dump is written). A symlink's target is written, not replaced;
// a FIFO, a device or /dev/stdout is written directly.
type dumpFile struct {
	flag, path string
	tmp        *os.File
	direct     bool // tmp is the path itself
}

// openDump creates the temporary file beside path (or opens path
// itself when it is no regular file); a path that cannot be written is
// the caller's mistake (exit 2).
func openDump(flag, path string) (*dumpFile, error) {
	refuse := func(err error) error { return &exitError{code: 2, err: fmt.Errorf("%s %s: %w", flag, path, err)} }
	target := path
	if p, err := filepath.EvalSymlinks(path); err == nil {
		target = p
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return nil, refuse(errors.New("is a directory"))
	case err == nil && !st.Mode().IsRegular(), err == nil && procFile(path, target):
		// A pipe, a terminal or a process substitution's /dev/fd/N: no
		// file to put beside it, and a rename would not reach the reader.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, refuse(err)
		}
		return &dumpFile{flag: flag, path: path, tmp: f, direct: true}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, refuse(err)
	}
	tmp, err := createBeside(target)
	if err != nil {
		return nil, refuse(err)
	}
	if st != nil {
		// The dump replaces the file: it keeps the file's mode, which the
		// umask may have cut from the temporary one.
		if err := tmp.Chmod(st.Mode().Perm()); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return nil, refuse(err)
		}
	}
	return &dumpFile{flag: flag, path: target, tmp: tmp}, nil
}

// procFile reports a path that is, or leads to, an open file of a
// process (/dev/stdout, /dev/fd/1 redirected to a file): written where
// it is, not renamed over, or the redirection would keep the old file.
func procFile(path, target string) bool {
	return strings.HasPrefix(path, "/dev/") || strings.HasPrefix(target, "/proc/")
}

// createBeside creates a new hidden file in target's directory with mode
// 0666 less the umask, as a new file at target would get (os.CreateTemp
// gives 0600).
func createBeside(target string) (*os.File, error) {
	dir, base := filepath.Dir(target), filepath.Base(target)
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d", base, rand.Uint32()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("create a temporary file in %s: every name tried exists", dir)
}

// discard removes the temporary file unless the dump was written; nil
// and a written dump are no-ops, so it can be deferred. A path written
// directly is closed, never removed.
func (d *dumpFile) discard() {
	if d == nil || d.tmp == nil {
		return
	}
	d.tmp.Close()
	if !d.direct {
		os.Remove(d.tmp.Name())
	}
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
	if d.direct {
		if err != nil {
			return fmt.Errorf("%s: %w", d.flag, err)
		}
		return nil
	}
	if err == nil {
		err = os.Rename(name, d.path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("%s: %w", d.flag, err)
	}
	return nil
}
