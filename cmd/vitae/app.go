package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/ingest"
	"vitae/match"
	"vitae/pipeline"
	"vitae/search"
)

// app is one opened index with its embedder and search engine.
type app struct {
	cfg      *Config
	log      *slog.Logger
	store    search.Store    // picked by index.backend
	embedder vitae.Embedder  // nil when embed.provider is none
	cache    *embed.Cache    // nil unless a remote provider is cached
	local    *embed.Swap     // the built-in embedder, swapped when retrained
	counter  *embed.Counting // counts embedding calls for /metrics
	engine   *search.Engine
	matcher  *match.Matcher
}

// open is every subcommand's preamble: read the configuration (with the
// command's own bound flags, key → flag name) and open the index, its
// embedder and the engine. The caller closes the app.
func (g *globals) open(cmd *cobra.Command, local map[string]string) (*app, error) {
	cfg, log, err := g.load(cmd, local)
	if err != nil {
		return nil, err
	}
	a, err := openApp(cfg, log)
	if errors.Is(err, index.ErrInUse) {
		return nil, inUse(err)
	}
	return a, err
}

// openIndexed is open for the commands that search: an empty index first
// gets the sample data, missing vectors are back-filled (progress on the
// command's stderr).
func (g *globals) openIndexed(cmd *cobra.Command, local map[string]string) (*app, error) {
	a, err := g.open(cmd, local)
	if err != nil {
		return nil, err
	}
	if err := a.ensureIndexed(cmd.Context(), g.stderr); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// writeJSON prints v as indented JSON, the --json output of every command.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func openApp(cfg *Config, log *slog.Logger) (*app, error) {
	st, err := backends[cfg.Index.Backend](cfg, log) // Validate checked the name
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, log: log, store: st}
	if err := a.openEmbedder(); err != nil {
		st.Close()
		return nil, err
	}
	if a.embedder != nil {
		a.counter = embed.NewCounting(a.embedder)
		a.embedder = a.counter
	}
	a.engine = search.New(a.store, a.embedder, a.engineOptions())
	a.matcher = match.New(a.engine, matchOptions(cfg))
	if cfg.Match.StrongSense > 0 && a.embedder == nil && log != nil {
		log.Warn("match.strong_sense is set but embed.provider is none: no model to check strong evidence with, the check is off")
	}
	if cfg.Match.LearnedGate && a.embedder == nil && log != nil {
		log.Warn("match.learned_gate is set but embed.provider is none: the learned gate reads the model's cosine, so it is off")
	}
	return a, nil
}

// kinds is match.strong_cap as match reads it (Validate checked the names).
func kinds(names []string) []match.Kind {
	ks := make([]match.Kind, len(names))
	for i, n := range names {
		ks[i] = match.Kind(strings.TrimSpace(n)) // "soft, act" from the environment
	}
	return ks
}

// matchOptions is how the configuration matches job descriptions.
func matchOptions(cfg *Config) match.Options {
	return match.Options{
		SemanticRatio:   cfg.Search.SemanticRatio,
		MaxLimit:        cfg.Search.MaxLimit,
		RecencyHalfLife: cfg.Match.RecencyHalfLife,
		StrictEvidence:  cfg.Match.StrictEvidence,
		StrongGate:      cfg.Match.StrongGate,
		ContextEvidence: cfg.Match.ContextEvidence,
		StrongSense:     cfg.Match.StrongSense,
		StrongCap:       kinds(cfg.Match.StrongCap),
		LearnedGate:     cfg.Match.LearnedGate,
		RoleEvidence:    cfg.Match.RoleEvidence,
		Core:            cfg.Match.CoreWeight,
		YearsCap:        cfg.Match.YearsCap,
		CareerYears:     cfg.Match.CareerYears,
		Feedback:        cfg.Match.Feedback,
		FeedbackTop:     cfg.Match.FeedbackTop,
	}
}

// engineOptions are the search settings of the configuration.
func (a *app) engineOptions() search.Options {
	cfg := a.cfg
	var w search.Weights // the default
	var n search.Normalization
	if cfg.Search.Ranking == "learned" {
		w, n = search.LearnedWeights, search.NormalizeZScore
	}
	return search.Options{
		Weights:       w,
		Normalization: n,
		Mode:          vitae.Mode(cfg.Search.Mode),
		SemanticRatio: cfg.Search.SemanticRatio,
		Fusion:        vitae.Fusion(cfg.Search.Fusion),
		RankConstant:  cfg.Search.RankConstant,
		Candidates:    cfg.Search.Candidates,
		KeywordDepth:  cfg.Search.KeywordDepth,
		CommonShare:   commonShare(cfg.Search.CommonShare),
		MaxLimit:      cfg.Search.MaxLimit,
		Timeout:       cfg.Search.Timeout,
		Cache:         a.cache,
		Logger:        a.log,
	}
}

func (a *app) openEmbedder() error {
	switch a.cfg.Embed.Provider {
	case "none":
		return nil
	case "local":
		l, err := embed.ReadLocalFile(pipeline.ModelPath(a.cfg.Index.Path))
		if err != nil {
			return err
		}
		a.local = embed.NewSwap(l)
		a.embedder = a.local
		return nil
	case "openai":
		o, err := embed.NewOpenAI(embed.OpenAIConfig{
			BaseURL:    a.cfg.Embed.BaseURL,
			APIKey:     a.cfg.Embed.APIKey,
			Model:      a.cfg.Embed.Model,
			Dimensions: a.cfg.Embed.Dimensions,
			BatchSize:  a.cfg.Embed.BatchSize,
			Parallel:   a.cfg.Embed.Parallel,
			Timeout:    a.cfg.Embed.Timeout,
			MaxRetries: a.cfg.Embed.MaxRetries,
			APIType:    a.cfg.Embed.APIType,
			APIVersion: a.cfg.Embed.APIVersion,
		})
		if err != nil {
			return fmt.Errorf("embedding provider: %w", err)
		}
		a.embedder = o
		if a.cfg.Embed.Cache {
			c, err := embed.OpenCache(filepath.Join(a.cfg.Index.Path, "embed-cache.db"))
			if err != nil {
				return err
			}
			a.cache = c
			a.embedder = c.Wrap(o)
		}
		return nil
	}
	return fmt.Errorf("unknown embedding provider %q", a.cfg.Embed.Provider)
}

// indexer is the indexing pipeline over the app's index and embedder,
// its progress drawn on w (a bar on a terminal, log lines otherwise).
func (a *app) indexer(w io.Writer) (*pipeline.Indexer, error) {
	return pipeline.New(pipeline.Options{
		Store:     a.store,
		Embedder:  a.embedder,
		Local:     a.local,
		Ingest:    ingest.Options{MaxText: a.cfg.Ingest.MaxText},
		ModelPath: pipeline.ModelPath(a.cfg.Index.Path),
		Logger:    a.log,
		Progress:  newProgressView(w, a.log, progressStyleFor(w, a.cfg.Log.Format)).show,
	})
}

// ensureIndexed indexes the configured sample data when the index is
// empty, so the first `vitae search` or `vitae serve` has something to
// show, and back-fills missing vectors otherwise. An index still empty
// after that is an *emptyIndexError, which says how to fill it.
func (a *app) ensureIndexed(ctx context.Context, w io.Writer) error {
	x, err := a.indexer(w)
	if err != nil {
		return err
	}
	sum, err := x.EnsureIndexed(ctx, a.cfg.Data.Paths)
	if errors.Is(err, pipeline.ErrEmpty) {
		return newEmptyIndexError(a.cfg, sum)
	}
	return err
}

func (a *app) Close() error {
	var errs []error
	if a.store != nil {
		errs = append(errs, a.store.Close())
	}
	if a.cache != nil {
		errs = append(errs, a.cache.Close())
	}
	return errors.Join(errs...)
}

// commonShare is search.common_share as the engine reads it: 0 in the
// configuration turns it off, which the engine spells negative.
func commonShare(s float64) float64 {
	if s == 0 {
		return -1
	}
	return s
}
