package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/match"
	"vitae/search"
)

// localModelFile is where the built-in embedder trained on this index's
// corpus is kept, beside the index it learnt from.
const localModelFile = "local-model.bin"

// app is one opened index with its embedder and search engine.
type app struct {
	cfg      *Config
	log      *slog.Logger
	ix       *index.Index
	embedder vitae.Embedder // nil when embed.provider is none
	cache    *embed.Cache   // nil unless a remote provider is cached
	local    *swapEmbedder  // the built-in embedder, swapped when retrained
	counter  *countingEmbedder
	engine   *search.Engine
	matcher  *match.Matcher
}

func openApp(cfg *Config, log *slog.Logger) (*app, error) {
	ix, err := index.Open(index.Options{
		Path:         cfg.Index.Path,
		BatchSize:    cfg.Index.BatchSize,
		Quantize:     cfg.Index.Quantize,
		ANNThreshold: cfg.Index.ANNThreshold,
		Logger:       log,
	})
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, log: log, ix: ix}
	if err := a.openEmbedder(); err != nil {
		ix.Close()
		return nil, err
	}
	if a.embedder != nil {
		a.counter = &countingEmbedder{next: a.embedder}
		a.embedder = a.counter
	}
	a.engine = a.newEngine()
	a.matcher = match.New(a.engine, match.Options{
		SemanticRatio:   cfg.Search.SemanticRatio,
		MaxLimit:        cfg.Search.MaxLimit,
		RecencyHalfLife: cfg.Match.RecencyHalfLife,
	})
	return a, nil
}

func (a *app) openEmbedder() error {
	switch a.cfg.Embed.Provider {
	case "none":
		return nil
	case "local":
		l, err := loadLocal(a.cfg.Index.Path)
		if err != nil {
			return err
		}
		a.local = newSwapEmbedder(l)
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

// loadLocal loads the built-in embedder trained for the index at dir, or
// an untrained one (lexicon and subwords only) when none was trained yet.
func loadLocal(dir string) (*embed.Local, error) {
	path := filepath.Join(dir, localModelFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return embed.NewLocal(embed.LocalOptions{}), nil
	}
	if err != nil {
		return nil, fmt.Errorf("open local model: %w", err)
	}
	defer f.Close()
	l, err := embed.LoadLocal(f)
	if err != nil {
		return nil, fmt.Errorf("load local model %s: %w", path, err)
	}
	return l, nil
}

func (a *app) newEngine() *search.Engine {
	return search.New(a.ix, a.embedder, search.Options{
		Mode:          vitae.Mode(a.cfg.Search.Mode),
		SemanticRatio: a.cfg.Search.SemanticRatio,
		Fusion:        vitae.Fusion(a.cfg.Search.Fusion),
		RankConstant:  a.cfg.Search.RankConstant,
		Candidates:    a.cfg.Search.Candidates,
		MaxLimit:      a.cfg.Search.MaxLimit,
		Timeout:       a.cfg.Search.Timeout,
		Cache:         a.cache,
		Logger:        a.log,
	})
}

// trainLocal retrains the built-in embedder on every bullet in the index
// and saves it; the new model identity makes SyncVectors re-embed.
func (a *app) trainLocal(ctx context.Context) error {
	var texts []string
	if err := a.ix.Texts(ctx, func(_, text string) error {
		texts = append(texts, text)
		return nil
	}); err != nil {
		return fmt.Errorf("read bullets for training: %w", err)
	}
	if len(texts) == 0 {
		return nil
	}
	a.log.Info("training the built-in embedder", "bullets", len(texts))
	l, err := embed.TrainLocal(texts, embed.LocalOptions{})
	if err != nil {
		return fmt.Errorf("train local embedder: %w", err)
	}
	path := filepath.Join(a.cfg.Index.Path, localModelFile)
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
	// Rename so a crash never leaves a half-written model behind.
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("save local model: %w", err)
	}
	a.local.set(l)
	return nil
}

func (a *app) hasLocalModel() bool {
	_, err := os.Stat(filepath.Join(a.cfg.Index.Path, localModelFile))
	return err == nil
}

func (a *app) Close() error {
	var errs []error
	if a.ix != nil {
		errs = append(errs, a.ix.Close())
	}
	if a.cache != nil {
		errs = append(errs, a.cache.Close())
	}
	return errors.Join(errs...)
}
