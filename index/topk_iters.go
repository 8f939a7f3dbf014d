package index

import (
	"sync"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// iters keeps zap's postings iterators between searches: a new one
// allocates its struct and its frequency decoder's buffers, and a hybrid
// search opens one per term, field and segment (~6% of its allocation).
// zap resets an iterator passed back to it (prealloc) whole before use.
var iters sync.Pool

// iterator is pl's iterator, built in a kept one when there is one; nil
// for an empty list: zap answers that with its one global empty
// iterator, which must not enter the pool (two searches would share it).
func iterator(pl segment.PostingsList, freqNorm bool) segment.PostingsIterator {
	if pl.Count() == 0 {
		return nil
	}
	prev, _ := iters.Get().(segment.PostingsIterator)
	it := pl.Iterator(freqNorm, freqNorm, false, prev)
	if prev != nil && it != prev { // not taken (another zap version's)
		iters.Put(prev)
	}
	return it
}

// release keeps it for a later search; it must not be used after.
func release(it segment.PostingsIterator) {
	if it != nil {
		iters.Put(it)
	}
}
