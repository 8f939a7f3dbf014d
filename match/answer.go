package match

import (
	"context"

	"vitae"
)

// How a grading's answer ends: cut short, or degraded by a model that
// could not read what a check needed.

// ended is a grading error told as ETIMEOUT when the context ended under
// it: a model or store call cut short returns the bare context error,
// which an API would answer as an internal error (500), not a timeout.
func ended(ctx context.Context, err error) error {
	if ctx.Err() != nil && vitae.ErrorCode(err) != vitae.ETIMEOUT {
		return vitae.Wrap(vitae.ETIMEOUT, err, "matching was cancelled or took too long")
	}
	return err
}

// finish is the step every answer of a grading ends with once its
// résumés are scored (Match, Fit and Fits): an ended context ends the
// answer, as it does in grading (the sense check read under it would
// have dropped every strong grade it could not confirm, an answer no
// one asked for), and a bullet the sense check could not embed marks
// the answer degraded.
func (g *grading) finish(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return ended(ctx, err)
	}
	if s := g.sc.gate; s != nil && s.sense != nil && s.sense.reqs != nil {
		if err := s.sense.failed(); err != nil {
			degrade(g.res, "some strong evidence was not confirmed by the model: "+err.Error())
		}
	}
	if s := g.sc.gate; s != nil && s.learned != nil && s.learned.sense.reqs != nil {
		if err := s.learned.sense.failed(); err != nil {
			degrade(g.res, "some strong evidence was not read by the model: "+err.Error())
		}
	}
	return nil
}

// degrade marks res degraded, adding reason to any reason it has.
func degrade(res *Result, reason string) {
	if res.DegradedReason != "" {
		reason = res.DegradedReason + "; " + reason
	}
	res.Degraded, res.DegradedReason = true, reason
}
