package search

import "sync"

// runBufs are a search's fused and ranked candidates, kept between
// searches: ~200 of each (88 and 136 bytes) and the fusion's ID map were
// an eighth of a hybrid search's allocation. Nothing a search returns
// points into them (hydrate and explain copy what they show).
type runBufs struct {
	fused  []fusedHit
	ranked []ranked
	byID   map[string]int
}

var runPool = sync.Pool{New: func() any { return &runBufs{byID: map[string]int{}} }}

// maxKeptCandidates bounds what a kept runBufs holds: a search that fused
// thousands should not pin them.
const maxKeptCandidates = 4096

func getRunBufs() *runBufs { return runPool.Get().(*runBufs) }

// release clears b and keeps it.
func (b *runBufs) release() {
	if b.reset() {
		runPool.Put(b)
	}
}

// reset clears what the search used of b (its strings and pointers would
// keep a search's bullets alive; past the used length all is zero
// already) and reports whether b is small enough to keep.
func (b *runBufs) reset() bool {
	if cap(b.fused) > maxKeptCandidates || cap(b.ranked) > maxKeptCandidates || len(b.byID) > maxKeptCandidates {
		return false
	}
	clear(b.fused)
	clear(b.ranked)
	clear(b.byID)
	b.fused, b.ranked = b.fused[:0], b.ranked[:0]
	return true
}
