package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"vitae/index"
	"vitae/pipeline"
	"vitae/search"
)

func newMigrateCmd(g *globals) *cobra.Command {
	var to, path string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "migrate --to weaviate|embedded",
		Short: "Copy the index to the other storage backend, without re-embedding",
		Long: `Migrate copies every résumé, bullet and vector from the configured backend
(index.backend) to the one named by --to: embedded → weaviate when one
machine is not enough, weaviate → embedded to come back. Vectors go over as
stored, under their model's identity (nothing is embedded again; a target
holding vectors of another model is refused), and the built-in model file
goes with them. Progress is shown as it goes; a run cut short (Ctrl-C, a
kill) is started again with the same command and skips what is already
there. Stop the server first. Afterwards set index.backend to the target.

The embedded side is the index at --path (default index.path); the Weaviate
side is the cluster of weaviate.*, whose built-in model lives in index.path.`,
		Example: `  vitae migrate --to weaviate                 # index.backend: embedded
  VITAE_INDEX_BACKEND=weaviate vitae migrate --to embedded --path ./restored`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := g.load(cmd, nil)
			if err != nil {
				return err
			}
			return migrate(cmd.Context(), g, cfg, log, to, path, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&to, "to", "", "target backend: weaviate or embedded (required)")
	f.StringVar(&path, "path", "", "directory of the embedded side (default index.path)")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	return cmd
}

// migrate is `vitae migrate`: it opens both sides, carries the built-in
// model over and runs pipeline.Migrate with the progress view.
func migrate(ctx context.Context, g *globals, cfg *Config, log *slog.Logger, to, path string, asJSON bool) error {
	source := cfg.Index.Backend
	if to == "" {
		return usage(fmt.Errorf("--to is required: one of %s", backendNames()))
	}
	if backends[to] == nil {
		return usage(fmt.Errorf("--to: %q is not one of %s", to, backendNames()))
	}
	if to == source {
		return usage(fmt.Errorf("--to %s: index.backend is %s already; migrate copies to the other backend", to, source))
	}
	if path == "" {
		path = cfg.Index.Path
	}
	// The embedded side at path; Weaviate's model file in index.path.
	side := func(backend string) *Config {
		c := *cfg
		c.Index.Backend = backend
		if backend == "embedded" {
			c.Index.Path = path
		}
		return &c
	}
	srcCfg, dstCfg := side(source), side(to)
	src, err := openMigrateStore(srcCfg, log, "source")
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := openMigrateStore(dstCfg, log, "target")
	if err != nil {
		return err
	}
	closeDst := sync.OnceValue(dst.Close) // flushed before the summary
	defer closeDst()
	if st, err := src.Stats(); err != nil {
		return err
	} else if st.Resumes == 0 {
		return fmt.Errorf("the source (%s) holds no résumés: nothing to migrate", describe(srcCfg))
	}
	from, ok1 := src.(pipeline.MigrateSource)
	into, ok2 := dst.(pipeline.MigrateTarget)
	if !ok1 || !ok2 {
		return fmt.Errorf("%s → %s: a backend's vectors cannot be read back", source, to)
	}
	if err := pipeline.MigrateModel(srcCfg.Index.Path, dstCfg.Index.Path); err != nil {
		return err
	}
	view := newProgressView(g.stderr, log, progressStyleFor(g.stderr, cfg.Log.Format))
	m, err := pipeline.Migrate(ctx, from, into, pipeline.MigrateOptions{Progress: view.show})
	if err != nil {
		return fmt.Errorf("migrate %s → %s (run it again to resume): %w", describe(srcCfg), describe(dstCfg), err)
	}
	if err := closeDst(); err != nil {
		return err
	}
	if asJSON {
		return writeJSON(g.stdout, m)
	}
	fmt.Fprintf(g.stdout, "Migrated %d résumé(s) from %s to %s in %s: %d copied, %d already there; %d bullets and %d vectors written, %d vectors already there (model %q).\n",
		m.Resumes, describe(srcCfg), describe(dstCfg), m.Took.Round(time.Millisecond), m.Copied, m.Unchanged, m.Bullets, m.Vectors, m.Kept, m.Model)
	if m.NoVector > 0 {
		fmt.Fprintf(g.stdout, "%d bullets had no vector in the source; `vitae index --backfill` embeds them.\n", m.NoVector)
	}
	fmt.Fprintf(g.stdout, "Set index.backend: %s to use it.\n", to)
	return nil
}

// openMigrateStore opens one side of a migration through the backend
// table; role names it in errors.
func openMigrateStore(cfg *Config, log *slog.Logger, role string) (search.Store, error) {
	st, err := backends[cfg.Index.Backend](cfg, log)
	if errors.Is(err, index.ErrInUse) {
		return nil, inUse(err)
	}
	if err != nil {
		return nil, fmt.Errorf("open the %s (%s): %w", role, describe(cfg), err)
	}
	return st, nil
}

// describe names a migration side: "embedded index DIR" or "weaviate HOSTS/COLLECTION".
func describe(cfg *Config) string {
	if cfg.Index.Backend == "weaviate" {
		return fmt.Sprintf("weaviate %v collection %s", cfg.Weaviate.Hosts, cfg.Weaviate.Collection)
	}
	return "embedded index " + cfg.Index.Path
}
