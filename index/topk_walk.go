package index

import (
	"context"
	"sort"
)

// runSegment ranks segment j's bullets into h, MaxScore style: the text
// clauses are ordered by their upper bounds, and the longest prefix of
// them whose bullets cannot beat h's floor (even with every role term
// added) is non-essential: only bullets from the other clauses' postings
// are candidates, and the non-essential and role postings are advanced
// to a candidate only while its bound still beats the floor.
func (p *topkPlan) runSegment(ctx context.Context, j int, h *topHeap) error {
	text := make([]*cursor, len(p.text))
	for i, c := range p.text {
		text[i] = &cursor{c: c, pos: i, it: p.textPL[i][j].Iterator(true, true, false, nil)}
		if err := text[i].next(); err != nil {
			return err
		}
	}
	role := make([]*cursor, len(p.role))
	for i, c := range p.role {
		role[i] = &cursor{c: c, pos: i, it: p.rolePL[i][j].Iterator(true, true, false, nil)}
	}
	byUB := append([]*cursor(nil), text...)
	sort.SliceStable(byUB, func(a, b int) bool { return byUB[a].c.ub < byUB[b].c.ub })
	prefix := make([]float64, len(byUB)+1) // prefix[i]: the bounds of byUB[:i] summed
	for i, u := range byUB {
		prefix[i+1] = prefix[i] + u.c.ub
	}
	n, nr := float64(len(text)), float64(len(role))
	contrib := make([]float64, len(text))
	matched := make([]bool, len(text))
	pivot := 0 // byUB[:pivot] are non-essential
	for steps := 0; ; steps++ {
		if steps&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		floor := h.floor()
		for pivot < len(byUB) && float64(pivot+1)/n*prefix[pivot+1]+p.roleUB <= floor {
			pivot++
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
		m, known := 0, 0.0
		for _, u := range byUB[pivot:] {
			if !u.done && u.doc == d {
				s := u.c.score(u.freq, u.norm)
				contrib[u.pos], matched[u.pos] = s, true
				known += s
				m++
			}
		}
		if float64(m+pivot)/n*(known+prefix[pivot])*boundSlack+p.roleUB > floor {
			if err := p.score(d, j, byUB[:pivot], role, contrib, matched, m, n, nr, floor, h); err != nil {
				return err
			}
		}
		for _, u := range byUB[pivot:] {
			if !u.done && u.doc == d {
				if err := u.next(); err != nil {
					return err
				}
			}
		}
		clear(matched)
	}
}

// score completes bullet d's score from the non-essential text clauses
// and the role, the way bleve adds them up, and offers it to h.
func (p *topkPlan) score(d uint64, j int, rest, role []*cursor, contrib []float64, matched []bool, m int, n, nr, floor float64, h *topHeap) error {
	for _, u := range rest {
		if err := u.seek(d); err != nil {
			return err
		}
		if u.on && u.doc == d {
			contrib[u.pos], matched[u.pos] = u.c.score(u.freq, u.norm), true
			m++
		}
	}
	// DisjunctionQueryScorer: the matching clauses' scores summed in
	// searcher order, times the coord factor.
	var sum float64
	for i, ok := range matched {
		if ok {
			sum += contrib[i]
		}
	}
	body := sum * (float64(m) / n)
	if body+p.roleUB <= floor {
		return nil
	}
	var rsum float64
	mr := 0
	for _, u := range role {
		if err := u.seek(d); err != nil {
			return err
		}
		if u.on && u.doc == d {
			rsum += u.c.score(u.freq, u.norm)
			mr++
		}
	}
	// BooleanSearcher: must plus should, summed from zero.
	score := 0 + body
	if mr > 0 {
		score += rsum * (float64(mr) / nr)
	}
	if score > floor {
		h.push(hit{score: score, seg: j, doc: d})
	}
	return nil
}
