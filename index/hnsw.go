package index

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"sort"
)

// hnsw is a Hierarchical Navigable Small World graph over the store's
// slots (Malkov & Yashunin, 2016): a few long links on sparse upper layers,
// dense short links on layer 0, searched greedily from the top. Similarity
// is the dot product of L2-normalised vectors (cosine).
type hnsw struct {
	vs       *vectorStore
	m, m0    int
	efC      int
	levelMul float64
	links    [][][]int32 // slot → layer → neighbours
	entry    int
	top      int
	rng      *rand.Rand
	visited  []uint32
	gen      uint32
}

func newHNSW(vs *vectorStore, o HNSWOptions) *hnsw {
	return &hnsw{vs: vs, m: o.M, m0: 2 * o.M, efC: o.EfConstruction, levelMul: 1 / math.Log(float64(o.M)),
		entry: -1, rng: rand.New(rand.NewPCG(1, 2))}
}

// buildHNSW (re)builds the graph over every live vector.
func (vs *vectorStore) buildHNSW() {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if vs.hnsw != nil && !vs.hnswDirt {
		return
	}
	h := newHNSW(vs, vs.opts.HNSW)
	for i := range vs.ids {
		if vs.live[i] {
			h.insert(i)
		}
	}
	vs.hnsw, vs.hnswDirt = h, false
	vs.opts.Logger.Info("built approximate vector index", "vectors", vs.nLive)
}

func (h *hnsw) sim(i int, q []float32) float32 {
	return h.vs.dot(i, q, nil, 0)
}

func (h *hnsw) insert(i int) {
	for len(h.links) <= i {
		h.links = append(h.links, nil)
	}
	level := int(math.Floor(-math.Log(1-h.rng.Float64()) * h.levelMul))
	h.links[i] = make([][]int32, level+1)
	if h.entry < 0 {
		h.entry, h.top = i, level
		return
	}
	q := h.vs.vector(i)
	ep := h.entry
	for l := h.top; l > level; l-- {
		ep = h.greedy(q, ep, l)
	}
	eps := []int{ep}
	for l := min(level, h.top); l >= 0; l-- {
		found := h.searchLayer(q, eps, h.efC, l)
		maxN := h.m
		if l == 0 {
			maxN = h.m0
		}
		for _, c := range h.selectNeighbors(found, h.m) {
			h.links[i][l] = append(h.links[i][l], int32(c.i))
			h.connect(c.i, i, l, maxN)
		}
		eps = eps[:0]
		for _, c := range found {
			eps = append(eps, c.i)
		}
	}
	if level > h.top {
		h.entry, h.top = i, level
	}
}

// connect links a → b on layer l, keeping a's closest maxN neighbours.
func (h *hnsw) connect(a, b, l, maxN int) {
	if len(h.links[a]) <= l {
		return
	}
	h.links[a][l] = append(h.links[a][l], int32(b))
	if len(h.links[a][l]) <= maxN {
		return
	}
	va := h.vs.vector(a)
	cs := make([]cand, len(h.links[a][l]))
	for k, n := range h.links[a][l] {
		cs[k] = cand{int(n), h.sim(int(n), va)}
	}
	sortCands(cs)
	kept := h.selectNeighbors(cs, maxN)
	h.links[a][l] = h.links[a][l][:0]
	for _, c := range kept {
		h.links[a][l] = append(h.links[a][l], int32(c.i))
	}
}

// selectNeighbors is the paper's heuristic: take a candidate only if it is
// closer to the base than to every neighbour already taken, so links also
// reach across clusters instead of all pointing into the nearest one; the
// remaining places are filled with the closest of the rest.
func (h *hnsw) selectNeighbors(cs []cand, m int) []cand {
	if len(cs) <= m {
		return cs
	}
	out := make([]cand, 0, m)
	var rest []cand
	for _, c := range cs {
		if len(out) == m {
			break
		}
		vc := h.vs.vector(c.i)
		good := true
		for _, r := range out {
			if h.sim(r.i, vc) > c.s {
				good = false
				break
			}
		}
		if good {
			out = append(out, c)
		} else {
			rest = append(rest, c)
		}
	}
	for _, c := range rest {
		if len(out) == m {
			break
		}
		out = append(out, c)
	}
	return out
}

func (h *hnsw) greedy(q []float32, ep, l int) int {
	best, bestS := ep, h.sim(ep, q)
	for changed := true; changed; {
		changed = false
		for _, n := range h.layer(best, l) {
			if s := h.sim(int(n), q); s > bestS {
				best, bestS, changed = int(n), s, true
			}
		}
	}
	return best
}

func (h *hnsw) layer(i, l int) []int32 {
	if l < len(h.links[i]) {
		return h.links[i][l]
	}
	return nil
}

// searchLayer returns up to ef closest slots on layer l, best first.
func (h *hnsw) searchLayer(q []float32, eps []int, ef, l int) []cand {
	h.gen++
	if len(h.visited) < len(h.links) {
		h.visited = append(h.visited, make([]uint32, len(h.links)-len(h.visited))...)
	}
	front := &maxHeap{}
	res := &topK{k: ef}
	for _, ep := range eps {
		if h.visited[ep] == h.gen {
			continue
		}
		h.visited[ep] = h.gen
		s := h.sim(ep, q)
		heap.Push(front, cand{ep, s})
		res.push(ep, s)
	}
	for front.Len() > 0 {
		c := heap.Pop(front).(cand)
		if res.Len() >= ef && c.s < res.items[0].s {
			break
		}
		for _, n := range h.layer(c.i, l) {
			ni := int(n)
			if h.visited[ni] == h.gen {
				continue
			}
			h.visited[ni] = h.gen
			s := h.sim(ni, q)
			if res.Len() < ef || s > res.items[0].s {
				heap.Push(front, cand{ni, s})
				res.push(ni, s)
			}
		}
	}
	return res.sorted()
}

// search finds the k nearest live slots; callers hold the store's read
// lock, and searches run one at a time on the visited array.
func (h *hnsw) search(q []float32, k, ef int) []Neighbor {
	if h.entry < 0 {
		return nil
	}
	h.vs.searchMu.Lock()
	defer h.vs.searchMu.Unlock()
	ep := h.entry
	for l := h.top; l > 0; l-- {
		ep = h.greedy(q, ep, l)
	}
	found := h.searchLayer(q, []int{ep}, ef, 0)
	var live []cand
	for _, c := range found {
		if h.vs.live[c.i] {
			live = append(live, c)
			if len(live) == k {
				break
			}
		}
	}
	return h.vs.neighbors(live)
}

type maxHeap []cand

func (m maxHeap) Len() int           { return len(m) }
func (m maxHeap) Less(a, b int) bool { return m[a].s > m[b].s }
func (m maxHeap) Swap(a, b int)      { m[a], m[b] = m[b], m[a] }
func (m *maxHeap) Push(x any)        { *m = append(*m, x.(cand)) }
func (m *maxHeap) Pop() any {
	old := *m
	x := old[len(old)-1]
	*m = old[:len(old)-1]
	return x
}

// sortCands orders best first, ties by slot, so results are deterministic.
func sortCands(cs []cand) {
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].s != cs[b].s {
			return cs[a].s > cs[b].s
		}
		return cs[a].i < cs[b].i
	})
}
