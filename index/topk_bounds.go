package index

import (
	"fmt"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// blockSize is how many postings share one block bound.
const blockSize = 128

// termBounds is, for one term of one field in one segment, the most
// BM25's term-frequency part reaches over its postings (at one average
// field length), overall and per block of blockSize postings: what the
// exact top-k multiplies by a clause's idf and weight to bound it.
type termBounds struct {
	max  float64
	last []uint64  // the last bullet number of each block
	maxs []float64 // each block's most
}

// at is the bound of the block holding bullet d, from block *b on
// (bullets are asked in rising order, so *b only moves forward); 0 past
// the last posting.
func (t *termBounds) at(d uint64, b *int) float64 {
	for *b < len(t.last) && t.last[*b] < d {
		*b++
	}
	if *b == len(t.last) {
		return 0
	}
	return t.maxs[*b]
}

type boundKey struct {
	seg         segment.Segment // immutable: its postings never change
	field, term string
	avg         float64
}

// boundCache keeps termBounds across searches. Segments are immutable,
// so an entry stays true while its segment lives; retain drops the
// entries of segments merged away, and the cache is emptied whole when
// it grows past maxBoundEntries.
type boundCache struct {
	segments
	m map[boundKey]*termBounds
}

// retain drops the entries of segments that are not in segs.
func (bc *boundCache) retain(segs []segment.Segment) {
	retain(&bc.segments, &bc.m, segs, func(k boundKey) segment.Segment { return k.seg })
}

const maxBoundEntries = 1 << 17

// get returns the bounds of c's term in seg, computing them the first
// time from arr, the list decoded, or else from one walk of the list.
// Both hold the segment's deleted bullets too: the entry serves every
// snapshot sharing seg, and an older one may hold live a bullet a newer
// one deleted. Bounds over more postings still bound the live ones.
func (bc *boundCache) get(seg segment.Segment, field string, c *clause, arr *postingArray) (*termBounds, error) {
	k := boundKey{seg: seg, field: field, term: string(c.term), avg: c.avg}
	bc.mu.RLock()
	tb, ok := bc.m[k]
	bc.mu.RUnlock()
	if ok {
		return tb, nil
	}
	tb = &termBounds{}
	n := 0
	add := func(d, freq uint64, norm float64) {
		s := saturation(freq, norm, c.avg)
		if n%blockSize == 0 {
			tb.last, tb.maxs = append(tb.last, 0), append(tb.maxs, 0)
		}
		b := len(tb.last) - 1
		tb.last[b], tb.maxs[b] = d, max(tb.maxs[b], s)
		tb.max = max(tb.max, s)
		n++
	}
	if arr != nil {
		for i, d := range arr.docs {
			fl := arr.fl[i]
			add(uint64(d), uint64(fl>>16), lengthNorm(uint64(fl&0xffff)))
		}
	} else {
		dict, err := seg.Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("bounds of %s: %w", field, err)
		}
		pl, err := dict.PostingsList(c.term, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("bounds of %s: %w", field, err)
		}
		it := pl.Iterator(true, true, false, nil)
		for {
			p, err := it.Next()
			if err != nil {
				return nil, fmt.Errorf("bounds of %s: %w", field, err)
			}
			if p == nil {
				break
			}
			add(p.Number(), p.Frequency(), p.Norm())
		}
	}
	bc.mu.Lock()
	if bc.m == nil || len(bc.m) >= maxBoundEntries {
		bc.m = map[boundKey]*termBounds{}
	}
	bc.m[k] = tb
	bc.mu.Unlock()
	return tb, nil
}
