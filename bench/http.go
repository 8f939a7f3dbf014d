package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"vitae/internal/cputime"
)

// HTTPLoad is the outcome of a bounded load run.
type HTTPLoad struct {
	Clients  int     `json:"clients"`
	Seconds  float64 `json:"seconds"`
	Requests int64   `json:"requests"`
	Errors   int64   `json:"errors"`
	PerSec   float64 `json:"requests_per_sec"`
	// CPUms is the process's CPU time (user + system, GC and the
	// in-process clients included) per answered request, ms: on a shared
	// machine steadier than PerSec, which follows the other processes.
	CPUms   float64 `json:"cpu_ms_per_request,omitempty"`
	Latency Latency `json:"latency"`
	Mode    string  `json:"mode"`
	Facets  bool    `json:"facets"`
}

// LoadSearch serves h on a loopback port and has clients goroutines POST
// /api/v1/search with the queries, round robin, for d, asking for facets
// or not (the API computes them unless told otherwise). A transport error
// or a status other than 200 counts as an error. Bodies are read to the
// end, so each request is a whole round trip.
func LoadSearch(ctx context.Context, h http.Handler, queries []string, mode string, facets bool, clients int, d time.Duration) (*HTTPLoad, error) {
	if len(queries) == 0 || clients <= 0 {
		return nil, fmt.Errorf("bench: http load needs queries and clients")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bench: listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/api/v1/search"

	bodies := make([][]byte, len(queries))
	for i, q := range queries {
		bodies[i], _ = json.Marshal(map[string]any{"query": q, "mode": mode, "limit": 10, "facets": facets})
	}
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var next, reqs, errs atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), cputime.Process()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for ctx.Err() == nil {
				body := bodies[int(next.Add(1))%len(bodies)]
				t := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() != nil {
						return // the run ended mid-request: not the server's fault
					}
					errs.Add(1)
					reqs.Add(1)
					continue
				}
				_, rerr := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if rerr != nil && ctx.Err() != nil {
					return
				}
				reqs.Add(1)
				if resp.StatusCode != http.StatusOK || rerr != nil {
					errs.Add(1)
					continue
				}
				lat[c] = append(lat[c], time.Since(t))
			}
		}(c)
	}
	wg.Wait()
	took, cpu := time.Since(start), cputime.Process()-cpu0
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	out := &HTTPLoad{Clients: clients, Seconds: took.Seconds(), Requests: reqs.Load(), Errors: errs.Load(), Latency: Summarize(all), Mode: mode, Facets: facets}
	out.PerSec = float64(out.Requests-out.Errors) / out.Seconds
	if ok := out.Requests - out.Errors; ok > 0 {
		out.CPUms = cpu.Seconds() * 1000 / float64(ok)
	}
	return out, nil
}
