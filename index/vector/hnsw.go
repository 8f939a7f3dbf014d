package vector

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// hnsw is a Hierarchical Navigable Small World graph over the store's
// slots (Malkov & Yashunin, 2016): a few long links on sparse upper layers,
// dense short links on layer 0, searched greedily from the top. Similarity
// is the dot product of L2-normalised vectors (cosine).
//
// A graph is built off to the side, inserting on every core at once (each
// node's links guarded by its own lock, as in hnswlib), and published when
// complete; until then the store answers by exact scan. After publication
// it changes only under the store's write lock, one insert at a time, so
// searches read it without locks.
//
// Identical vectors share one node: the copies are folded into it and come
// back with it. Copies are common in résumés (template bullets, the same
// person uploaded twice) and, as separate nodes, all at distance zero, they
// filled each other's neighbour lists and walled the graph into islands.
type hnsw struct {
	vs       *Store
	m, m0    int
	efC      int
	levelMul float64
	links    [][][]int32       // slot → layer → neighbours; nil for a folded copy
	twins    map[int32][]int32 // node slot → slots folded into it
	into     []int32           // slot → the node it is folded into, or -1
	locks    []sync.Mutex      // per slot, only while building in parallel
	gmu      sync.RWMutex      // entry and top
	entry    int
	top      int
	rng      *rand.Rand
	scratch  sync.Pool // *visitScratch: searches run concurrently
	stale    int       // slots removed or replaced since the build
	dirty    bool      // changed since it was saved or loaded
}

// visitScratch is one search's visited marks and heaps, reused.
type visitScratch struct {
	marks []uint32
	gen   uint32
	front []cand // to expand, best first: a min-heap on negated scores
	res   []cand // min-heap: the ef best so far
	cs    []cand // connect's candidates
	chose []cand // insertAt's new links
	kept  []cand // connect's kept links
	buf   []int32
	todo  []int32 // searchLayer's unvisited neighbours of a node
	live  []cand  // search's live candidates, re-scored in place
	sims  []float32
	dots  []int32
	skip  int     // a slot being re-inserted, never its own neighbour; -1: none
	qq    []int8  // a search's query quantized (nil: compare float rows)
	qs    float32 // its scale
}

// next starts a fresh set of visited marks.
func (sc *visitScratch) next() {
	sc.gen++
	if sc.gen == 0 { // wrapped: old marks could match again
		clear(sc.marks)
		sc.gen = 1
	}
}

func newHNSW(vs *Store, o HNSWOptions) *hnsw {
	return &hnsw{vs: vs, m: o.M, m0: 2 * o.M, efC: o.EfConstruction, levelMul: 1 / math.Log(float64(o.M)),
		twins: map[int32][]int32{}, entry: -1, rng: rand.New(rand.NewPCG(1, 2))}
}

func (h *hnsw) randomLevel() int {
	return int(math.Floor(-math.Log(1-h.rng.Float64()) * h.levelMul))
}

// buildGraph builds a graph over every live vector, on every core; callers
// hold at least the store's read lock, so the vectors do not change.
// It gives up (nil) when stop reports true.
func (vs *Store) buildGraph(stop func() bool) *hnsw {
	start := time.Now()
	h := newHNSW(vs, vs.opts.HNSW)
	n := len(vs.ids)
	h.links = make([][][]int32, n)
	h.locks = make([]sync.Mutex, n)
	h.into = slices.Repeat([]int32{-1}, n)
	var order []int
	byRow := make(map[uint64]int32)
	for i := range n {
		if !vs.live[i] {
			continue
		}
		key := vs.rowKey(i)
		if j, ok := byRow[key]; !ok {
			byRow[key] = int32(i)
		} else if vs.sameRow(int(j), i) {
			h.fold(i, int(j))
			continue
		} // else a hash collision: both are nodes
		order = append(order, i)
		// Levels are drawn in slot order, so they do not depend on
		// scheduling.
		h.links[i] = make([][]int32, h.randomLevel()+1)
	}
	byRow = nil
	if len(order) == 0 {
		return h
	}
	h.insertAt(h.newScratch(), order[0], true)
	var next atomic.Int64
	next.Store(1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := h.newScratch()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(order) || (k%1024 == 0 && stop()) {
					return
				}
				h.insertAt(sc, order[k], true)
			}
		}()
	}
	wg.Wait()
	if stop() {
		return nil
	}
	h.locks = nil
	h.dirty = true
	vs.opts.Logger.Info("built approximate vector index", "vectors", vs.nLive, "nodes", len(order), "seconds", time.Since(start).Seconds())
	return h
}

// inGraph reports whether slot i is a node or a copy of one.
func (h *hnsw) inGraph(i int) bool {
	return i < len(h.links) && (h.links[i] != nil || h.into[i] >= 0)
}

// fold makes slot i a copy carried by node j.
func (h *hnsw) fold(i, j int) {
	h.into[i] = int32(j)
	h.twins[int32(j)] = append(h.twins[int32(j)], int32(i))
}

// unfold takes slot i out of the graph's bookkeeping before its vector
// changes: a copy leaves its node; a node hands its copies, which keep the
// old vector, to the first of them, inserted as a node in its place.
func (h *hnsw) unfold(sc *visitScratch, i int) {
	if j := h.into[i]; j >= 0 {
		h.into[i] = -1
		h.twins[j] = slices.DeleteFunc(h.twins[j], func(t int32) bool { return t == int32(i) })
		if len(h.twins[j]) == 0 {
			delete(h.twins, j)
		}
		return
	}
	ts := h.twins[int32(i)]
	if len(ts) == 0 {
		return
	}
	delete(h.twins, int32(i))
	heir := int(ts[0])
	h.into[heir] = -1
	for _, t := range ts[1:] {
		h.fold(int(t), heir)
	}
	h.links[heir] = make([][]int32, h.randomLevel()+1)
	h.insertAt(sc, heir, false)
}

func (h *hnsw) newScratch() *visitScratch {
	return &visitScratch{marks: make([]uint32, len(h.links)), skip: -1}
}

// getScratch takes a scratch sized for the graph with fresh marks.
func (h *hnsw) getScratch() *visitScratch {
	sc, _ := h.scratch.Get().(*visitScratch)
	if sc == nil || len(sc.marks) < len(h.links) {
		sc = &visitScratch{marks: make([]uint32, len(h.links)+len(h.links)/8)}
	}
	sc.skip = -1
	sc.next()
	return sc
}

func (h *hnsw) sim(i int, q []float32) float32 {
	return h.vs.dot(i, q, nil, 0)
}

// insert adds slot i to a published graph (callers hold the store's write
// lock). A replaced vector is inserted afresh; links other nodes still
// hold to its slot stay, as detours, but while it is inserted the slot is
// skipped: it already holds the new vector, and would otherwise be found
// as its own nearest neighbour. A vector identical to a node's is folded
// into that node.
func (h *hnsw) insert(i int) {
	for len(h.links) <= i {
		h.links = append(h.links, nil)
		h.into = append(h.into, -1)
	}
	h.dirty = true
	sc := h.getScratch()
	defer h.scratch.Put(sc)
	sc.skip = i
	if h.entry == i {
		h.moveEntry(i)
	}
	h.unfold(sc, i)
	h.links[i] = nil
	if h.entry >= 0 {
		q := h.vs.vector(i)
		self := h.sim(i, q) // what an identical row scores, exactly
		ep := h.entry
		for l := h.top; l > 0; l-- {
			ep = h.greedy(sc, q, ep, l, false)
		}
		for _, c := range h.searchLayer(sc, q, []int{ep}, h.efC, 0, false) {
			if c.s < self {
				break // best first: no identical vector further on
			}
			if h.into[c.i] < 0 && h.vs.sameRow(c.i, i) {
				h.fold(i, c.i)
				return
			}
		}
	}
	h.links[i] = make([][]int32, h.randomLevel()+1)
	h.insertAt(sc, i, false)
}

// moveEntry hands the entry point from slot i, about to be re-inserted,
// to a neighbour on its highest layer that has one.
func (h *hnsw) moveEntry(i int) {
	for l := len(h.links[i]) - 1; l >= 0; l-- {
		for _, n := range h.links[i][l] {
			if int(n) != i && h.links[n] != nil {
				h.entry, h.top = int(n), len(h.links[n])-1
				return
			}
		}
	}
	h.entry, h.top = -1, 0 // i was alone: the next insert becomes the entry
}

// insertAt links slot i, whose layers are allocated, into the graph;
// locked says other inserts run at the same time.
func (h *hnsw) insertAt(sc *visitScratch, i int, locked bool) {
	level := len(h.links[i]) - 1
	h.gmu.RLock()
	ep, top := h.entry, h.top
	h.gmu.RUnlock()
	if ep < 0 || level > top {
		// A new top layer: hold the entry point for the whole insert, as
		// hnswlib does; it happens for about one node in m.
		h.gmu.Lock()
		defer h.gmu.Unlock()
		ep, top = h.entry, h.top
		if ep < 0 {
			h.entry, h.top = i, level
			return
		}
		if level > top {
			defer func() { h.entry, h.top = i, level }()
		}
	}
	q := h.vs.vector(i)
	for l := top; l > level; l-- {
		ep = h.greedy(sc, q, ep, l, locked)
	}
	eps := []int{ep}
	for l := min(level, top); l >= 0; l-- {
		found := h.searchLayer(sc, q, eps, h.efC, l, locked)
		maxN := h.m
		if l == 0 {
			maxN = h.m0
		}
		chosen := h.selectNeighbors(found, h.m, sc.chose[:0])
		sc.chose = chosen
		mine := make([]int32, len(chosen), maxN+1)
		for k, c := range chosen {
			mine[k] = int32(c.i)
		}
		if locked {
			h.locks[i].Lock()
		}
		h.links[i][l] = mine
		if locked {
			h.locks[i].Unlock()
		}
		for _, c := range chosen {
			h.connect(sc, c.i, i, l, maxN, locked)
		}
		eps = eps[:0]
		for _, c := range found {
			eps = append(eps, c.i)
		}
	}
}

// connect links a → b on layer l, keeping a's closest maxN neighbours.
func (h *hnsw) connect(sc *visitScratch, a, b, l, maxN int, locked bool) {
	if locked {
		h.locks[a].Lock()
		defer h.locks[a].Unlock()
	}
	if len(h.links[a]) <= l {
		return
	}
	h.links[a][l] = append(h.links[a][l], int32(b))
	if len(h.links[a][l]) <= maxN {
		return
	}
	va := h.vs.vector(a)
	cs := sc.cs[:0]
	for _, n := range h.links[a][l] {
		cs = append(cs, cand{int(n), h.sim(int(n), va)})
	}
	sc.cs = cs
	sortCands(cs)
	kept := h.selectNeighbors(cs, maxN, sc.kept[:0])
	sc.kept = kept
	h.links[a][l] = h.links[a][l][:0]
	for _, c := range kept {
		h.links[a][l] = append(h.links[a][l], int32(c.i))
	}
}

// selectNeighbors is the paper's heuristic: take a candidate only if it is
// closer to the base than to every neighbour already taken, so links also
// reach across clusters instead of all pointing into the nearest one; the
// remaining places are filled with the closest of the rest. It appends
// to out (a reused buffer).
func (h *hnsw) selectNeighbors(cs []cand, m int, out []cand) []cand {
	if len(cs) <= m {
		return append(out, cs...)
	}
	for _, c := range cs {
		if len(out) == m {
			break
		}
		vc := h.vs.vector(c.i)
		good := true
		for _, r := range out {
			if h.sim(r.i, vc) >= c.s {
				good = false
				break
			}
		}
		if good {
			out = append(out, c)
		}
	}
	return out
}

// handOver prepares the removed slots dead for their rows to be zeroed:
// a node among them whose live copies are still found through it gives
// its links, its entry point and its remaining copies to the first live
// copy, and every link to it is pointed at that copy. Callers hold the
// store's write lock.
func (h *hnsw) handOver(dead []int) {
	heirs := map[int32]int32{}
	for _, d := range dead {
		if d >= len(h.links) || h.links[d] == nil {
			continue
		}
		ts := h.twins[int32(d)]
		k := slices.IndexFunc(ts, func(t int32) bool { return h.vs.live[t] })
		if k < 0 {
			continue // no copy left: it routes as a zero row until the next rebuild
		}
		heir := ts[k]
		delete(h.twins, int32(d))
		h.links[heir], h.links[d] = h.links[d], nil
		h.into[heir], h.into[d] = -1, heir
		for _, t := range ts {
			if t != heir {
				h.fold(int(t), int(heir))
			}
		}
		if h.entry == d {
			h.entry = int(heir)
		}
		heirs[int32(d)] = heir
	}
	if len(heirs) == 0 {
		return
	}
	for _, layers := range h.links {
		for _, ns := range layers {
			for j, n := range ns {
				if a, ok := heirs[n]; ok {
					ns[j] = a
				}
			}
		}
	}
	h.dirty = true
}
