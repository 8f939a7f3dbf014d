package ingest

import (
	"context"
	"errors"
	"io"
	"sync/atomic"

	"vitae"
)

// Budget is a count of inflated bytes shared by the files of one request
// (Options.Budget): a request of many small archives stops once they have
// inflated that much together, whatever each file's own MaxDecompressed.
// It is safe for concurrent use.
type Budget struct{ left atomic.Int64 }

// NewBudget returns a budget of n inflated bytes.
func NewBudget(n int64) *Budget {
	b := &Budget{}
	b.left.Store(n)
	return b
}

// take charges n bytes; false once the budget is spent.
func (b *Budget) take(n int64) bool {
	if b == nil {
		return true
	}
	return b.left.Add(-n) >= 0
}

// Left reports the bytes not yet spent (negative once overdrawn).
func (b *Budget) Left() int64 { return b.left.Load() }

var (
	errFileLimit   = errors.New("file inflation limit exceeded")
	errBudgetSpent = errors.New("request inflation budget spent")
)

// inflater reads decompressed bytes, failing once a file inflates past
// its limit, the request's budget is spent, or ctx ends, so a bomb stops
// at whichever comes first.
type inflater struct {
	ctx    context.Context
	r      io.Reader
	left   int64
	budget *Budget
	err    error // why reading stopped, when a bound did
}

func (l *inflater) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if err := l.ctx.Err(); err != nil {
		l.err = err
		return 0, err
	}
	if l.left <= 0 {
		l.err = errFileLimit
		return 0, l.err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if !l.budget.take(int64(n)) {
		l.err = errBudgetSpent
		return n, l.err
	}
	return n, err
}

// limitError turns the reason an inflater stopped into the error a user
// sees, or returns nil when no bound stopped it. what names the archive
// ("DOCX", "PDF stream").
func (l *inflater) limitError(what string, max int64) error {
	switch {
	case l.err == nil:
		return nil
	case errors.Is(l.err, errFileLimit):
		return vitae.Errorf(vitae.ETOOLARGE, "%s inflates to more than %d bytes", what, max)
	case errors.Is(l.err, errBudgetSpent):
		return vitae.Errorf(vitae.ETOOLARGE, "the upload's inflation budget is spent (%s)", what)
	}
	return ctxError(l.err)
}

// ctxError is the coded error for a parse stopped by its context.
func ctxError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return vitae.Wrap(vitae.ETIMEOUT, err, "parsing stopped at the request deadline")
	}
	return vitae.Wrap(vitae.ETIMEOUT, err, "parsing cancelled")
}

// textBound counts the text a parser keeps, so what a file yields —
// and the memory its parse holds — stays under Options.MaxText however
// far its archive inflates.
type textBound struct {
	left int64
}

// lineCost is what one kept paragraph costs beyond its bytes: the string
// headers and slice slots of its line and the blank line after it.
const lineCost = 48

// keep charges a line of n bytes; false once over the bound.
func (t *textBound) keep(n int) bool {
	t.left -= int64(n) + lineCost
	return t.left >= 0
}

func textTooLarge(what string, max int64) error {
	return vitae.Errorf(vitae.ETOOLARGE, "%s holds more than %d bytes of text", what, max)
}
