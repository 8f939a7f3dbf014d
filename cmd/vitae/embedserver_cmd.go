package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"vitae/embed"
	"vitae/pipeline"
)

func newEmbedServerCmd(g *globals) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "embed-server",
		Short: "Serve the built-in embedder over the OpenAI embeddings API",
		Long: `embed-server serves the built-in offline embedder over the OpenAI
embeddings wire format (POST /v1/embeddings, GET /v1/models), so any OpenAI
client can use it. It loads the model trained for the index (index.path)
when there is one, otherwise the untrained lexicon-and-subword embedder.`,
		Example: `  vitae embed-server --addr 127.0.0.1:8081
  curl -s localhost:8081/v1/embeddings -d '{"model":"vitae-local","input":["led DevOps team"]}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, log, err := g.load(cmd, nil)
			if err != nil {
				return err
			}
			l, err := embed.ReadLocalFile(pipeline.ModelPath(cfg.Index.Path))
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", addr, err)
			}
			hs := &http.Server{
				Handler:           embed.NewServer(l),
				ReadHeaderTimeout: 10 * time.Second,
				ReadTimeout:       cfg.Server.ReadTimeout,
				WriteTimeout:      cfg.Server.WriteTimeout,
				IdleTimeout:       cfg.Server.IdleTimeout,
			}
			log.Info("embed-server listening", "addr", ln.Addr().String(), "model", l.Model(), "dimension", l.Dimension())
			fmt.Fprintf(g.stdout, "Serving %s on http://%s/v1\n", l.Model(), ln.Addr())
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-cmd.Context().Done():
			}
			sctx, cancel := context.WithTimeout(context.Background(), cfg.Server.ShutdownTimeout)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				return err
			}
			if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8081", "listen address, host:port")
	return cmd
}
