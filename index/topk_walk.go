package index

import (
	"context"
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
	seg := p.snap.Segments()[j].Segment()
	var text, role []*cursor
	for _, side := range []struct {
		cs   []*clause
		pls  [][]segment.PostingsList
		role bool
		out  *[]*cursor
	}{{p.text, p.textPL, false, &text}, {p.role, p.rolePL, true, &role}} {
		for i, c := range side.cs {
			pl := side.pls[i][j]
			u := &cursor{c: c, role: side.role, pos: i, it: pl.Iterator(true, true, false, nil), scale: c.idf * c.weight * boundSlack}
			if pl.Count() > 0 {
				tb, err := p.bounds.get(seg, c.field, c, pl)
				if err != nil {
					return err
				}
				u.tb, u.ub = tb, u.scale*tb.max
				if err := u.next(); err != nil {
					return err
				}
			} else {
				u.done = true
			}
			*side.out = append(*side.out, u)
		}
	}
	byUB := append(append([]*cursor(nil), text...), role...)
	sort.SliceStable(byUB, func(a, b int) bool { return byUB[a].ub < byUB[b].ub })
	w := walk{n: float64(len(text)), nr: float64(len(role)), text: text, role: role}
	pivot, textN, textUB, roleUB := 0, 0, 0.0, 0.0 // byUB[:pivot] are non-essential
	for steps := 0; ; steps++ {
		if steps&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		floor := h.floor()
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
			pivot, textN, textUB, roleUB = pivot+1, tn, tu, ru
		}
		d, any := uint64(0), false
		for _, u := range byUB[pivot:] {
			if !u.done && (!any || u.doc < d) {
				d, any = u.doc, true
			}
		}
		if !any {
			return nil
		}
		if score, ok, err := w.score(d, floor); err != nil {
			return err
		} else if ok {
			h.push(hit{score: score, seg: j, doc: d})
		}
		for _, u := range byUB[pivot:] {
			if !u.done && u.doc == d {
				if err := u.next(); err != nil {
					return err
				}
			}
		}
	}
}

// walk adds up one bullet's score the way bleve does.
type walk struct {
	n, nr      float64
	text, role []*cursor // in bleve's summation order
}

// score is bullet d's score, unless its bound shows it cannot beat
// floor (ok false); ok is false too if no text term is in d.
func (w *walk) score(d uint64, floor float64) (score float64, ok bool, err error) {
	var roleMax, textMax float64
	for _, u := range w.role {
		roleMax += u.bound(d)
	}
	maybe := 0
	for _, u := range w.text {
		if b := u.bound(d); b > 0 {
			textMax += b
			maybe++
		}
	}
	if maybe == 0 || float64(maybe)/w.n*textMax+roleMax <= floor {
		return 0, false, nil
	}
	// DisjunctionQueryScorer: the matching clauses' scores summed in
	// searcher order, times the coord factor.
	var sum float64
	m := 0
	for _, u := range w.text {
		if err := u.seek(d); err != nil {
			return 0, false, err
		}
		if u.on && u.doc == d {
			sum += u.c.score(u.freq, u.norm)
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
			rsum += u.c.score(u.freq, u.norm)
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
