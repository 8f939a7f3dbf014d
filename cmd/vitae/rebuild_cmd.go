package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"vitae/index"
	"vitae/pipeline"
)

// rebuild is `vitae index --rebuild [PATH...]`: a new index from the old
// one's records when its database is sound (everything, uploads
// included), else from the given paths (or data.paths), re-read from
// the files; either way built beside the old one and swapped in.
func rebuild(ctx context.Context, g *globals, cfg *Config, log *slog.Logger, paths []string) error {
	opts := indexOptions(cfg, log)
	n, kept, err := index.Rebuild(ctx, opts)
	if err == nil {
		fmt.Fprintf(g.stdout, "Rebuilt %s from its records: %d résumé(s). The old directory is kept at %s; delete it once the new index serves.\n", cfg.Index.Path, n, kept)
		return nil
	}
	if !errors.Is(err, index.ErrDamaged) {
		return err
	}
	if len(paths) == 0 {
		paths = cfg.Data.Paths
	}
	fmt.Fprintf(g.stderr, "vitae: the records cannot be read (%v);\nrebuilding from the files in %v instead: uploaded résumés that are not among them are lost (restore a backup to keep them).\n", err, paths)
	fresh := cfg.Index.Path + ".rebuild"
	if err := os.RemoveAll(fresh); err != nil {
		return err
	}
	fcfg := *cfg
	fcfg.Index.Path = fresh
	a, err := openApp(&fcfg, log)
	if err != nil {
		return err
	}
	x, err := a.indexer(g.stderr)
	if err == nil {
		_, err = x.Run(ctx, pipeline.Job{Paths: paths})
	}
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(fresh)
		return fmt.Errorf("rebuild %q from files: %w", cfg.Index.Path, err)
	}
	kept, err = index.Replace(cfg.Index.Path, fresh)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "Rebuilt %s from %v. The damaged directory is kept at %s; delete it once the new index serves.\n", cfg.Index.Path, paths, kept)
	return nil
}
