package bench

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"vitae/embed"
	"vitae/index"
)

// modelFile is where a kept index's trained embedder is saved, beside
// its index directory: a reused index needs the same model to embed
// queries as the vectors it holds.
const modelFile = "local.model"

// OpenKept opens the index a run with Options.Keep left at dir, with its
// embedder. ok is false when there is none (no saved model: the build
// never finished), and the caller builds one.
func OpenKept(dir string, opts index.Options) (ix *index.Index, l *embed.Local, open time.Duration, ok bool, err error) {
	f, err := os.Open(filepath.Join(dir, modelFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, 0, false, nil
	}
	if err != nil {
		return nil, nil, 0, false, fmt.Errorf("bench: kept model: %w", err)
	}
	l, err = embed.LoadLocal(f)
	f.Close()
	if err != nil {
		return nil, nil, 0, false, fmt.Errorf("bench: kept model %s: %w", dir, err)
	}
	opts.Path = filepath.Join(dir, "semantic")
	t := time.Now()
	if ix, err = index.Open(opts); err != nil {
		return nil, nil, 0, false, fmt.Errorf("bench: kept index: %w", err)
	}
	return ix, l, time.Since(t), true, nil
}

// keepModel saves l beside a freshly built index at dir, last: its
// presence says the build finished.
func keepModel(dir string, l *embed.Local) error {
	if err := l.WriteFile(filepath.Join(dir, modelFile)); err != nil {
		return fmt.Errorf("bench: keep model: %w", err)
	}
	return nil
}
