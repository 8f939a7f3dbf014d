package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// timeQueries runs fn over every query index once untimed, then rounds
// times timed, one at a time; it returns the latencies and the hits of
// the timed passes.
func timeQueries(ctx context.Context, n, rounds int, fn func(ctx context.Context, i int) (int, error)) (Latency, int, error) {
	for i := range n {
		if _, err := fn(ctx, i); err != nil {
			return Latency{}, 0, err
		}
	}
	var ds []time.Duration
	hits := 0
	for range max(rounds, 1) {
		for i := range n {
			t := time.Now()
			h, err := fn(ctx, i)
			if err != nil {
				return Latency{}, 0, err
			}
			ds = append(ds, time.Since(t))
			hits += h
		}
	}
	return Summarize(ds), hits, nil
}

// drive has clients goroutines run fn over the query indexes, round
// robin, for d. A failed call counts as an error, not in the latencies.
func drive(ctx context.Context, clients int, d time.Duration, n int, fn func(ctx context.Context, i int) (int, error)) *Throughput {
	deadline := time.Now().Add(d)
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	var next, reqs, errs atomic.Int64
	var first atomic.Pointer[string]
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Now().Before(deadline) {
				t := time.Now()
				_, err := fn(ctx, int(next.Add(1))%n)
				// gRPC fails a call at the deadline on its own clock,
				// maybe before ctx says it is done.
				if err != nil && (ctx.Err() != nil || !time.Now().Before(deadline)) {
					return // the run ended mid-request
				}
				reqs.Add(1)
				if err != nil {
					msg := err.Error()
					first.CompareAndSwap(nil, &msg)
					errs.Add(1)
					continue
				}
				lat[c] = append(lat[c], time.Since(t))
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	out := &Throughput{Clients: clients, Seconds: took.Seconds(), Requests: reqs.Load(), Errors: errs.Load(), Latency: Summarize(all)}
	out.PerSec = float64(out.Requests-out.Errors) / out.Seconds
	if m := first.Load(); m != nil {
		out.FirstError = *m
	}
	return out
}
