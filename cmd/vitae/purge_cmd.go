package main

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"vitae/index"
)

// indexOptions are the index settings of the configuration.
func indexOptions(cfg *Config, log *slog.Logger) index.Options {
	return index.Options{
		Path:          cfg.Index.Path,
		BatchSize:     cfg.Index.BatchSize,
		Quantize:      cfg.Index.Quantize,
		ANNThreshold:  cfg.Index.ANNThreshold,
		HNSW:          hnswOptions(cfg),
		EraseTimeout:  cfg.Index.EraseTimeout,
		SkipVerify:    !cfg.Index.Verify,
		VerifyTimeout: cfg.Index.VerifyTimeout,
		Logger:        log,
	}
}

// hnswOptions are the HNSW settings of the configuration.
func hnswOptions(cfg *Config) index.HNSWOptions {
	h := cfg.Index.HNSW
	return index.HNSWOptions{M: h.M, EfConstruction: h.EfConstruction, EfSearch: h.EfSearch}
}

func newPurgeCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "purge",
		Short: "Wipe from disk every byte of deleted or replaced résumés",
		Long: `Purge rewrites every segment of the keyword index that still holds deleted
documents and zeroes every free page of the database, so that no file under
the index directory keeps text of a résumé that was deleted or replaced.
Each DELETE already does this for what it erased; purge forces it over the
whole index, e.g. after an upgrade from a version that did not, or after an
erasure that timed out (index.erase_timeout). Stop the server first: the
index is opened exclusively.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := g.load(cmd, nil)
			if err != nil {
				return err
			}
			if err := embeddedOnly(cfg, "vitae purge"); err != nil {
				return err
			}
			opts := indexOptions(cfg, log)
			if opts.EraseTimeout <= 0 {
				opts.EraseTimeout = 30 * time.Minute // a whole index, not one résumé
			}
			start := time.Now()
			ix, err := index.Open(opts)
			if err != nil {
				return err
			}
			if err := ix.Purge(cmd.Context()); err != nil {
				ix.Close()
				return err
			}
			if err := ix.Close(); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "Purged %s in %s\n", cfg.Index.Path, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
}
