package vector

import (
	"cmp"
	"slices"
	"unsafe"
)

// Searching the graph: a greedy walk down the upper layers, then a beam of
// ef candidates on layer 0. Inserts use the same walk (insertAt, insert).

// layer returns slot i's neighbours on layer l; while building in
// parallel it copies them under the slot's lock into buf.
func (h *hnsw) layer(i, l int, locked bool, buf []int32) []int32 {
	if !locked {
		if h.links[i] == nil && h.into[i] >= 0 {
			i = int(h.into[i]) // a copy reached by an old link routes as its node
		}
		if l < len(h.links[i]) {
			return h.links[i][l]
		}
		return nil
	}
	h.locks[i].Lock()
	if l < len(h.links[i]) {
		buf = append(buf[:0], h.links[i][l]...)
	} else {
		buf = buf[:0]
	}
	h.locks[i].Unlock()
	return buf
}

func (h *hnsw) greedy(sc *visitScratch, q []float32, ep, l int, locked bool) int {
	best, bestS := ep, h.simAt(sc, ep, q)
	for changed := true; changed; {
		changed = false
		sc.buf = h.layer(best, l, locked, sc.buf)
		for _, n := range sc.buf {
			if int(n) == sc.skip {
				continue
			}
			if s := h.simAt(sc, int(n), q); s > bestS {
				best, bestS, changed = int(n), s, true
			}
		}
	}
	return best
}

// searchLayer returns up to ef closest slots on layer l, best first.
func (h *hnsw) searchLayer(sc *visitScratch, q []float32, eps []int, ef, l int, locked bool) []cand {
	sc.next()
	if sc.skip >= 0 {
		sc.marks[sc.skip] = sc.gen
	}
	front, res := sc.front[:0], sc.res[:0]
	visit := func(i int) bool {
		if sc.marks[i] == sc.gen {
			return false
		}
		sc.marks[i] = sc.gen
		return true
	}
	for _, ep := range eps {
		if !visit(ep) {
			continue
		}
		s := h.simAt(sc, ep, q)
		front = pushMin(front, cand{ep, -s})
		res = pushMin(res, cand{ep, s})
		if len(res) > ef {
			res, _ = popMin(res)
		}
	}
	for len(front) > 0 {
		var c cand
		front, c = popMin(front)
		c.s = -c.s
		if len(res) >= ef && c.s < res[0].s {
			break
		}
		sc.buf = h.layer(c.i, l, locked, sc.buf)
		// The unvisited neighbours first, their rows asked for at once,
		// then scored: the rows' cache misses overlap instead of one
		// stalling each score. Marks and sums are as one loop made them.
		todo, top := sc.todo[:0], uint32(0)
		for _, n := range sc.buf {
			if visit(int(n)) {
				todo, top = append(todo, n), max(top, uint32(n))
			}
		}
		sc.todo = todo
		h.prefetch(sc, todo)
		for k, s := range h.simsAt(sc, todo, top, q) {
			ni := int(todo[k])
			if len(res) < ef || s > res[0].s {
				front = pushMin(front, cand{ni, -s})
				res = pushMin(res, cand{ni, s})
				if len(res) > ef {
					res, _ = popMin(res)
				}
			}
		}
	}
	sc.front, sc.res = front, res
	sortCands(res)
	return res // the scratch's: valid until its next searchLayer
}

// search finds the k nearest live slots; callers hold the store's read
// lock. Searches run concurrently, each with its own scratch. A quantized
// store walks the graph by its int8 rows and re-scores the best
// candidates by their float rows.
func (h *hnsw) search(q []float32, k, ef int) ([]Neighbor, error) {
	if h.entry < 0 {
		return nil, nil
	}
	sc := h.getScratch()
	defer h.scratch.Put(sc)
	sc.qq, sc.qs = h.vs.quantizeQuery(q)
	defer func() { sc.qq = nil }()
	want := k
	if sc.qq != nil {
		want = rescoreDepth(k)
	}
	ep := h.entry
	for l := h.top; l > 0; l-- {
		ep = h.greedy(sc, q, ep, l, false)
	}
	found := h.searchLayer(sc, q, []int{ep}, ef, 0, false)
	sc.next()           // marks now: nodes already taken
	live := sc.live[:0] // the scratch's: neighbors copies out of it
	defer func() { sc.live = live[:0] }()
	take := func(c cand) bool {
		if h.vs.live[c.i] {
			live = append(live, c)
		}
		return len(live) == want
	}
	for _, c := range found {
		if n := h.into[c.i]; n >= 0 {
			c.i = int(n) // a copy reached by an old link stands for its node
		}
		if sc.marks[c.i] == sc.gen {
			continue
		}
		sc.marks[c.i] = sc.gen
		if take(c) {
			break
		}
		done := false
		for _, t := range h.twins[int32(c.i)] {
			if done = take(cand{int(t), c.s}); done {
				break
			}
		}
		if done {
			break
		}
	}
	if sc.qq != nil {
		var err error
		if live, err = h.vs.rescore(live, q, k); err != nil {
			return nil, err
		}
	}
	return h.vs.neighbors(live), nil
}

// simAt is slot i's similarity to q as the search in sc compares: by the
// int8 rows when it quantized q, else by the float rows.
func (h *hnsw) simAt(sc *visitScratch, i int, q []float32) float32 {
	if sc.qq != nil {
		return h.vs.dot(i, nil, sc.qq, sc.qs)
	}
	return h.vs.dot(i, q, nil, 0)
}

// simsAt is simAt of each slot, in sc (valid until its next call): by
// int8 rows in one assembly call for them all where it can, the same sums
// and products as simAt's. top is the largest uint32(slot) (dotRows).
func (h *hnsw) simsAt(sc *visitScratch, slots []int32, top uint32, q []float32) []float32 {
	sims := slices.Grow(sc.sims[:0], len(slots))[:len(slots)]
	sc.sims = sims
	vs := h.vs
	if sc.qq == nil || !useAVX2 || vs.dim%32 != 0 {
		for k, n := range slots {
			sims[k] = h.simAt(sc, int(n), q)
		}
		return sims
	}
	dots := slices.Grow(sc.dots[:0], len(slots))[:len(slots)]
	sc.dots = dots
	vs.dotRows(sc.qq, slots, top, dots)
	for k, n := range slots {
		sims[k] = float32(dots[k]) * vs.scale[n] * sc.qs
	}
	return sims
}

// prefetch asks for the rows simAt will read for slots.
func (h *hnsw) prefetch(sc *visitScratch, slots []int32) {
	vs := h.vs
	if len(slots) == 0 || vs.dim == 0 {
		return
	}
	if sc.qq != nil {
		prefetchRows(unsafe.Pointer(unsafe.SliceData(vs.q)), slots, vs.dim)
		prefetchRows(unsafe.Pointer(unsafe.SliceData(vs.scale)), slots, 4)
		return
	}
	prefetchRows(unsafe.Pointer(unsafe.SliceData(vs.data)), slots, 4*vs.dim)
}

// A binary min-heap on cand, typed so a push does not box a value into an
// interface (container/heap did; it was a fifth of the build's time). The
// max-heap a search also needs is this one on negated scores.

func pushMin(h []cand, c cand) []cand {
	h = append(h, c)
	for j := len(h) - 1; j > 0; {
		p := (j - 1) / 2
		if h[p].s <= h[j].s {
			break
		}
		h[p], h[j] = h[j], h[p]
		j = p
	}
	return h
}

func popMin(h []cand) ([]cand, cand) {
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for j := 0; ; {
		l, r, b := 2*j+1, 2*j+2, j
		if l < n && h[l].s < h[b].s {
			b = l
		}
		if r < n && h[r].s < h[b].s {
			b = r
		}
		if b == j {
			break
		}
		h[b], h[j] = h[j], h[b]
		j = b
	}
	return h, top
}

// sortCands orders best first, ties by slot, so results are deterministic.
func sortCands(cs []cand) {
	slices.SortFunc(cs, func(a, b cand) int {
		// Plain comparisons first: cmp.Compare's NaN checks cost a search
		// a few percent; only a NaN reaches it. A NaN still sorts after
		// every number, but two NaNs, once equal (left in whatever order
		// the sort made), now tie-break by slot like equal numbers.
		switch {
		case a.s > b.s:
			return -1
		case a.s < b.s:
			return 1
		case a.s == b.s:
			return cmp.Compare(a.i, b.i)
		}
		if c := cmp.Compare(b.s, a.s); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
}
