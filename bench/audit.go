package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"vitae"
	"vitae/audit"
	"vitae/internal/cputime"
	"vitae/web"
)

// AuditLoad is the audit log's cost to HTTP search throughput (issue
// #19: under 5%): the same hybrid load with the log off and on, in short
// segments interleaved off, on, on, off, … so drift and other processes
// on the machine weigh on both sides alike. A segment's searches all
// finish within it (none is cut off and left running into the next). On a shared machine the
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
// (texts kept, the costlier setting). Both are served for the whole run;
// a segment stops issuing searches at its end and waits for those in
// flight, so no work of one side spills into the other's time.
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
	var sides [2]*loadTarget
	for i, h := range []http.Handler{off, on} {
		if sides[i], err = serveLoad(h, queries, clients); err != nil {
			return nil, err
		}
		defer sides[i].close()
	}
	out := &AuditLoad{Pairs: pairs, SegmentSec: seg.Seconds()}
	var ok, secs, cpu [2]float64 // [off, on]
	var pairCost []float64
	for i := range 2 * pairs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// ABBA order: off on on off off on …
		side := 0
		if i%4 == 1 || i%4 == 2 {
			side = 1
		}
		c0 := cputime.Process()
		n, errs, took := sides[side].run(seg)
		cpu[side] += (cputime.Process() - c0).Seconds()
		out.Errors += errs
		ok[side] += float64(n)
		secs[side] += took.Seconds()
		rate := float64(n) / took.Seconds()
		if side == 1 {
			out.On = append(out.On, rate)
		} else {
			out.Off = append(out.Off, rate)
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

// loadTarget is a handler served on loopback with its clients' bodies.
type loadTarget struct {
	srv     *http.Server
	url     string
	client  *http.Client
	tr      *http.Transport
	bodies  [][]byte
	clients int
	next    atomic.Int64
}

func serveLoad(h http.Handler, queries []string, clients int) (*loadTarget, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bench: listen: %w", err)
	}
	t := &loadTarget{srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}, url: "http://" + ln.Addr().String() + "/api/v1/search", clients: clients}
	go t.srv.Serve(ln)
	for _, q := range queries {
		b, _ := json.Marshal(map[string]any{"query": q, "mode": vitae.ModeHybrid, "limit": 10, "facets": true})
		t.bodies = append(t.bodies, b)
	}
	t.tr = &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	t.client = &http.Client{Transport: t.tr, Timeout: 60 * time.Second}
	return t, nil
}

func (t *loadTarget) close() {
	t.tr.CloseIdleConnections()
	t.srv.Close()
}

// run has the clients search until d has passed, lets the searches in
// flight finish, and returns the answers with 200, the others, and the
// time until the last one ended.
func (t *loadTarget) run(d time.Duration) (ok, errs int64, took time.Duration) {
	var nOK, nErr atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for range t.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				req, _ := http.NewRequest(http.MethodPost, t.url, bytes.NewReader(t.bodies[int(t.next.Add(1))%len(t.bodies)]))
				req.Header.Set("Content-Type", "application/json")
				resp, err := t.client.Do(req)
				if err != nil {
					nErr.Add(1)
					continue
				}
				_, rerr := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || rerr != nil {
					nErr.Add(1)
					continue
				}
				nOK.Add(1)
			}
		}()
	}
	wg.Wait()
	return nOK.Load(), nErr.Load(), time.Since(start)
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
