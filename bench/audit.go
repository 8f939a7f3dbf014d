package bench

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"syscall"
	"time"

	"vitae"
	"vitae/audit"
	"vitae/web"
)

// AuditLoad is the audit log's cost to HTTP search throughput (issue
// #19: under 5%): the same hybrid load with the log off and on, in short
// segments interleaved off, on, on, off, … so drift and other processes
// on the machine weigh on both sides alike. On a shared machine the
// throughput of a few seconds swings far more than 5%, so it reports
// three views: the totals of each side, the median of the pairs'
// ratios, and the process CPU time each answered search took (which
// other processes' load barely moves; the clients' share, the same on
// both sides, dilutes that ratio a little).
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
	// Cost is 1 − on/off of the totals: the share of throughput the log
	// takes. MedianCost is the median over pairs of 1 − on/off.
	Cost       float64 `json:"cost"`
	MedianCost float64 `json:"median_pair_cost"`
	// OffCPUus and OnCPUus are the process's CPU time (user + system)
	// per answered search, µs; CPUCost is OnCPUus/OffCPUus − 1.
	OffCPUus float64 `json:"off_cpu_us_per_search"`
	OnCPUus  float64 `json:"on_cpu_us_per_search"`
	CPUCost  float64 `json:"cpu_cost"`
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
	var ok, secs, cpu [2]float64 // [off, on]
	var pairCost []float64
	for i := range 2 * pairs {
		// ABBA order: off on on off off on …
		side, h := 0, off
		if i%4 == 1 || i%4 == 2 {
			side, h = 1, on
		}
		c0 := cpuTime()
		r, err := LoadSearch(ctx, h, queries, string(vitae.ModeHybrid), true, clients, seg)
		if err != nil {
			return nil, err
		}
		cpu[side] += (cpuTime() - c0).Seconds()
		out.Errors += r.Errors
		ok[side] += float64(r.Requests - r.Errors)
		secs[side] += r.Seconds
		if side == 1 {
			out.On = append(out.On, r.PerSec)
		} else {
			out.Off = append(out.Off, r.PerSec)
		}
		if i%2 == 1 && out.Off[i/2] > 0 {
			pairCost = append(pairCost, 1-out.On[i/2]/out.Off[i/2])
		}
	}
	out.OffPerSec, out.OnPerSec = ok[0]/secs[0], ok[1]/secs[1]
	out.Cost = 1 - out.OnPerSec/out.OffPerSec
	out.MedianCost = median(pairCost)
	if ok[0] > 0 && ok[1] > 0 {
		out.OffCPUus, out.OnCPUus = 1e6*cpu[0]/ok[0], 1e6*cpu[1]/ok[1]
		out.CPUCost = out.OnCPUus/out.OffCPUus - 1
	}
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

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
