package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"vitae/pipeline"
)

func newIndexCmd(g *globals) *cobra.Command {
	var strict, retrain, backfill, asJSON, rebuildIdx bool
	cmd := &cobra.Command{
		Use:   "index PATH...",
		Short: "Index résumé files and directories (JSON Resume, YAML, Markdown, text, HTML, DOCX, PDF)",
		Long: `Index parses every supported file under the given paths into achievement
bullets and writes them to the index. Re-running is safe: unchanged résumés
are skipped, changed ones replaced, and résumés whose files were deleted
are removed. A file that cannot be parsed is named with its reason and the
run goes on; the exit code is 1 only if nothing could be indexed (or, with
--strict, if any file failed).`,
		Example: `  vitae index ./data
  vitae index ../shared/corpus/jsonresume --index /tmp/corpus-index
  vitae index --backfill          # embed bullets whose vectors are missing
  vitae index --rebuild           # replace a damaged or outdated index (the old one is kept aside)`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && !backfill && !retrain && !rebuildIdx {
				return errors.New("index needs at least one PATH (or --backfill / --retrain)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if rebuildIdx {
				cfg, log, err := g.load(cmd, nil)
				if err != nil {
					return err
				}
				if err := embeddedOnly(cfg, "vitae index --rebuild"); err != nil {
					return err
				}
				return rebuild(cmd.Context(), g, cfg, log, args)
			}
			// A path that is not there is a typo: say so once, before
			// anything is opened or written.
			for _, p := range args {
				if _, err := os.Stat(p); err != nil {
					return fmt.Errorf("index %s: %w", p, errors.Unwrap(err))
				}
			}
			a, err := g.open(cmd, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			x, err := a.indexer(g.stderr)
			if err != nil {
				return err
			}
			onlyVectors := backfill || len(args) == 0
			job := pipeline.Job{Retrain: retrain}
			if !onlyVectors {
				job.Paths = args
			}
			sum, err := x.Run(cmd.Context(), job)
			if err != nil {
				return err
			}
			indexed := sum.Resumes + sum.Unchanged
			nothing := !onlyVectors && indexed == 0
			switch {
			case asJSON:
				if err := writeJSON(g.stdout, sum); err != nil {
					return err
				}
			case nothing:
				printSkipped(g.stdout, sum.Skipped) // the reasons, then the error
			default:
				printSummary(g.stdout, sum)
			}
			switch {
			case strict && len(sum.Skipped) > 0:
				return &exitError{code: 1, err: fmt.Errorf("%d file(s) failed (--strict)", len(sum.Skipped))}
			case nothing:
				return &exitError{code: 1, err: errors.New("nothing could be indexed")}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&strict, "strict", false, "exit non-zero if any file fails")
	f.BoolVar(&retrain, "retrain", false, "retrain the built-in embedder on the whole index and re-embed")
	f.BoolVar(&backfill, "backfill", false, "only embed bullets that have no vector yet")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	f.BoolVar(&rebuildIdx, "rebuild", false, "build a new index from the damaged or outdated one's records (or, if they are lost, from PATH... / data.paths) and swap it in")
	return cmd
}

// indexSummary is what `vitae index` prints, as text or --json.
type indexSummary = pipeline.Summary

func printSummary(w io.Writer, s *indexSummary) {
	fmt.Fprintf(w, "Indexed %d résumé(s) (%d unchanged, %d removed): %d bullets written, %d embedded, from %d file(s) in %s\n",
		s.Resumes, s.Unchanged, s.Removed, s.Bullets, s.Embedded, s.Files, s.Took.Round(time.Millisecond))
	if s.Degraded != "" {
		fmt.Fprintf(w, "Vectors incomplete (keyword search works; run `vitae index --backfill` later): %s\n", s.Degraded)
	}
	printSkipped(w, s.Skipped)
}

func printSkipped(w io.Writer, skipped []pipeline.Skipped) {
	if len(skipped) > 0 {
		fmt.Fprintf(w, "Skipped %d file(s):\n", len(skipped))
		for _, sk := range skipped {
			// The reason repeats the path ("ingest PATH: ..."): say it once.
			fmt.Fprintf(w, "  %s: %s\n", sk.Path, strings.TrimPrefix(sk.Reason, "ingest "+sk.Path+": "))
		}
	}
}
