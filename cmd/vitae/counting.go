package main

import (
	"context"
	"sync/atomic"

	"vitae"
)

// countingEmbedder counts embedding calls and failures for /metrics.
type countingEmbedder struct {
	next          vitae.Embedder
	calls, errors atomic.Int64
}

var _ vitae.Embedder = (*countingEmbedder)(nil)

func (c *countingEmbedder) Embed(ctx context.Context, texts []string, kind vitae.InputKind) ([][]float32, error) {
	c.calls.Add(1)
	v, err := c.next.Embed(ctx, texts, kind)
	if err != nil {
		c.errors.Add(1)
	}
	return v, err
}

func (c *countingEmbedder) Dimension() int { return c.next.Dimension() }
func (c *countingEmbedder) Model() string  { return c.next.Model() }
