package index

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The walk's long postings lists, decoded. zap's iterator seeks by
// stepping over every posting before its target (a roaring Next and a
// skipped frequency each), so at 1M the non-essential lists a short
// query seeks into cost their whole length per search, and the essential
// ones a chunk decode per step (BENCHMARKS.md, "1M, stop 18"). A list of
// at least minDecoded postings in a segment is read through bleve's API
// once, the first time a search asks it, into arrays the walk steps and
// gallops through. The arrays hold the segment's postings whatever is
// deleted (segments are immutable, while a segment with deletions gets a
// new bitmap at every batch), and the cursor steps over the snapshot's
// deleted bullets, so a cursor over them yields the postings,
// frequencies and norms the iterator would, and the page is the same to
// the bit.

// minDecoded is the shortest list decoded: below it the iterator's
// stepping costs little. A variable so tests can decode every list.
var minDecoded uint64 = 1024

// decodedBudget bounds the bytes the decoded lists hold (8 per posting):
// the 1M bench index's lists of minDecoded or more postings are ~90 MB.
// Past it, lists are dropped at random to make room.
var decodedBudget int64 = 256 << 20

// postingArray is one term's postings in one segment: bullet numbers
// rising, and each one's frequency and field length (zap keeps the
// length as the norm's bits and computes the norm from it), packed
// freq<<16 | length.
type postingArray struct {
	docs []uint32
	fl   []uint32
}

func (a *postingArray) bytes() int64 { return int64(8 * len(a.docs)) }

type postingsKey struct {
	seg         segment.Segment
	field, term string
}

// postingsEntry is decoded once, by the first search that asks it; the
// others wait for it. arr is nil when the list does not fit the packing
// (a frequency or length of 2^16 or more): its cursor iterates.
type postingsEntry struct {
	once sync.Once
	arr  *postingArray
	err  error
}

// postingsCache keeps the decoded lists of the live segments.
type postingsCache struct {
	segments
	m     map[postingsKey]*postingsEntry
	bytes int64 // held by decoded entries, as counted when added
}

// retain drops the lists of segments that are not in segs.
func (pc *postingsCache) retain(segs []segment.Segment) {
	retain(&pc.segments, &pc.m, segs, func(k postingsKey) segment.Segment { return k.seg })
}

// get returns term's postings of field in seg decoded, or nil when the
// list is too short to be worth it (count: its live postings) or cannot
// be packed.
func (pc *postingsCache) get(seg segment.Segment, field string, term []byte, count uint64) (*postingArray, error) {
	if pc == nil || count < minDecoded {
		return nil, nil
	}
	k := postingsKey{seg: seg, field: field, term: string(term)}
	pc.mu.RLock()
	e := pc.m[k]
	pc.mu.RUnlock()
	if e == nil {
		pc.mu.Lock()
		if e = pc.m[k]; e == nil {
			if pc.m == nil {
				pc.m = map[postingsKey]*postingsEntry{}
			}
			e = &postingsEntry{}
			pc.m[k] = e
		}
		pc.mu.Unlock()
	}
	e.once.Do(func() {
		arr, err := decodePostings(seg, field, term)
		pc.mu.Lock()
		defer pc.mu.Unlock()
		e.arr, e.err = arr, err
		// Not kept on an error (a later search asks again), nor when a
		// search on an older snapshot decodes a segment retain dropped
		// meanwhile: nothing would drop it again.
		if err != nil || !slices.Contains(pc.live, seg) {
			if pc.m[k] == e {
				delete(pc.m, k)
			}
			return
		}
		if arr != nil {
			pc.bytes += arr.bytes()
			pc.evict(k)
		}
	})
	return e.arr, e.err
}

// evict drops lists other than keep's at random while the bytes held
// are past the budget. The caller holds the lock.
func (pc *postingsCache) evict(keep postingsKey) {
	if pc.bytes <= decodedBudget {
		return
	}
	// Recount first: retain drops entries without counting them.
	pc.bytes = 0
	for _, e := range pc.m {
		if e.arr != nil {
			pc.bytes += e.arr.bytes()
		}
	}
	for k, e := range pc.m { // map order: at random
		if pc.bytes <= decodedBudget {
			return
		}
		if e.arr != nil && k != keep {
			pc.bytes -= e.arr.bytes()
			delete(pc.m, k)
		}
	}
}

// decodePostings reads term's whole postings of field in seg, deleted
// bullets included, through bleve's iterator.
func decodePostings(seg segment.Segment, field string, term []byte) (*postingArray, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("decoding postings of %s: %w", field, err)
	}
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("decoding postings of %s: %w", field, err)
	}
	n := pl.Count()
	a := &postingArray{docs: make([]uint32, 0, n), fl: make([]uint32, 0, n)}
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("decoding postings of %s: %w", field, err)
		}
		if p == nil {
			return a, nil
		}
		lp, ok := p.(lengther)
		if !ok {
			return nil, nil
		}
		d, f, l := p.Number(), p.Frequency(), lp.NormUint64()
		if d > math.MaxUint32 || f >= 1<<16 || l >= 1<<16 {
			return nil, nil
		}
		a.docs, a.fl = append(a.docs, uint32(d)), append(a.fl, uint32(f)<<16|uint32(l))
	}
}

// search is the first position at or after i whose bullet is at or
// after d (len(docs) if none): a gallop from i, as the walk's seeks
// mostly move forward by small steps.
func (a *postingArray) search(i int, d uint64) int {
	n := len(a.docs)
	if d > math.MaxUint32 {
		return n
	}
	lo, step := i, 1
	for lo+step < n && uint64(a.docs[lo+step]) < d {
		lo += step
		step *= 2
	}
	if lo < n && uint64(a.docs[lo]) >= d {
		return lo
	}
	hi := min(lo+step, n)
	return lo + sort.Search(hi-lo, func(j int) bool { return uint64(a.docs[lo+j]) >= d })
}

// setAt positions u on its array's first live posting at or after
// position i, or done past the last.
func (u *cursor) setAt(i int) {
	a := u.arr
	for i < len(a.docs) && u.del != nil && u.del.Contains(a.docs[i]) {
		i++
	}
	if i >= len(a.docs) {
		u.done, u.on, u.ai = true, false, len(a.docs)
		return
	}
	u.doc, u.on, u.ai = uint64(a.docs[i]), true, i+1
	fl := a.fl[i]
	u.freq = uint64(fl >> 16)
	l := uint64(fl & 0xffff)
	if u.c.tf != nil && l < tfLengths && u.freq < tfFreqs {
		u.length, u.tabled = l, true
		return
	}
	u.norm, u.tabled = lengthNorm(l), false
}

// countInto adds one to counts[d] for every live bullet d of u's array
// and returns the largest count it set.
func (u *cursor) countInto(counts []uint16) (most uint16) {
	for _, d := range u.arr.docs {
		// For tighter bounds only: counting a deleted bullet would
		// raise a bound, never change a page (the walk skips it).
		if u.del != nil && u.del.Contains(d) {
			continue
		}
		c := counts[d] + 1
		counts[d], most = c, max(most, c)
	}
	return most
}

// deletedOf is a segment snapshot's deleted bullets, nil when none.
func deletedOf(bm *roaring.Bitmap) *roaring.Bitmap {
	if bm == nil || bm.IsEmpty() {
		return nil
	}
	return bm
}

// empty reports whether u has no postings in its segment (an empty
// list: neither iterator nor array).
func (u *cursor) empty() bool { return u.it == nil && u.arr == nil }

// useDecoded has p walk the long lists decoded, kept in pc, which first
// drops the lists of segments merged away.
func (p *topkPlan) useDecoded(pc *postingsCache) {
	segs := make([]segment.Segment, len(p.snap.Segments()))
	for i, s := range p.snap.Segments() {
		segs[i] = s.Segment()
	}
	pc.retain(segs)
	p.decoded = pc
}
