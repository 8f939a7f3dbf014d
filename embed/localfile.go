package embed

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
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

// localFile is the saved form of a trained Local.
type localFile struct {
	Version                      int
	Dim, Contexts, MinCount      int
	ConceptWeight, ContextWeight float64
	BaseWeight                   float64 // 0 in files from before the base model: the default
	ConceptBase                  float64 // 0 in files from before it: the default
	Prob                         map[string]float64
	ContextMap                   map[string][]contextEntry
}

// Save writes the trained model (versioned gob).
func (l *Local) Save(w io.Writer) error {
	// The shipped lexicon is part of the binary, and of Model().
	o := l.opts
	return gob.NewEncoder(w).Encode(localFile{Version: 1, Dim: o.Dim, Contexts: o.Contexts, MinCount: o.MinCount,
		ConceptWeight: o.ConceptWeight, ContextWeight: o.ContextWeight, BaseWeight: o.BaseWeight, ConceptBase: o.ConceptBase, Prob: l.prob, ContextMap: l.contexts})
}

// LoadLocal reads a model written by Save.
func LoadLocal(r io.Reader) (*Local, error) {
	var f localFile
	data, err := io.ReadAll(io.LimitReader(r, 1<<30))
	if err != nil {
		return nil, err
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		return nil, fmt.Errorf("decode local model: %w", err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("local model version %d is not supported", f.Version)
	}
	opts := LocalOptions{Dim: f.Dim, Contexts: f.Contexts, MinCount: f.MinCount, ConceptWeight: f.ConceptWeight, ContextWeight: f.ContextWeight, BaseWeight: f.BaseWeight, ConceptBase: f.ConceptBase}
	l := &Local{opts: opts.withDefaults(), prob: f.Prob, contexts: f.ContextMap}
	l.useBase()
	l.model = l.identity()
	return l, nil
}
