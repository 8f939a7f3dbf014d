package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"vitae/index"
	"vitae/index/weaviate"
	"vitae/search"
)

// backends are the values of index.backend, each opening the store it
// names from the configuration (the dex pattern: config picks the
// implementation; each passes index/storetest).
var backends = map[string]func(cfg *Config, log *slog.Logger) (search.Store, error){
	"embedded": openEmbedded,
	"weaviate": openWeaviate,
}

// backendNames lists the choices of index.backend, for config errors.
func backendNames() string {
	names := make([]string, 0, len(backends))
	for n := range backends {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// openEmbedded opens the in-process store: bleve, bbolt and the vector
// store under index.path.
func openEmbedded(cfg *Config, log *slog.Logger) (search.Store, error) {
	return index.Open(indexOptions(cfg, log))
}

// openWeaviate connects to a Weaviate cluster (weaviate.*), creating the
// collections on first use. index.path is created too: it still holds the
// built-in model, the embedding cache and the audit log.
func openWeaviate(cfg *Config, log *slog.Logger) (search.Store, error) {
	if err := os.MkdirAll(cfg.Index.Path, 0o700); err != nil {
		return nil, fmt.Errorf("index directory: %w", err)
	}
	w := cfg.Weaviate
	ctx, cancel := context.WithTimeout(context.Background(), max(w.Timeout, 30*time.Second))
	defer cancel()
	return weaviate.Open(ctx, weaviate.Options{
		Hosts: w.Hosts, APIKey: w.APIKey, Collection: w.Collection, Shards: w.Shards,
		ReplicationFactor: w.ReplicationFactor, Consistency: w.Consistency, Timeout: w.Timeout,
		BatchSize: cfg.Index.BatchSize, Logger: log,
	})
}

// embeddedOnly refuses a command that works on the embedded index's own
// files (purge, index --rebuild) when index.backend is another: it would
// open, and create, an embedded index under index.path instead.
func embeddedOnly(cfg *Config, command string) error {
	if cfg.Index.Backend == "embedded" {
		return nil
	}
	return usage(fmt.Errorf("%s works on the embedded index's files; index.backend is %s, whose storage the cluster manages (README, \"When one machine is not enough\")",
		command, cfg.Index.Backend))
}
