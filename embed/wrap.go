package embed

import (
	"context"
	"sync/atomic"

	"vitae"
)

// Swap is an Embedder whose implementation can be replaced while in use:
// an engine and a server holding it pick up a retrained built-in model
// without being rebuilt.
type Swap struct {
	cur atomic.Pointer[vitae.Embedder]
}

var _ vitae.Embedder = (*Swap)(nil)

// NewSwap returns a Swap embedding through e until Set replaces it.
func NewSwap(e vitae.Embedder) *Swap {
	s := &Swap{}
	s.Set(e)
	return s
}

// Set makes e the embedder used from now on.
func (s *Swap) Set(e vitae.Embedder) { s.cur.Store(&e) }

// Embed embeds through the current embedder.
func (s *Swap) Embed(ctx context.Context, texts []string, kind vitae.InputKind) ([][]float32, error) {
	return (*s.cur.Load()).Embed(ctx, texts, kind)
}

// Dimension is the current embedder's.
func (s *Swap) Dimension() int { return (*s.cur.Load()).Dimension() }

// Model is the current embedder's identity.
func (s *Swap) Model() string { return (*s.cur.Load()).Model() }

// Counting is an Embedder that counts the calls (batches) made through it
// and those that failed, for metrics and tests.
type Counting struct {
	next          vitae.Embedder
	calls, errors atomic.Int64
}

var _ vitae.Embedder = (*Counting)(nil)

// NewCounting counts the calls made to e.
func NewCounting(e vitae.Embedder) *Counting { return &Counting{next: e} }

// Embed embeds through the wrapped embedder and counts the call.
func (c *Counting) Embed(ctx context.Context, texts []string, kind vitae.InputKind) ([][]float32, error) {
	c.calls.Add(1)
	v, err := c.next.Embed(ctx, texts, kind)
	if err != nil {
		c.errors.Add(1)
	}
	return v, err
}

// Dimension is the wrapped embedder's.
func (c *Counting) Dimension() int { return c.next.Dimension() }

// Model is the wrapped embedder's identity.
func (c *Counting) Model() string { return c.next.Model() }

// Calls is how many Embed calls were made.
func (c *Counting) Calls() int64 { return c.calls.Load() }

// Errors is how many Embed calls failed.
func (c *Counting) Errors() int64 { return c.errors.Load() }
