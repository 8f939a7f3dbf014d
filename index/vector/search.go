package vector

import (
	"container/heap"
	"context"
	"fmt"
	"runtime"
	"sync"

	"vitae"
)

// Neighbor is one bullet found by vector similarity.
type Neighbor struct {
	ID    string
	Score float32 // cosine similarity
}

// Nearest returns the k vectors most similar to vec (cosine) whose
// metadata keep accepts (keep nil: all). Above the ANN threshold and
// without keep it searches the HNSW graph, starting its build in the
// background when there is none (or a stale one); otherwise it scans every
// vector exactly, in parallel over the cores. A query of the wrong length
// is EINVALID; a ctx that ends during the scan returns ctx.Err().
func (vs *Store) Nearest(ctx context.Context, vec []float32, k int, keep func(*Meta) bool) ([]Neighbor, error) {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	if vs.dim != 0 && len(vec) != vs.dim {
		return nil, vitae.Errorf(vitae.EINVALID, "query vector has %d dimensions, the index %d", len(vec), vs.dim)
	}
	q := Normalize(vec)
	if keep == nil && vs.annWanted() {
		h := vs.graph.Load()
		if h == nil || h.stale > vs.nLive/staleShare {
			vs.startBuild()
		}
		if h != nil {
			return h.search(q, k, max(vs.opts.HNSW.EfSearchFor(vs.nLive), k))
		}
	}
	return vs.scan(ctx, q, k, keep, vs.opts.Quantize)
}

// NearestExact always scans the float rows (of a quantized store too):
// the reference recall is measured against.
func (vs *Store) NearestExact(ctx context.Context, vec []float32, k int) ([]Neighbor, error) {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	ns, err := vs.scan(ctx, Normalize(vec), k, nil, false)
	if vs.opts.Quantize && vs.disk != nil && vs.disk.f32 != nil {
		vs.disk.f32.release() // it read every float row; searches read few
	}
	return ns, err
}

// Approximate reports whether unfiltered searches use the HNSW graph now
// (false below the threshold, or while the graph is being built).
func (vs *Store) Approximate() bool { return vs.graph.Load() != nil }

func (vs *Store) annWanted() bool {
	return vs.opts.ANNThreshold > 0 && vs.nLive > vs.opts.ANNThreshold
}

// BuildANN builds the approximate (HNSW) graph now if the store is above
// its threshold and has none, or a stale one, and waits for it; it gives
// up when ctx ends. Searches start the same build in the background and
// scan exactly until it is done; this is for callers that want the graph
// ready (indexing, benchmarks, tests).
func (vs *Store) BuildANN(ctx context.Context) error {
	vs.mu.RLock()
	want := vs.annWanted()
	vs.mu.RUnlock()
	if want {
		vs.ensureGraph(func() bool { return vs.closed.Load() || ctx.Err() != nil })
	}
	return ctx.Err()
}

// startBuild builds the graph in the background unless a build is under
// way; callers hold the read lock.
func (vs *Store) startBuild() {
	if vs.closed.Load() || !vs.building.CompareAndSwap(false, true) {
		return
	}
	vs.builds.Add(1)
	go func() {
		defer vs.builds.Done()
		defer vs.building.Store(false)
		vs.ensureGraph(vs.closed.Load)
	}()
}

// ensureGraph builds and publishes a graph unless a fresh one exists. It
// holds the read lock throughout, so the vectors stay put while searches
// go on (by exact scan); writers wait for it. It gives up when stop
// reports true.
func (vs *Store) ensureGraph(stop func() bool) {
	vs.buildMu.Lock()
	defer vs.buildMu.Unlock()
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	if h := vs.graph.Load(); h != nil && h.stale <= vs.nLive/staleShare {
		return
	}
	if h := vs.buildGraph(stop); h != nil {
		vs.graph.Store(h)
	}
	if vs.opts.Quantize && vs.disk != nil && vs.disk.f32 != nil {
		// The build read every float row; searches read few of them.
		vs.disk.f32.release()
	}
}

// Close stops a background build and waits for it. The store still
// answers and saves its graph (SaveGraph) after, but builds no more.
func (vs *Store) Close() {
	vs.closed.Store(true)
	vs.builds.Wait()
}

// scan scores every live row kept by keep, by the int8 rows when byInt8
// (re-scoring the best by float), else by the float rows.
func (vs *Store) scan(ctx context.Context, q []float32, k int, keep func(*Meta) bool, byInt8 bool) ([]Neighbor, error) {
	n := len(vs.ids)
	if n == 0 || k <= 0 {
		return nil, nil
	}
	var qq []int8
	var qs float32
	if byInt8 {
		qq, qs = vs.quantizeQuery(q)
	}
	want := k
	if qq != nil {
		want = rescoreDepth(k)
	}
	shards := runtime.GOMAXPROCS(0)
	if n < 4096 {
		shards = 1
	}
	per := (n + shards - 1) / shards
	results := make([]topK, shards)
	var wg sync.WaitGroup
	for s := 0; s < shards; s++ {
		lo, hi := s*per, min((s+1)*per, n)
		wg.Add(1)
		go func(s, lo, hi int) {
			defer wg.Done()
			t := topK{k: want}
			var m Meta
			for i := lo; i < hi; i++ {
				if !vs.live[i] {
					continue
				}
				if keep != nil {
					if vs.meta.get(i, &m); !keep(&m) {
						continue
					}
				}
				t.push(i, vs.dot(i, q, qq, qs))
			}
			results[s] = t
		}(s, lo, hi)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	all := topK{k: want}
	for _, r := range results {
		for _, c := range r.items {
			all.push(c.i, c.s)
		}
	}
	best := all.sorted()
	if qq != nil {
		var err error
		if best, err = vs.rescore(best, q, k); err != nil {
			return nil, err
		}
	}
	return vs.neighbors(best), nil
}

// rescoreDepth is how many int8 candidates are re-scored by their float
// rows for k results: int8 scores err by ~1e-3, enough to swap close
// neighbours at the k-th place, rarely to push a true one far below it.
func rescoreDepth(k int) int { return k + max(k/2, 32) }

// preadFrom is the float file size from which re-scoring reads its rows
// with a read instead of through the mapping. Through the mapping, each
// row read can map 64 KiB of cached pages (MADV_RANDOM stops read-ahead,
// not the kernel's fault-around), so a large file's pages had to be
// dropped again every 4,096 rows re-scored and the next searches faulted
// them back in: at 1M (977 MB of float rows) 16% of an HTTP hybrid
// search's CPU, the drop a third of it (BENCHMARKS.md, "1M, stop 17").
// A read copies one row from the page cache and adds nothing to the
// resident set. A smaller file (100 MB at 100k vectors of 256) stays
// mapped: resident once read, its rows cost no system call.
var preadFrom = 256 << 20 // a variable for tests

// rescore scores cs by their float rows (checked against their checksums
// when mapped from disk, once per process: checked.go) and keeps the best k.
func (vs *Store) rescore(cs []cand, q []float32, k int) ([]cand, error) {
	var f32 *rowFile // rows read, not mapped (preadFrom)
	var buf []float32
	if d := vs.disk; d != nil && d.f32 != nil && len(vs.data)*4 > preadFrom { // vs.data, not d.f32.rows: a Stage writes that without vs.mu
		f32, buf = d.f32, make([]float32, vs.dim)
	}
	for j := range cs {
		i := cs[j].i
		row := vs.vector(i)
		if f32 != nil {
			if err := f32.readRow(i, floatBytes(buf)); err != nil {
				return nil, vitae.Wrap(vitae.EUNAVAILABLE, err, "a vector file of the index cannot be read")
			}
			row = buf
		}
		if vs.disk != nil && !vs.checked.has(i) {
			if checksum(floatBytes(row)) != vs.sums[i] {
				return nil, vitae.Wrap(vitae.EUNAVAILABLE, fmt.Errorf("%w: %s row %d fails its checksum", ErrDamaged, FloatFile, i),
					"a vector file of the index is damaged; rebuild the index with `vitae index --rebuild`")
			}
			vs.checked.mark(i)
		}
		cs[j].s = dotF32(row, q)
	}
	sortCands(cs)
	return cs[:min(k, len(cs))], nil
}

func (vs *Store) neighbors(cs []cand) []Neighbor {
	out := make([]Neighbor, len(cs))
	for i, c := range cs {
		out[i] = Neighbor{ID: vs.ids[c.i], Score: c.s}
	}
	return out
}

// cand is a slot and its similarity.
type cand struct {
	i int
	s float32
}

// topK keeps the k best candidates in a min-heap.
type topK struct {
	k     int
	items []cand
}

func (t *topK) Len() int           { return len(t.items) }
func (t *topK) Less(a, b int) bool { return t.items[a].s < t.items[b].s }
func (t *topK) Swap(a, b int)      { t.items[a], t.items[b] = t.items[b], t.items[a] }
func (t *topK) Push(x any)         { t.items = append(t.items, x.(cand)) }
func (t *topK) Pop() any {
	x := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return x
}

func (t *topK) push(i int, s float32) {
	if len(t.items) < t.k {
		heap.Push(t, cand{i, s})
		return
	}
	if s > t.items[0].s {
		t.items[0] = cand{i, s}
		heap.Fix(t, 0)
	}
}

// sorted returns the candidates best first (ties by slot for determinism).
func (t *topK) sorted() []cand {
	out := append([]cand(nil), t.items...)
	sortCands(out)
	return out
}
