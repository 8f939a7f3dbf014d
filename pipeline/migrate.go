package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"vitae"
	"vitae/index"
)

// MigrateSource is a store copied from: its résumés with their bullets,
// and its vectors as stored. Both backends (index.Index, weaviate.Store)
// are one.
type MigrateSource interface {
	// EachResume calls fn with every résumé, bullets included, in an
	// order of the store's choosing.
	EachResume(ctx context.Context, fn func(*vitae.Resume) error) error
	Stats() (index.Stats, error)
	VectorModel() string
	// Vectors returns the stored vectors of the bullets ids that have
	// one, of VectorModel's model.
	Vectors(ctx context.Context, ids []string) (map[string][]float32, error)
}

// MigrateTarget is a store copied to: a Store whose vectors can be read
// back, so that a second run skips what the first one copied.
type MigrateTarget interface {
	Upsert(ctx context.Context, resumes []*vitae.Resume) (index.Changes, error)
	PutVectors(ids []string, vecs [][]float32, model string) error
	VectorModel() string
	Vectors(ctx context.Context, ids []string) (map[string][]float32, error)
	Stats() (index.Stats, error)
}

// MigrateOptions configure Migrate; zero values take the defaults.
type MigrateOptions struct {
	// Batch is how many résumés are read and written at once; default 200.
	Batch int
	// Progress receives ResumesMigrated events and a StageDone of
	// StageMigrate, on the calling goroutine; may be nil.
	Progress func(Event)
}

// Migration is what Migrate did.
type Migration struct {
	Model     string        `json:"model"`     // the vectors' model identity, carried over
	Resumes   int           `json:"resumes"`   // in the source
	Copied    int           `json:"copied"`    // résumés written to the target (added or replaced)
	Unchanged int           `json:"unchanged"` // already in the target with the same content hash
	Bullets   int           `json:"bullets"`   // bullets written
	Vectors   int           `json:"vectors"`   // vectors written
	Kept      int           `json:"kept"`      // vectors the target already had
	NoVector  int           `json:"no_vector"` // bullets the source has no vector for: a back-fill embeds them
	Took      time.Duration `json:"took_ns"`
}

// Migrate copies every résumé, bullet and vector of from into to, in
// batches of résumés in the source's order, without embedding anything:
// vectors go over as stored, under the source's model identity. A target
// holding vectors of another model is refused (EINVALID) before anything
// is written: two models' vectors are never mixed.
//
// A run can be cut short (ctx, a kill) and started again: résumés
// already in the target with the same content hash are left alone
// (Upsert skips them), and vectors the target already has are not
// written again, so nothing is copied twice and nothing is missed. The
// source must not change meanwhile (stop the server using it).
func Migrate(ctx context.Context, from MigrateSource, to MigrateTarget, opts MigrateOptions) (*Migration, error) {
	start := time.Now()
	if opts.Batch <= 0 {
		opts.Batch = 200
	}
	emit := func(e Event) {
		if opts.Progress != nil {
			opts.Progress(e)
		}
	}
	m := &Migration{Model: from.VectorModel()}
	if err := checkModels(m.Model, to); err != nil {
		return m, err
	}
	st, err := from.Stats()
	if err != nil {
		return m, fmt.Errorf("source stats: %w", err)
	}
	m.Resumes = st.Resumes
	done := 0
	defer func() {
		m.Took = time.Since(start)
		emit(StageDone{Stage: StageMigrate, Done: done, Total: m.Resumes, Elapsed: m.Took})
	}()
	var batch []*vitae.Resume
	flush := func() error {
		if err := ctx.Err(); err != nil {
			return vitae.Wrap(vitae.ETIMEOUT, err, "migration cancelled")
		}
		if err := migrateBatch(ctx, from, to, batch, m); err != nil {
			return err
		}
		done += len(batch)
		batch = make([]*vitae.Resume, 0, opts.Batch) // the target may keep the last
		emit(ResumesMigrated{Done: done, Total: max(m.Resumes, done), Bullets: m.Bullets, Vectors: m.Vectors, Elapsed: time.Since(start)})
		return nil
	}
	err = from.EachResume(ctx, func(r *vitae.Resume) error {
		if batch = append(batch, r); len(batch) < opts.Batch {
			return nil
		}
		return flush()
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		if ctx.Err() != nil && vitae.ErrorCode(err) != vitae.ETIMEOUT {
			err = vitae.Wrap(vitae.ETIMEOUT, err, "migration cancelled")
		}
		return m, err
	}
	m.Resumes = max(m.Resumes, done)
	// The embedded target's HNSW graph, now rather than while serving.
	if b, ok := to.(annBuilder); ok {
		if err := b.BuildANN(ctx); err != nil {
			return m, fmt.Errorf("build the vector index: %w", err)
		}
	}
	return m, nil
}

// checkModels refuses a target whose vectors are of another model than
// the source's.
func checkModels(model string, to MigrateTarget) error {
	cur := to.VectorModel()
	if model == "" || cur == "" || cur == model {
		return nil
	}
	st, err := to.Stats()
	if err != nil {
		return fmt.Errorf("target stats: %w", err)
	}
	if st.Vectors == 0 {
		return nil // the old model left no vector
	}
	return vitae.Errorf(vitae.EINVALID,
		"the target holds %d vectors of model %q, the source's are of model %q: vectors of two models are never mixed (empty the target, or pick another collection or path)",
		st.Vectors, cur, model)
}

// migrateBatch copies one batch of résumés: the records with their
// bullets, then the vectors the target lacks.
func migrateBatch(ctx context.Context, from MigrateSource, to MigrateTarget, rs []*vitae.Resume, m *Migration) error {
	var ids []string
	for _, r := range rs {
		for _, b := range r.Bullets {
			ids = append(ids, b.ID)
		}
	}
	ch, err := to.Upsert(ctx, rs)
	if err != nil {
		return fmt.Errorf("write résumés: %w", err)
	}
	m.Copied += ch.Added + ch.Updated
	m.Unchanged += ch.Unchanged
	m.Bullets += ch.Bullets
	if m.Model == "" {
		m.NoVector += len(ids)
		return nil
	}
	vecs, err := from.Vectors(ctx, ids)
	if err != nil {
		return fmt.Errorf("read source vectors: %w", err)
	}
	var have map[string][]float32
	if to.VectorModel() == m.Model {
		if have, err = to.Vectors(ctx, ids); err != nil {
			return fmt.Errorf("read target vectors: %w", err)
		}
	}
	var put []string
	var putVecs [][]float32
	for _, id := range ids {
		v, ok := vecs[id]
		switch {
		case !ok:
			m.NoVector++
		case have[id] != nil:
			m.Kept++
		default:
			put, putVecs = append(put, id), append(putVecs, v)
		}
	}
	if err := to.PutVectors(put, putVecs, m.Model); err != nil {
		return fmt.Errorf("write vectors: %w", err)
	}
	m.Vectors += len(put)
	return nil
}

// MigrateModel copies the built-in model (ModelFile) from the directory
// fromDir to toDir when the two differ, so that a migrated store's
// vectors keep the model that embeds its queries: without it the target
// would train another model and embed every bullet again. No model in
// fromDir (another provider) copies nothing; a different model already in
// toDir is EINVALID.
func MigrateModel(fromDir, toDir string) error {
	src, dst := ModelPath(fromDir), ModelPath(toDir)
	if filepath.Clean(src) == filepath.Clean(dst) {
		return nil
	}
	data, err := os.ReadFile(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the built-in model: %w", err)
	}
	old, err := os.ReadFile(dst)
	switch {
	case err == nil && bytes.Equal(old, data):
		return nil
	case err == nil:
		return vitae.Errorf(vitae.EINVALID, "%s holds another built-in model than %s: move it away first", dst, src)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("read the target's built-in model: %w", err)
	}
	if err := os.MkdirAll(toDir, 0o700); err != nil {
		return fmt.Errorf("copy the built-in model: %w", err)
	}
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("copy the built-in model: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("copy the built-in model: %w", err)
	}
	return nil
}
