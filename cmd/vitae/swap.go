package main

import (
	"context"
	"sync/atomic"

	"vitae"
)

// swapEmbedder lets the running engine and server pick up a retrained
// built-in embedder without being rebuilt: they hold this one value.
type swapEmbedder struct {
	cur atomic.Pointer[vitae.Embedder]
}

var _ vitae.Embedder = (*swapEmbedder)(nil)

func newSwapEmbedder(e vitae.Embedder) *swapEmbedder {
	s := &swapEmbedder{}
	s.set(e)
	return s
}

func (s *swapEmbedder) set(e vitae.Embedder) { s.cur.Store(&e) }

func (s *swapEmbedder) Embed(ctx context.Context, texts []string, kind vitae.InputKind) ([][]float32, error) {
	return (*s.cur.Load()).Embed(ctx, texts, kind)
}

func (s *swapEmbedder) Dimension() int { return (*s.cur.Load()).Dimension() }
func (s *swapEmbedder) Model() string  { return (*s.cur.Load()).Model() }
