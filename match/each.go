package match

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// each calls fn(0) … fn(n-1) on as many goroutines as there are cores;
// fn must be safe to run concurrently.
func each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}
