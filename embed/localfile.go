package embed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ReadLocalFile loads the built-in model saved at path by WriteFile, or
// returns an untrained one (lexicon and subwords only) when there is no
// file yet.
func ReadLocalFile(path string) (*Local, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return NewLocal(LocalOptions{}), nil
	}
	if err != nil {
		return nil, fmt.Errorf("open local model: %w", err)
	}
	defer f.Close()
	l, err := LoadLocal(f)
	if err != nil {
		return nil, fmt.Errorf("load local model %s: %w", path, err)
	}
	return l, nil
}

// WriteFile saves the model at path. It writes a temporary file beside
// it and renames, so a crash never leaves a half-written model behind.
func (l *Local) WriteFile(path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("save local model: %w", err)
	}
	if err := l.Save(f); err != nil {
		f.Close()
		return fmt.Errorf("save local model: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save local model: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("save local model: %w", err)
	}
	return nil
}
