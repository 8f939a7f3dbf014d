package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"vitae"
	"vitae/ingest"
)

// indexOptions steer one indexing run.
type indexOptions struct {
	retrain  bool // retrain the built-in embedder even if a model exists
	backfill bool // only embed bullets that lack vectors
	progress io.Writer
}

// skipped is a file that could not be indexed, and why.
type skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// indexSummary is what a run did, printed at its end.
type indexSummary struct {
	Files     int           `json:"files"`
	Resumes   int           `json:"resumes"` // added or updated
	Unchanged int           `json:"unchanged"`
	Removed   int           `json:"removed"`
	Bullets   int           `json:"bullets"` // written this run
	Embedded  int           `json:"embedded"`
	Skipped   []skipped     `json:"skipped"`
	Degraded  string        `json:"degraded,omitempty"`
	Took      time.Duration `json:"took_ns"`
}

// resumesPerBatch bounds memory: parsed résumés are written in groups.
const resumesPerBatch = 200

// indexPaths ingests every supported file under paths, writes the changed
// résumés, removes those whose files are gone, and brings vectors up to
// date. A bad file is skipped with its reason; it never stops the run.
func (a *app) indexPaths(ctx context.Context, paths []string, opts indexOptions) (*indexSummary, error) {
	start := time.Now()
	sum := &indexSummary{}
	if !opts.backfill {
		files, missing := expandPaths(paths)
		sum.Skipped = append(sum.Skipped, missing...)
		sum.Files = len(files)
		bar := newProgress(opts.progress, a.log, "files", len(files))
		batch := make([]*vitae.Resume, 0, resumesPerBatch)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			ch, err := a.ix.Upsert(ctx, batch)
			if err != nil {
				return fmt.Errorf("write index: %w", err)
			}
			sum.Resumes += ch.Added + ch.Updated
			sum.Unchanged += ch.Unchanged
			sum.Bullets += ch.Bullets
			batch = batch[:0]
			return nil
		}
		ingestOpts := ingest.Options{}.WithDefaults()
		for i, f := range files {
			if err := ctx.Err(); err != nil {
				bar.done()
				return sum, err
			}
			r, err := ingest.File(f, ingestOpts)
			if err != nil {
				sum.Skipped = append(sum.Skipped, skipped{Path: f, Reason: err.Error()})
				a.log.Warn("skipped file", "path", f, "reason", err.Error())
			} else {
				batch = append(batch, r)
			}
			if len(batch) == resumesPerBatch {
				if err := flush(); err != nil {
					bar.done()
					return sum, err
				}
			}
			bar.set(i+1, filepath.Base(f))
		}
		if err := flush(); err != nil {
			bar.done()
			return sum, err
		}
		bar.done()
		removed, err := a.removeVanished(ctx, paths, files)
		sum.Removed = removed
		if err != nil {
			return sum, err
		}
	}
	if err := a.syncVectors(ctx, opts, sum); err != nil {
		return sum, err
	}
	// Build the approximate index now (it is saved with the index), so a
	// server starting on this index need not build it while serving.
	t := time.Now()
	if err := a.ix.BuildANN(ctx); err != nil {
		return sum, err
	}
	if d := time.Since(t); d > time.Second {
		a.log.Info("approximate vector index ready", "seconds", d.Seconds())
	}
	sum.Took = time.Since(start)
	return sum, nil
}

// syncVectors trains the built-in embedder when it has no model yet (or
// on --retrain) and embeds every bullet lacking a vector. Provider
// failures degrade: bullets stay keyword-searchable and are back-filled
// by the next run.
func (a *app) syncVectors(ctx context.Context, opts indexOptions, sum *indexSummary) error {
	if a.embedder == nil {
		return nil
	}
	if a.cfg.Embed.Provider == "local" && (opts.retrain || !a.hasLocalModel()) {
		if err := a.trainLocal(ctx); err != nil {
			return err
		}
	}
	st, err := a.ix.Stats()
	if err != nil {
		return err
	}
	bar := newProgress(opts.progress, a.log, "vectors", st.Bullets)
	n, err := a.ix.SyncVectors(ctx, a.embedder, func(done, total int) { bar.total = total; bar.set(done, "") })
	bar.done()
	sum.Embedded = n
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sum.Degraded = err.Error()
		a.log.Warn("vectors incomplete; keyword search works, run `vitae index --backfill` later", "error", err)
	}
	return nil
}

// expandPaths lists the supported files under paths; a path that cannot
// be read is reported as skipped.
func expandPaths(paths []string) ([]string, []skipped) {
	var files []string
	var bad []skipped
	for _, p := range paths {
		fs, err := ingest.Expand([]string{p})
		if err != nil {
			bad = append(bad, skipped{Path: p, Reason: err.Error()})
			continue
		}
		files = append(files, fs...)
	}
	sort.Strings(files)
	return dedupe(files), bad
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// removeVanished deletes résumés whose source file lay under one of the
// indexed roots and is no longer there.
func (a *app) removeVanished(ctx context.Context, roots, files []string) (int, error) {
	sources, err := a.ix.Sources()
	if err != nil {
		return 0, err
	}
	present := make(map[string]bool, len(files))
	for _, f := range files {
		present[f] = true
	}
	removed := 0
	for src, id := range sources {
		if present[src] || !under(src, roots) {
			continue
		}
		if _, err := os.Stat(src); err == nil {
			continue // still there, merely not supported or failed to parse: keep the old bullets
		}
		if err := a.ix.Delete(ctx, id); err != nil {
			return removed, fmt.Errorf("remove %s: %w", src, err)
		}
		a.log.Info("removed résumé of deleted file", "path", src, "resume", id)
		removed++
	}
	return removed, nil
}

// under reports whether path is one of roots or inside one of them.
func under(path string, roots []string) bool {
	p := filepath.Clean(path)
	for _, r := range roots {
		r = filepath.Clean(r)
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) || r == "." && !filepath.IsAbs(p) {
			return true
		}
	}
	return false
}

// ensureIndexed indexes the configured sample data when the index is empty,
// so the first `vitae search` or `vitae serve` has something to show.
func (a *app) ensureIndexed(ctx context.Context, progress io.Writer) error {
	st, err := a.ix.Stats()
	if err != nil {
		return err
	}
	if st.Bullets > 0 {
		if a.embedder != nil && st.Vectors < st.Bullets {
			// Vectors missing (provider was down, model changed): back-fill.
			sum := &indexSummary{}
			return a.syncVectors(ctx, indexOptions{progress: progress}, sum)
		}
		return nil
	}
	a.log.Info("index is empty: indexing the sample data first", "paths", a.cfg.Data.Paths, "index", a.cfg.Index.Path)
	sum, err := a.indexPaths(ctx, a.cfg.Data.Paths, indexOptions{progress: progress})
	if err != nil {
		return err
	}
	a.log.Info("sample data indexed", "resumes", sum.Resumes, "bullets", sum.Bullets, "skipped", len(sum.Skipped), "took", sum.Took.Round(time.Millisecond))
	return nil
}
