package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"vitae/ingest"
	"vitae/web"
	"vitae/web/workbench"
)

func newServeCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the search page and the JSON API",
		Long: `Serve starts the web page and the JSON API (/api/v1) on server.addr.
On first start with an empty index it indexes the sample data (data.paths)
and says so in the log; /readyz answers 503 until that is done. With no
sample data (./data is the repository's) it serves the empty index and
warns: upload résumés on the page or the API, or index them first with
vitae index DIR. SIGINT or
SIGTERM stop it cleanly: requests in flight finish, the index is closed.`,
		Example: `  vitae serve
  vitae serve --addr 0.0.0.0:9000
  VITAE_SERVER_API_KEY=secret vitae serve`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := g.open(cmd, map[string]string{"server.addr": "addr"})
			if err != nil {
				return err
			}
			return serve(cmd.Context(), a, func(addr net.Addr) {
				fmt.Fprintf(g.stdout, "Vitae is listening on http://%s\n", addr)
			})
		},
	}
	cmd.Flags().String("addr", "127.0.0.1:8080", "listen address, host:port: an IP address or host name (empty: every interface), port 0..65535, 0 picks a free one (server.addr)")
	return cmd
}

// serve runs the web server on the app until ctx ends, then shuts down
// gracefully and closes the app. listening is called once the socket is
// bound.
func serve(ctx context.Context, a *app, listening func(net.Addr)) error {
	cfg, log := a.cfg, a.log
	defer func() {
		if err := a.Close(); err != nil {
			log.Error("close index", "error", err)
		} else {
			log.Info("index closed")
		}
	}()

	auditor, names, stopAudit, err := startAudit(ctx, a)
	if err != nil {
		return err
	}
	defer stopAudit()
	// Shortlists and saved searches live beside the index, in a file of
	// their own.
	wb, err := workbench.Open(cfg.Index.Path)
	if err != nil {
		return err
	}
	defer wb.Close()
	var ready atomic.Bool
	srv, err := web.New(a.engine, a.matcher, web.Config{
		Audit:          auditor,
		Pseudonyms:     names,
		Contact:        cfg.Audit.Contact,
		APIKey:         cfg.Server.APIKey,
		ProtectReads:   cfg.Server.ProtectReads,
		CORSOrigins:    cfg.Server.CORSOrigins,
		MaxBodyBytes:   cfg.Server.MaxBodyBytes,
		MaxQueryLen:    cfg.Server.MaxQueryLen,
		MaxLimit:       cfg.Search.MaxLimit,
		SemanticRatio:  cfg.Search.SemanticRatio,
		RequestTimeout: cfg.Server.RequestTimeout,
		RateLimit:      cfg.Server.RateLimit,
		RateBurst:      cfg.Server.RateBurst,
		TrustedProxies: cfg.Server.TrustedProxies,
		Logger:         log,
		Ready:          ready.Load,
		IngestOptions:  ingest.Options{MaxText: cfg.Ingest.MaxText}.WithDefaults(),
		Uploads: web.UploadLimits{
			MaxInflated: cfg.Server.MaxUploadInflated,
			ParseSlots:  cfg.Server.ParseSlots,
			Duplicates:  cfg.Ingest.Duplicates,
		},
		Workbench: wb,
	})
	if err != nil {
		return err
	}
	if a.counter != nil {
		c := a.counter
		srv.Registry().MustRegister(
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "vitae_embed_calls_total", Help: "Embedding calls (batches) made."}, func() float64 { return float64(c.Calls()) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "vitae_embed_errors_total", Help: "Embedding calls that failed."}, func() float64 { return float64(c.Errors()) }),
		)
	}
	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Server.Addr, err)
	}
	id, err := newInstanceID()
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           withInstance(srv, id),
		ReadTimeout:       cfg.Server.ReadTimeout,
		ReadHeaderTimeout: min(10*time.Second, cfg.Server.ReadTimeout),
		WriteTimeout:      cfg.Server.WriteTimeout,
		IdleTimeout:       cfg.Server.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "embedder", embedderName(a))
	// `vitae search` and `match` on this index ask the server (remote.go).
	if remove, err := writeServeAddr(cfg.Index.Path, ln.Addr(), id); err != nil {
		log.Warn("CLI commands on this index will not find the server", "error", err)
	} else {
		defer remove()
	}
	if listening != nil {
		listening(ln.Addr())
	}

	// The first start indexes the sample data while already answering
	// /healthz, so orchestrators see the process alive but not ready.
	// An index left empty is served all the same (résumés can be
	// uploaded), but the log says how to fill it: searches answer
	// nothing until then.
	var empty *emptyIndexError
	if err := a.ensureIndexed(ctx, nil); errors.As(err, &empty) {
		log.Warn("the index is empty: searches find nothing until résumés are added; upload them at /upload or POST /api/v1/resumes, or stop the server and run `vitae"+empty.flag+" index DIR`",
			"index", empty.index, "sample_data", empty.why())
	} else if err != nil && ctx.Err() == nil {
		log.Error("indexing the sample data failed", "error", err)
	}
	a.engine.Changed() // the pipeline wrote behind the engine: a new index version
	ready.Store(true)
	log.Info("ready")

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", cfg.Server.ShutdownTimeout)
	ready.Store(false)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.Server.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func embedderName(a *app) string {
	if a.embedder == nil {
		return "none"
	}
	return a.embedder.Model()
}
