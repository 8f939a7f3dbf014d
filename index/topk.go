package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The exact top-k: keywordQuery's plain form (text terms, role terms
// adding; no phrases, exclusions or filter) ranked over bleve's own
// postings, segment by segment, with MaxScore pruning. Scores are the
// ones bleve's searchers give that query, computed by the same formulas
// in the same order (docs/keyword-topk.md spells them out), so rankings
// and scores are identical (above 10 terms, up to the last bits of a
// sum: see maxTopKTerms); what changes is that a bullet whose terms
// cannot lift it into the top k is never scored, and the role's postings
// are advanced only for bullets that could still make it.

// boundSlack widens every upper bound, so rounding can never prune a
// bullet whose exact score reaches the threshold.
const boundSlack = 1 + 1e-9

// clause is one term of one field, weighed as bleve's term scorer weighs
// it once the query norm is set.
type clause struct {
	term   []byte
	df     uint64
	idf    float64
	boost  float64
	weight float64 // bleve's queryWeight: boost · idf · norm
	avg    float64 // the field's average length, as bleve rounds it
	field  string
	tf     *tfTable // bm25TF at avg for small postings (topk_tf.go)
	// common: in more than LexicalRequest.CommonShare of the bullets; it
	// scores the bullets the other clauses bring, never brings one.
	common bool
}

// saturation is BM25's term-frequency part as bleve's TermQueryScorer
// computes it: score is idf · saturation · weight.
func saturation(freq uint64, norm, avg float64) float64 {
	num, den := bm25TF(freq, norm, avg)
	return num / den
}

// bm25TF is the numerator and denominator of BM25's term-frequency part,
// computed as bleve's TermQueryScorer does; score and saturation divide
// them in their own order, which fixes the last bit.
func bm25TF(freq uint64, norm, avg float64) (num, den float64) {
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(freq)]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	fieldLength := 1 / (norm * norm)
	return tf * search.BM25_k1, tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/avg))
}

// score is bleve's TermQueryScorer.Score for BM25, operation for
// operation (the order of the products fixes the last bit).
func (c *clause) score(freq uint64, norm float64) float64 {
	num, den := bm25TF(freq, norm, c.avg)
	s := c.idf * num / den
	if c.weight != 1.0 {
		s = s * c.weight
	}
	return s
}

// topkPlan is one query's clauses and postings lists over a snapshot.
type topkPlan struct {
	snap       *scorch.IndexSnapshot
	text, role []*clause                // in bleve's summation order
	textPL     [][]segment.PostingsList // [clause][segment]
	rolePL     [][]segment.PostingsList
	bounds     *boundCache
	decoded    *postingsCache // long lists decoded (topk_postings.go); nil: iterators only
}

// maxTopKTerms is the most terms the top-k takes: every query Lexical
// accepts. Above searcher.DisjunctionHeapTakeover terms bleve's
// disjunction is a heap, which sums a bullet's matching clauses in the
// order they leave it, an order that follows the heap's history, not the
// clauses; the top-k sums them in the query's order, so a score can
// differ from bleve's in its last bits (docs/keyword-topk.md).
var maxTopKTerms = MaxQueryTerms

// newTopkPlan looks the query's terms up in every segment of snap and
// weighs them as bleve's BooleanQuery{must: text, should: role^0.3}
// would. It returns nil if bleve would not score by BM25 (an empty
// index, a field no bullet has).
func newTopkPlan(snap *scorch.IndexSnapshot, tokens [][]byte, bounds *boundCache) (*topkPlan, error) {
	n, err := snap.DocCount()
	if err != nil {
		return nil, err
	}
	p := &topkPlan{snap: snap, bounds: bounds}
	segs := make([]segment.Segment, len(snap.Segments()))
	for i, s := range snap.Segments() {
		segs[i] = s.Segment()
	}
	bounds.retain(segs)
	avg := func(field string) (float64, error) {
		card, err := snap.FieldCardinality(field)
		if err != nil || n == 0 {
			return 0, err
		}
		return math.Ceil(float64(card) / float64(n)), nil
	}
	build := func(field string, boost float64) ([]*clause, [][]segment.PostingsList, error) {
		a, err := avg(field)
		if err != nil || a == 0 { // bleve scores a field without length by tf-idf
			return nil, nil, err
		}
		segs := snap.Segments()
		dicts := make([]segment.TermDictionary, len(segs))
		for i, s := range segs {
			if dicts[i], err = s.Segment().Dictionary(field); err != nil {
				return nil, nil, err
			}
		}
		cs := make([]*clause, len(tokens))
		pls := make([][]segment.PostingsList, len(tokens))
		for i, t := range tokens {
			c := &clause{term: t, field: field, boost: boost, avg: a, tf: tfTableFor(a)}
			pls[i] = make([]segment.PostingsList, len(segs))
			for j, s := range segs {
				pl, err := dicts[j].PostingsList(t, s.Deleted(), nil)
				if err != nil {
					return nil, nil, err
				}
				pls[i][j] = pl
				c.df += pl.Count()
			}
			c.idf = math.Log(1 + (float64(n)-float64(c.df)+0.5)/(float64(c.df)+0.5))
			cs[i] = c
		}
		if len(cs) > searcher.DisjunctionHeapTakeover {
			// The heap keeps its searchers in the query's order; its
			// weight (the query norm) sums them in that order.
			return cs, pls, nil
		}
		// Sort clauses and their lists together, as bleve sorts searchers.
		idx := make([]int, len(cs))
		for i := range idx {
			idx[i] = i
		}
		sort.Sort(byCountIdx{cs, idx})
		sorted := make([][]segment.PostingsList, len(pls))
		for i, k := range idx {
			sorted[i] = pls[k]
		}
		return cs, sorted, nil
	}
	if p.text, p.textPL, err = build(fText, 1); err != nil {
		return nil, err
	}
	if p.role, p.rolePL, err = build(fRoleText, roleBoost); err != nil {
		return nil, err
	}
	if p.text == nil || p.role == nil {
		return nil, nil
	}
	// The query norm: BooleanSearcher sums must's weight and should's,
	// each a sum of its terms' (boost·idf)², in searcher order.
	sumW := func(cs []*clause) float64 {
		var w float64
		for _, c := range cs {
			x := c.boost * c.idf
			w += x * x
		}
		return w
	}
	norm := 1.0 / math.Sqrt(0+sumW(p.text)+(0+sumW(p.role)))
	for _, cs := range [][]*clause{p.text, p.role} {
		for _, c := range cs {
			c.weight = c.boost * c.idf * norm
		}
	}
	return p, nil
}

// byCountIdx orders clauses as bleve's disjunction orders its searchers
// (OrderedSearcherList: by document count, sort.Sort), which fixes the
// order their scores are summed in; it carries their original positions.
type byCountIdx struct {
	cs  []*clause
	idx []int
}

func (s byCountIdx) Len() int           { return len(s.cs) }
func (s byCountIdx) Less(i, j int) bool { return s.cs[i].df < s.cs[j].df }
func (s byCountIdx) Swap(i, j int) {
	s.cs[i], s.cs[j] = s.cs[j], s.cs[i]
	s.idx[i], s.idx[j] = s.idx[j], s.idx[i]
}

// total counts the bullets any text term matches, from the postings'
// bitmaps: what bleve's collector counts, without scoring them.
func (p *topkPlan) total() uint64 {
	var n uint64
	var bms []*roaring.Bitmap
	var ones []uint32
	var its []segment.PostingsIterator // released at the end: bms are theirs
	defer func() {
		for _, it := range its {
			release(it)
		}
	}()
	for j := range p.snap.Segments() {
		bms, ones = bms[:0], ones[:0]
		for i := range p.text {
			pi := iterator(p.textPL[i][j], false)
			if pi == nil { // an empty list adds no bullet
				continue
			}
			its = append(its, pi)
			it, ok := pi.(segment.OptimizablePostingsIterator)
			if !ok {
				return 0
			}
			if d, ok := it.DocNum1Hit(); ok {
				ones = append(ones, uint32(d))
			} else if a := it.ActualBitmap(); a != nil {
				bms = append(bms, a)
			}
		}
		if len(bms) <= 2 { // counted without building the union
			n += unionCount(bms, ones)
			continue
		}
		bm := roaring.FastOr(bms...)
		bm.AddMany(ones)
		n += bm.GetCardinality()
	}
	return n
}

// unionCount is the size of the union of up to two bitmaps and the
// bullets in ones, without allocating it: |A|+|B|−|A∩B|, then each
// bullet of ones in neither and not seen before in ones.
func unionCount(bms []*roaring.Bitmap, ones []uint32) uint64 {
	var n uint64
	for i, bm := range bms {
		n += bm.GetCardinality()
		if i == 1 {
			n -= bms[0].AndCardinality(bm)
		}
	}
	for i, d := range ones {
		if slices.Contains(ones[:i], d) || slices.ContainsFunc(bms, func(bm *roaring.Bitmap) bool { return bm.Contains(d) }) {
			continue
		}
		n++
	}
	return n
}

// cursor walks one clause's postings in one segment.
type cursor struct {
	c      *clause
	it     segment.PostingsIterator
	role   bool
	pos    int // the clause's place in bleve's summation order
	doc    uint64
	freq   uint64
	norm   float64 // when not tabled
	length uint64  // the field's length, when tabled
	tabled bool    // the score is read through c.tf
	on     bool    // positioned on doc
	done   bool
	tb     *termBounds
	scale  float64 // idf · weight, widened: times a saturation, a bound
	blk    int     // tb's block of the last bound asked
	ub     float64 // the clause's bound in this segment
	// arr, when not nil, is the list decoded, walked instead of it: ai is
	// the position after the current one, del the snapshot's deletions.
	arr *postingArray
	ai  int
	del *roaring.Bitmap
}

// bound is the most u's clause adds to bullet d, which is not behind
// the cursor's last answer: nothing once it is past d, its score on d,
// its block's bound behind d.
func (u *cursor) bound(d uint64) float64 {
	switch {
	case u.done || (u.on && u.doc > d):
		return 0
	case u.on && u.doc == d:
		return u.score() * boundSlack
	}
	return u.scale * u.tb.at(d, &u.blk)
}

func (u *cursor) set(p segment.Posting, err error) error {
	if err != nil {
		return err
	}
	if p == nil {
		u.done, u.on = true, false
		return nil
	}
	u.doc, u.on = p.Number(), true
	u.at(p)
	return nil
}

func (u *cursor) next() error {
	if u.arr != nil {
		u.setAt(u.ai)
		return nil
	}
	return u.set(u.it.Next())
}

// seek positions u at the first posting at or after d.
func (u *cursor) seek(d uint64) error {
	if u.done || (u.on && u.doc >= d) {
		return nil
	}
	if u.arr != nil {
		u.setAt(u.arr.search(u.ai, d))
		return nil
	}
	return u.set(u.it.Advance(d))
}

// hit is a scored bullet: its segment and number there, which is also
// bleve's order of hits, the tie-break between equal scores.
type hit struct {
	score float64
	seg   int
	doc   uint64
}

// worse reports whether a ranks below b: lower score, or equal and later.
func worse(a, b hit) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.seg > b.seg || (a.seg == b.seg && a.doc > b.doc)
}

// topHeap keeps the k best hits, the worst on top.
type topHeap struct {
	k  int
	hs []hit
}

func (h *topHeap) full() bool { return len(h.hs) >= h.k }

// floor is the score a new hit must beat (ties lose: it comes later).
func (h *topHeap) floor() float64 {
	if !h.full() {
		return math.Inf(-1)
	}
	return h.hs[0].score
}

func (h *topHeap) push(x hit) {
	if h.full() {
		h.hs[0] = x
		h.down(0)
		return
	}
	h.hs = append(h.hs, x)
	for i := len(h.hs) - 1; i > 0; {
		p := (i - 1) / 2
		if !worse(h.hs[i], h.hs[p]) {
			break
		}
		h.hs[i], h.hs[p] = h.hs[p], h.hs[i]
		i = p
	}
}

func (h *topHeap) down(i int) {
	for {
		l, m := 2*i+1, i
		if l < len(h.hs) && worse(h.hs[l], h.hs[m]) {
			m = l
		}
		if r := l + 1; r < len(h.hs) && worse(h.hs[r], h.hs[m]) {
			m = r
		}
		if m == i {
			return
		}
		h.hs[i], h.hs[m] = h.hs[m], h.hs[i]
		i = m
	}
}

// sorted returns the hits best first.
func (h *topHeap) sorted() []hit {
	out := append([]hit(nil), h.hs...)
	sort.Slice(out, func(i, j int) bool { return worse(out[j], out[i]) })
	return out
}

// run ranks every bullet the text matches and keeps the k best.
func (p *topkPlan) run(ctx context.Context, k int) ([]hit, error) {
	h := &topHeap{k: k, hs: make([]hit, 0, k)}
	for j := range p.snap.Segments() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := p.runSegment(ctx, j, h); err != nil {
			return nil, fmt.Errorf("segment %d: %w", j, err)
		}
	}
	return h.sorted(), nil
}
