package index

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A long query's common clauses (markCommon) bring no candidate, but a
// candidate's bound has to count each of them as matching it: at 1M a
// requirement of 50 terms has a dozen, so the coord factor's share in
// the bound is many times the candidate's real one, the bound passes
// nearly every candidate (most match one rare term) and every one is
// then scored, every common list sought to it (BENCHMARKS.md, "1M, stop
// 18"). commonCounts counts, per bullet of a segment, how many common
// text clauses and how many common role clauses match it, from their
// postings' bitmaps (no frequencies decoded): a candidate matched by c
// of them is bounded by the c largest of their bounds, with c in the
// coord factor, instead of all of them.

// commonCountsOn lets the walk count common clauses per bullet; off, it
// bounds them as any non-essential clause (tests compare the two).
var commonCountsOn = true

// commonCountsMade counts the segments whose clauses were counted: a test
// shows the counts were used, not only that clauses were marked common.
var commonCountsMade atomic.Int64

// commonCounts holds one segment's counts and the bounds that go with
// them. text[d] and role[d] are how many common clauses of that field
// match bullet d; textP[c] and roleP[c] the sum of the c largest bounds
// (widened, as every bound) of those clauses in the segment.
type commonCounts struct {
	text, role   []uint16
	textP, roleP []float64
	// The most common clauses of each field any one bullet has: a bullet
	// that only they and the walk's non-essential clauses match is bounded
	// with them, not with every common clause.
	maxText, maxRole uint16
}

var countBufs sync.Pool // *commonCounts, its slices reused

// newCommonCounts counts the common cursors of one segment of n bullets,
// before any of them moved (a one-hit iterator forgets its bullet once
// read). It returns nil when no cursor is common, or when one's postings
// do not give their bitmap.
func newCommonCounts(n uint64, cursors []*cursor) *commonCounts {
	if !commonCountsOn || !slices.ContainsFunc(cursors, func(u *cursor) bool { return u.c.common }) {
		return nil
	}
	// With no rare clause on the segment nothing is essential and the walk
	// ends at once: counting would only clear and read for nothing.
	if !slices.ContainsFunc(cursors, func(u *cursor) bool { return !u.c.common && !u.empty() }) {
		return nil
	}
	cc, _ := countBufs.Get().(*commonCounts)
	if cc == nil {
		cc = &commonCounts{}
	}
	cc.maxText, cc.maxRole = 0, 0
	cc.text = zeroed(cc.text, int(n))
	cc.role = zeroed(cc.role, int(n))
	var textUB, roleUB []float64
	var buf [256]uint32
	for _, u := range cursors {
		if !u.c.common || u.empty() {
			continue
		}
		counts, most := cc.text, &cc.maxText
		if u.role {
			most = &cc.maxRole
			counts, roleUB = cc.role, append(roleUB, u.ub)
		} else {
			textUB = append(textUB, u.ub)
		}
		if u.arr != nil {
			*most = max(*most, u.countInto(counts))
			continue
		}
		it, ok := u.it.(segment.OptimizablePostingsIterator)
		if !ok {
			cc.release()
			return nil
		}
		if d, ok := it.DocNum1Hit(); ok {
			counts[d]++
			*most = max(*most, counts[d])
			continue
		}
		bm := it.ActualBitmap()
		if bm == nil {
			cc.release()
			return nil
		}
		*most = max(*most, countBitmap(bm, counts, buf[:]))
	}
	cc.textP, cc.roleP = prefixDesc(cc.textP, textUB), prefixDesc(cc.roleP, roleUB)
	commonCountsMade.Add(1)
	return cc
}

// countBitmap adds one to counts[d] for every bullet d of bm and
// returns the largest count it set.
func countBitmap(bm *roaring.Bitmap, counts []uint16, buf []uint32) (most uint16) {
	it := bm.ManyIterator()
	for {
		k := it.NextMany(buf)
		if k == 0 {
			return most
		}
		for _, d := range buf[:k] {
			c := counts[d] + 1
			counts[d], most = c, max(most, c)
		}
	}
}

// prefixDesc sets p[c] to the sum of the c largest of ubs.
func prefixDesc(p, ubs []float64) []float64 {
	slices.Sort(ubs)
	p = append(p[:0], 0)
	for i := len(ubs) - 1; i >= 0; i-- {
		p = append(p, p[len(p)-1]+ubs[i])
	}
	return p
}

// zeroed is s resized to n, all zero.
func zeroed(s []uint16, n int) []uint16 {
	if cap(s) < n {
		return make([]uint16, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// maxCountBuf bounds the slices kept: a segment of more bullets (a
// merged 1M index has a few of some 100k) gets fresh ones.
const maxCountBuf = 1 << 21

// release keeps cc's slices for a later segment.
func (cc *commonCounts) release() {
	if cc != nil && cap(cc.text) <= maxCountBuf {
		countBufs.Put(cc)
	}
}

// add counts bullet d's common clauses into on: as many text clauses as
// match it, with the largest bounds, and the role's the same way.
func (cc *commonCounts) add(on *bounds, d uint64) {
	t, r := cc.text[d], cc.role[d]
	if t > 0 {
		on.textN += int(t)
		on.text += cc.textP[t]
	}
	on.role += cc.roleP[r]
}
