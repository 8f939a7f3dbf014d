package bench

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"vitae"
	"vitae/audit"
	"vitae/web"
)

// AuditLoad is the audit log's cost to HTTP search throughput (issue
// #19: under 5%): the same hybrid load with the log off and on, in
// segments interleaved off, on, on, off, … so drift and other processes
// on the machine weigh on both sides alike.
type AuditLoad struct {
	Pairs      int       `json:"pairs"`
	SegmentSec float64   `json:"segment_seconds"`
	Off        []float64 `json:"off_per_sec"` // each segment's searches/s
	On         []float64 `json:"on_per_sec"`
	OffPerSec  float64   `json:"off_total_per_sec"` // all segments of a side: answers / seconds
	OnPerSec   float64   `json:"on_total_per_sec"`
	Errors     int64     `json:"errors"`
	// Entries is how many entries the log held, its chain verified, at
	// the end: the "on" side really logged every answer.
	Entries int `json:"entries"`
	// Cost is 1 − on/off: the share of throughput the log takes.
	Cost float64 `json:"cost"`
}

// auditLoad runs pairs of segments of seg each, with facets (the API
// default), against off and a handler logging to a new audit log in dir
// (texts kept, the costlier setting).
func auditLoad(ctx context.Context, off http.Handler, build func(web.Auditor) (http.Handler, error), dir string,
	queries []string, clients, pairs int, seg time.Duration) (*AuditLoad, error) {
	l, err := audit.Open(audit.Options{Dir: dir, StoreText: true})
	if err != nil {
		return nil, err
	}
	defer l.Close()
	on, err := build(l)
	if err != nil {
		return nil, err
	}
	out := &AuditLoad{Pairs: pairs, SegmentSec: seg.Seconds()}
	var okOff, okOn, secOff, secOn float64
	for i := range 2 * pairs {
		// ABBA order: off on on off off on …
		logged := i%4 == 1 || i%4 == 2
		h := off
		if logged {
			h = on
		}
		r, err := LoadSearch(ctx, h, queries, string(vitae.ModeHybrid), true, clients, seg)
		if err != nil {
			return nil, err
		}
		out.Errors += r.Errors
		ok := float64(r.Requests - r.Errors)
		if logged {
			out.On, okOn, secOn = append(out.On, r.PerSec), okOn+ok, secOn+r.Seconds
		} else {
			out.Off, okOff, secOff = append(out.Off, r.PerSec), okOff+ok, secOff+r.Seconds
		}
	}
	out.OffPerSec, out.OnPerSec = okOff/secOff, okOn/secOn
	out.Cost = 1 - out.OnPerSec/out.OffPerSec
	v, err := l.Verify()
	if err != nil {
		return nil, err
	}
	if !v.OK() {
		return nil, fmt.Errorf("bench: the audit log written under load does not verify: %+v", v.Problems)
	}
	out.Entries = v.Entries
	return out, nil
}
