package index

import (
	"context"
	"slices"
	"sort"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// runSegment ranks segment j's bullets into h, MaxScore style. Every
// clause, text or role, has a bound in the segment (its idf and weight
// times the most its saturation reaches there); ordered by bound, the
// longest prefix whose clauses cannot lift a bullet past h's floor
// (text clauses with bleve's coord factor, the role added whole) is
// non-essential: only bullets in the other clauses' postings are
// candidates. A candidate's non-essential and role postings are read
// only while its bound, from the cursors' positions and their blocks'
// bounds, still beats the floor.
func (p *topkPlan) runSegment(ctx context.Context, j int, h *topHeap) error {
	ss := p.snap.Segments()[j]
	seg, del := ss.Segment(), deletedOf(ss.Deleted())
	isCommon := func(c *clause) bool { return c.common }
	counted := commonCountsOn && (slices.ContainsFunc(p.text, isCommon) || slices.ContainsFunc(p.role, isCommon))
	// The segment's cursors in one allocation; all holds text's, then role's.
	slab := make([]cursor, 0, len(p.text)+len(p.role))
	all := make([]*cursor, 0, cap(slab))
	defer func() {
		for _, u := range all {
			release(u.it)
		}
	}()
	for _, side := range []struct {
		cs   []*clause
		pls  [][]segment.PostingsList
		role bool
	}{{p.text, p.textPL, false}, {p.role, p.rolePL, true}} {
		for i, c := range side.cs {
			pl := side.pls[i][j]
			arr, err := p.decoded.get(seg, c.field, c.term, pl.Count())
			if err != nil {
				return err
			}
			slab = append(slab, cursor{c: c, role: side.role, pos: i, scale: c.idf * c.weight * boundSlack, arr: arr, del: del})
			u := &slab[len(slab)-1]
			if arr == nil {
				u.it = iterator(pl, true)
			}
			all = append(all, u)
			if !u.empty() {
				tb, err := p.bounds.get(seg, c.field, c, arr)
				if err != nil {
					return err
				}
				u.tb, u.ub = tb, u.scale*tb.max
				if !counted {
					if err := u.next(); err != nil {
						return err
					}
				}
			} else {
				u.done = true
			}
		}
	}
	var cc *commonCounts
	if counted { // counted before the cursors move (topk_counts.go)
		cc = newCommonCounts(seg.Count(), all)
		defer cc.release()
		for _, u := range all {
			if !u.done {
				if err := u.next(); err != nil {
					return err
				}
			}
		}
	}
	text, role := all[:len(p.text):len(p.text)], all[len(p.text):]
	// Common clauses (markCommon) first: they are non-essential whatever
	// their bounds, so they bring no bullet.
	byUB := slices.Clone(all)
	sort.SliceStable(byUB, func(a, b int) bool {
		if ca, cb := byUB[a].c.common, byUB[b].c.common; ca != cb {
			return ca
		}
		return byUB[a].ub < byUB[b].ub
	})
	w := walk{n: float64(len(text)), nr: float64(len(role)), text: text, role: role}
	pivot, textN, textUB, roleUB := 0, 0, 0.0, 0.0 // byUB[:pivot] are non-essential
	for ; pivot < len(byUB) && byUB[pivot].c.common; pivot++ {
		if u := byUB[pivot]; u.role {
			roleUB += u.ub
		} else {
			textN, textUB = textN+1, textUB+u.ub
		}
	}
	// With counts, a candidate's common clauses are bounded from them
	// (cc.add); the other non-essential ones, byUB[common:pivot], from
	// these sums.
	common := pivot
	var extra bounds
	if cc != nil { // the common clauses as many as one bullet has
		textN, textUB, roleUB = int(cc.maxText), cc.textP[cc.maxText], cc.roleP[cc.maxRole]
	}
	// The essential cursors by their bullet: the next candidate is the
	// top's, found without a pass over every clause (a job's requirement
	// has dozens).
	var ess docHeap
	ess.reset(byUB[pivot:])
	var onD []*cursor
	for steps := 0; ; steps++ {
		if steps&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		floor := h.floor()
		moved := false
		for pivot < len(byUB) {
			u := byUB[pivot]
			tn, tu, ru := textN, textUB, roleUB
			if u.role {
				ru += u.ub
			} else {
				tn, tu = tn+1, tu+u.ub
			}
			if float64(tn)/w.n*tu+ru > floor {
				break
			}
			pivot, textN, textUB, roleUB, moved = pivot+1, tn, tu, ru, true
		}
		if moved {
			ess.reset(byUB[pivot:])
			extra = bounds{}
			for _, u := range byUB[common:pivot] {
				extra.add(u, u.ub)
			}
		}
		if len(ess) == 0 {
			return nil
		}
		d := ess[0].doc
		onD = onD[:0]
		for len(ess) > 0 && ess[0].doc == d {
			onD = append(onD, ess.pop())
		}
		// The essential clauses' bounds: exact on d, nothing past it.
		var on bounds
		for _, u := range onD {
			on.add(u, u.score()*boundSlack)
		}
		// First with the others at their segment bounds (no cursor read),
		// or the common ones from their counts, then at their blocks'.
		ne := byUB[:pivot]
		var pass bool
		if cc != nil {
			cc.add(&on, d)
			ne = byUB[common:pivot]
			pass = on.beats(floor, w.n, float64(extra.textN), extra.text, extra.role)
		} else {
			pass = on.beats(floor, w.n, float64(textN), textUB, roleUB)
		}
		if pass {
			if score, ok, err := w.score(d, floor, on, ne); err != nil {
				return err
			} else if ok {
				h.push(hit{score: score, seg: j, doc: d})
			}
		}
		for _, u := range onD {
			if err := u.next(); err != nil {
				return err
			}
			if !u.done {
				ess.push(u)
			}
		}
	}
}

// docHeap holds cursors that are not done, the one on the lowest bullet
// on top.
type docHeap []*cursor

// reset makes h the heap of cs's cursors that are not done.
func (h *docHeap) reset(cs []*cursor) {
	*h = (*h)[:0]
	for _, u := range cs {
		if !u.done {
			*h = append(*h, u)
		}
	}
	for i := len(*h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *docHeap) push(u *cursor) {
	*h = append(*h, u)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if s[p].doc <= s[i].doc {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *docHeap) pop() *cursor {
	s := *h
	u := s[0]
	s[0] = s[len(s)-1]
	*h = s[:len(s)-1]
	h.down(0)
	return u
}

func (h *docHeap) down(i int) {
	s := *h
	for {
		l, m := 2*i+1, i
		if l < len(s) && s[l].doc < s[m].doc {
			m = l
		}
		if r := l + 1; r < len(s) && s[r].doc < s[m].doc {
			m = r
		}
		if m == i {
			return
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
}

// walk adds up one bullet's score the way bleve does.
type walk struct {
	n, nr      float64
	text, role []*cursor // in bleve's summation order
}

// bounds adds up what clauses can add to a bullet's score.
type bounds struct {
	textN      int // text clauses that may match
	text, role float64
}

func (b *bounds) add(u *cursor, x float64) {
	if u.role {
		b.role += x
	} else if x > 0 {
		b.textN, b.text = b.textN+1, b.text+x
	}
}

// beats reports whether the bullet may beat floor, with textN more text
// clauses adding up to textUB and role clauses to roleUB (n text clauses
// in all: bleve's coord factor).
func (b bounds) beats(floor, n, textN, textUB, roleUB float64) bool {
	tn := float64(b.textN) + textN
	return tn > 0 && tn/n*(b.text+textUB)+b.role+roleUB > floor
}

// score is bullet d's score, unless its bound shows it cannot beat
// floor (ok false); ok is false too if no text term is in d. on bounds
// the essential clauses; the non-essential ones are bounded from their
// cursors.
func (w *walk) score(d uint64, floor float64, on bounds, nonEssential []*cursor) (score float64, ok bool, err error) {
	for _, u := range nonEssential {
		on.add(u, u.bound(d))
	}
	if !on.beats(floor, w.n, 0, 0, 0) {
		return 0, false, nil
	}
	roleMax := on.role
	// DisjunctionQueryScorer: the matching clauses' scores summed in
	// searcher order, times the coord factor.
	var sum float64
	m := 0
	for _, u := range w.text {
		if err := u.seek(d); err != nil {
			return 0, false, err
		}
		if u.on && u.doc == d {
			sum += u.score()
			m++
		}
	}
	if m == 0 {
		return 0, false, nil
	}
	body := sum * (float64(m) / w.n)
	if body+roleMax <= floor {
		return 0, false, nil
	}
	var rsum float64
	mr := 0
	for _, u := range w.role {
		if err := u.seek(d); err != nil {
			return 0, false, err
		}
		if u.on && u.doc == d {
			rsum += u.score()
			mr++
		}
	}
	// BooleanSearcher: must plus should, summed from zero.
	score = 0 + body
	if mr > 0 {
		score += rsum * (float64(mr) / w.nr)
	}
	return score, score > floor, nil
}
