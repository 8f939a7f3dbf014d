package index

import (
	"container/heap"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// vecMeta is what vector filters look at, kept beside each vector so
// filtered kNN needs no bleve round trip.
type vecMeta struct {
	company, role, person, section string // lower-cased
	skills                         []string
	start, end                     string // "YYYY-MM" / "YYYY"; end "" = open
}

// vectorStore holds every vector in memory, contiguous, for scanning.
type vectorStore struct {
	mu       sync.RWMutex
	opts     Options
	model    string
	dim      int
	ids      []string
	pos      map[string]int
	data     []float32 // len(ids)*dim; unused when quantized
	q        []int8    // quantized copy, len(ids)*dim
	scale    []float32 // per-vector dequantization scale
	meta     []vecMeta
	live     []bool // false once deleted (slots are reused lazily)
	nLive    int
	graph    atomic.Pointer[hnsw] // nil until built; see Nearest
	building atomic.Bool          // a background build is under way
	buildMu  sync.Mutex           // one build at a time
	builds   sync.WaitGroup       // background builds, waited for by close
	closed   atomic.Bool          // stops a background build
}

// staleShare is how much of a graph may be removed or replaced vectors
// before it is rebuilt (in the background; the old graph serves meanwhile).
const staleShare = 4 // one in four

func loadVectors(db *bolt.DB, opts Options) (*vectorStore, error) {
	vs := &vectorStore{opts: opts, pos: map[string]int{}}
	err := db.View(func(tx *bolt.Tx) error {
		vs.model = string(tx.Bucket(bucketMeta).Get([]byte("model")))
		bb, vb := tx.Bucket(bucketBullets), tx.Bucket(bucketVectors)
		n := vb.Stats().KeyN
		return vb.ForEach(func(k, v []byte) error {
			vec := decodeVec(v)
			if vs.dim == 0 {
				vs.dim = len(vec)
				vs.reserve(n)
			}
			if len(vec) != vs.dim {
				return nil // a torn write from an old model: SyncVectors redoes it
			}
			var b vitae.Bullet
			if data := bb.Get(k); data == nil || json.Unmarshal(data, &b) != nil {
				return nil // vector of a deleted bullet
			}
			vs.add(string(k), vec, metaOf(b))
			return nil
		})
	})
	return vs, err
}

func metaOf(b vitae.Bullet) vecMeta {
	m := vecMeta{company: strings.ToLower(b.Company), role: strings.ToLower(b.Role), person: strings.ToLower(b.Person),
		section: b.Section, start: b.Start, end: b.End}
	for _, s := range b.Skills {
		m.skills = append(m.skills, strings.ToLower(s))
	}
	return m
}

func encodeVec(v []float32) []byte {
	out := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(f))
	}
	return out
}

func decodeVec(b []byte) []float32 {
	out := make([]float32, len(b)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

func normalize(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if s == 0 {
		return out
	}
	inv := float32(1 / math.Sqrt(s))
	for i, x := range v {
		out[i] = x * inv
	}
	return out
}

// add appends or replaces a vector; callers hold mu (or own vs exclusively).
// vec is of unit length, as stored: normalising again on load could
// change its last bits, and the saved graph checks vectors bit for bit.
func (vs *vectorStore) add(id string, vec []float32, m vecMeta) {
	if i, ok := vs.pos[id]; ok {
		h := vs.graph.Load()
		wasLive := vs.live[i]
		vs.meta[i] = m
		if !wasLive {
			vs.live[i] = true
			vs.nLive++
		}
		if vs.rowEquals(i, vec) && (h == nil || h.inGraph(i)) {
			// The same vector again (a résumé deleted and indexed anew):
			// the graph still holds it; a node's removal is undone.
			if h != nil && !wasLive && h.into[i] < 0 && h.stale > 0 {
				h.stale--
			}
			return
		}
		vs.set(i, vec)
		if h != nil {
			if wasLive && h.into[i] < 0 && h.links[i] != nil {
				h.stale++ // its old place lingers in other nodes' links (a removal counted already)
			}
			h.insert(i)
		}
		return
	}
	i := len(vs.ids)
	vs.ids = append(vs.ids, id)
	vs.pos[id] = i
	vs.meta = append(vs.meta, m)
	vs.live = append(vs.live, true)
	vs.nLive++
	if vs.opts.Quantize {
		vs.q = extend(vs.q, vs.dim)
		vs.scale = append(vs.scale, 0)
	} else {
		vs.data = extend(vs.data, vs.dim)
	}
	vs.set(i, vec)
	if h := vs.graph.Load(); h != nil {
		h.insert(i)
	}
}

// reserve makes room for n more vectors in one allocation, so a bulk
// embed does not grow the store by doubling (a million 256-d vectors are
// 1 GiB; doubling could hold up to twice that, plus the old array while
// copying).
func (vs *vectorStore) reserve(n int) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if vs.dim == 0 || n <= 0 {
		return
	}
	if vs.opts.Quantize {
		vs.q = slices.Grow(vs.q, n*vs.dim)
		vs.scale = slices.Grow(vs.scale, n)
	} else {
		vs.data = slices.Grow(vs.data, n*vs.dim)
	}
	vs.ids = slices.Grow(vs.ids, n)
	vs.meta = slices.Grow(vs.meta, n)
	vs.live = slices.Grow(vs.live, n)
}

// extend lengthens s by n zero values. When full it doubles a small store
// (append grows big slices by a quarter, copying a growing store over and
// over) but grows a big one by an eighth: doubling 1 GiB of vectors for one
// upload would hold 3 GiB while copying. Bulk loads reserve up front.
func extend[T int8 | float32](s []T, n int) []T {
	if cap(s)-len(s) < n {
		grow := len(s)
		if len(s) > 1<<24 { // 64 MiB of float32
			grow = len(s) / 8
		}
		s = slices.Grow(s, max(n, grow))
	}
	return s[:len(s)+n]
}

func (vs *vectorStore) set(i int, vec []float32) {
	if !vs.opts.Quantize {
		copy(vs.data[i*vs.dim:(i+1)*vs.dim], vec)
		return
	}
	vs.scale[i] = quantize(vs.q[i*vs.dim:(i+1)*vs.dim], vec)
}

// quantize writes vec as int8 into row and returns the scale back.
func quantize(row []int8, vec []float32) float32 {
	var max float32
	for _, x := range vec {
		if a := float32(math.Abs(float64(x))); a > max {
			max = a
		}
	}
	scale := max / 127
	if scale == 0 {
		scale = 1
	}
	for j, x := range vec {
		row[j] = int8(math.Round(float64(x / scale)))
	}
	return scale
}

// rowEquals reports whether slot i holds vec, as it would be stored.
func (vs *vectorStore) rowEquals(i int, vec []float32) bool {
	if !vs.opts.Quantize {
		return slices.Equal(vs.data[i*vs.dim:(i+1)*vs.dim], vec)
	}
	row := make([]int8, vs.dim)
	return quantize(row, vec) == vs.scale[i] && slices.Equal(row, vs.q[i*vs.dim:(i+1)*vs.dim])
}

// vector returns slot i as float32 (dequantized when needed).
func (vs *vectorStore) vector(i int) []float32 {
	if !vs.opts.Quantize {
		return vs.data[i*vs.dim : (i+1)*vs.dim]
	}
	out := make([]float32, vs.dim)
	row := vs.q[i*vs.dim : (i+1)*vs.dim]
	for j, x := range row {
		out[j] = float32(x) * vs.scale[i]
	}
	return out
}

// dot is slot i's similarity to q; a quantized store compares int8 rows
// with qq (q quantized, scale qs) when given, else dequantizes row by row.
func (vs *vectorStore) dot(i int, q []float32, qq []int8, qs float32) float32 {
	if !vs.opts.Quantize {
		return dotF32(vs.data[i*vs.dim:(i+1)*vs.dim], q)
	}
	row := vs.q[i*vs.dim : (i+1)*vs.dim]
	if qq == nil {
		var s float32
		for j, x := range row {
			s += float32(x) * q[j]
		}
		return s * vs.scale[i]
	}
	var s int32
	for j := range row {
		s += int32(row[j]) * int32(qq[j])
	}
	return float32(s) * vs.scale[i] * qs
}

// rowKey hashes slot i's stored row, to find identical vectors.
func (vs *vectorStore) rowKey(i int) uint64 {
	h := uint64(14695981039346656037)
	mix := func(x uint32) { h = (h ^ uint64(x)) * 1099511628211 }
	if !vs.opts.Quantize {
		for _, x := range vs.data[i*vs.dim : (i+1)*vs.dim] {
			mix(math.Float32bits(x))
		}
		return h
	}
	for _, x := range vs.q[i*vs.dim : (i+1)*vs.dim] {
		mix(uint32(uint8(x)))
	}
	mix(math.Float32bits(vs.scale[i]))
	return h
}

// sameRow reports whether slots i and j hold the same vector.
func (vs *vectorStore) sameRow(i, j int) bool {
	if !vs.opts.Quantize {
		return slices.Equal(vs.data[i*vs.dim:(i+1)*vs.dim], vs.data[j*vs.dim:(j+1)*vs.dim])
	}
	return vs.scale[i] == vs.scale[j] && slices.Equal(vs.q[i*vs.dim:(i+1)*vs.dim], vs.q[j*vs.dim:(j+1)*vs.dim])
}

// dotF32 is the dot product of two vectors of equal length. It dominates
// kNN and HNSW construction: on x86-64 with AVX2 it runs in assembly, 32
// floats a step (dot_amd64.s); elsewhere in Go, in four independent sums
// so the CPU overlaps the multiply-adds (twice one running sum).
func dotF32(a, b []float32) float32 {
	b = b[:len(a)]
	if useAVX2 {
		return dotAVX2(a, b)
	}
	return dotGo(a, b)
}

func dotGo(a, b []float32) float32 {
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		aa, bb := a[i:i+4:i+4], b[i:i+4:i+4]
		s0 += aa[0] * bb[0]
		s1 += aa[1] * bb[1]
		s2 += aa[2] * bb[2]
		s3 += aa[3] * bb[3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func (vs *vectorStore) remove(ids []string) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	for _, id := range ids {
		if i, ok := vs.pos[id]; ok && vs.live[i] {
			vs.live[i] = false
			vs.nLive--
			if h := vs.graph.Load(); h != nil && i < len(h.links) && h.links[i] != nil {
				h.stale++ // searches skip it; it still routes (a copy does not)
			}
		}
	}
}

func (vs *vectorStore) updateMeta(bs []vitae.Bullet) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	for _, b := range bs {
		if i, ok := vs.pos[b.ID]; ok {
			vs.meta[i] = metaOf(b)
		}
	}
}

func (vs *vectorStore) has(id string) bool {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	i, ok := vs.pos[id]
	return ok && vs.live[i]
}

func (vs *vectorStore) count() (int, string) {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	return vs.nLive, vs.model
}

// reset drops every vector (model change).
func (vs *vectorStore) reset(model string, dim int) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	vs.model, vs.dim = model, dim
	vs.ids, vs.pos, vs.data, vs.q, vs.scale, vs.meta, vs.live = nil, map[string]int{}, nil, nil, nil, nil, nil
	vs.nLive = 0
	vs.graph.Store(nil)
}

// matches applies filters to a vector's metadata, the same semantics as
// the bleve filter: any listed value matches, date periods overlap.
func (m *vecMeta) matches(f *compiledFilter) bool {
	if f == nil {
		return true
	}
	in := func(v string, set map[string]bool) bool { return len(set) == 0 || set[v] }
	if !in(m.company, f.company) || !in(m.role, f.role) || !in(m.person, f.person) || !in(m.section, f.section) {
		return false
	}
	if len(f.skill) > 0 {
		ok := false
		for _, s := range m.skills {
			if f.skill[s] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if f.since != "" || f.until != "" {
		if m.start == "" {
			return false // undated: cannot be shown to overlap
		}
		end := periodHi(m.end)
		if m.end == "" {
			end = "9999-12"
		}
		if f.since != "" && end < periodLo(f.since) {
			return false
		}
		if f.until != "" && periodLo(m.start) > periodHi(f.until) {
			return false
		}
	}
	return true
}

// periodLo and periodHi widen "YYYY" to its first and last month, so
// "YYYY-MM" strings compare in time order.
func periodLo(d string) string {
	if len(d) == 4 {
		return d + "-01"
	}
	return d
}

func periodHi(d string) string {
	if len(d) == 4 {
		return d + "-12"
	}
	return d
}

type compiledFilter struct {
	company, role, person, section, skill map[string]bool
	since, until                          string
}

func compileFilter(f vitae.Filters) (*compiledFilter, error) {
	if _, _, err := parseRange(f); err != nil {
		return nil, err
	}
	set := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			if x = strings.TrimSpace(x); x != "" {
				m[strings.ToLower(x)] = true
			}
		}
		return m
	}
	c := &compiledFilter{company: set(f.Company), role: set(f.Role), person: set(f.Person), section: set(f.Section), skill: set(f.Skill), since: f.Since, until: f.Until}
	if len(c.company)+len(c.role)+len(c.person)+len(c.section)+len(c.skill) == 0 && c.since == "" && c.until == "" {
		return nil, nil
	}
	return c, nil
}

// Nearest returns the k bullets most similar to vec (cosine), filtered.
// Above the ANN threshold and without filters it searches the HNSW graph;
// otherwise it scans every vector exactly, in parallel over the cores.
func (ix *Index) Nearest(ctx context.Context, vec []float32, k int, f vitae.Filters) ([]Neighbor, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	cf, err := compileFilter(f)
	if err != nil {
		return nil, err
	}
	vs := ix.vec
	vs.mu.RLock()
	if vs.dim != 0 && len(vec) != vs.dim {
		vs.mu.RUnlock()
		return nil, vitae.Errorf(vitae.EINVALID, "query vector has %d dimensions, the index %d", len(vec), vs.dim)
	}
	defer vs.mu.RUnlock()
	q := normalize(vec)
	if cf == nil && ix.annWanted(vs) {
		h := vs.graph.Load()
		if h == nil || h.stale > vs.nLive/staleShare {
			vs.startBuild()
		}
		if h != nil {
			return h.search(q, k, max(ix.opts.HNSW.EfSearch, k)), nil
		}
	}
	return vs.exact(ctx, q, k, cf)
}

func (ix *Index) annWanted(vs *vectorStore) bool {
	return ix.opts.ANNThreshold > 0 && vs.nLive > ix.opts.ANNThreshold
}

// BuildANN builds the approximate (HNSW) graph now if the index is above
// its threshold and has none, or a stale one, and waits for it; it gives
// up when ctx ends. Searches start the same build in the background and
// scan exactly until it is done; this is for callers that want the graph
// ready (indexing, benchmarks, tests). The graph is saved on Close.
func (ix *Index) BuildANN(ctx context.Context) error {
	vs := ix.vec
	vs.mu.RLock()
	want := ix.annWanted(vs)
	vs.mu.RUnlock()
	if want {
		vs.ensureGraph(func() bool { return vs.closed.Load() || ctx.Err() != nil })
	}
	return ctx.Err()
}

// startBuild builds the graph in the background unless a build is under
// way; callers hold the read lock.
func (vs *vectorStore) startBuild() {
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
func (vs *vectorStore) ensureGraph(stop func() bool) {
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
}

// close stops a background build and waits for it.
func (vs *vectorStore) close() {
	vs.closed.Store(true)
	vs.builds.Wait()
}

// NearestExact always scans; for recall measurements against HNSW.
func (ix *Index) NearestExact(ctx context.Context, vec []float32, k int) ([]Neighbor, error) {
	ix.vec.mu.RLock()
	defer ix.vec.mu.RUnlock()
	return ix.vec.exact(ctx, normalize(vec), k, nil)
}

func (vs *vectorStore) quantizeQuery(q []float32) ([]int8, float32) {
	if !vs.opts.Quantize {
		return nil, 0
	}
	var max float32
	for _, x := range q {
		if a := float32(math.Abs(float64(x))); a > max {
			max = a
		}
	}
	s := max / 127
	if s == 0 {
		s = 1
	}
	out := make([]int8, len(q))
	for i, x := range q {
		out[i] = int8(math.Round(float64(x / s)))
	}
	return out, s
}

func (vs *vectorStore) exact(ctx context.Context, q []float32, k int, cf *compiledFilter) ([]Neighbor, error) {
	n := len(vs.ids)
	if n == 0 || k <= 0 {
		return nil, nil
	}
	qq, qs := vs.quantizeQuery(q)
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
			t := topK{k: k}
			for i := lo; i < hi; i++ {
				if !vs.live[i] || (cf != nil && !vs.meta[i].matches(cf)) {
					continue
				}
				t.push(i, vs.dot(i, q, qq, qs))
			}
			results[s] = t
		}(s, lo, hi)
	}
	wg.Wait()
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	all := topK{k: k}
	for _, r := range results {
		for _, c := range r.items {
			all.push(c.i, c.s)
		}
	}
	return vs.neighbors(all.sorted()), nil
}

func (vs *vectorStore) neighbors(cs []cand) []Neighbor {
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

// PutVectors stores vectors for bullets under a model identity. Vectors
// of another model are never mixed in: a different model is refused.
func (ix *Index) PutVectors(ids []string, vecs [][]float32, model string) error {
	if len(ids) != len(vecs) {
		return fmt.Errorf("put vectors: %d ids, %d vectors", len(ids), len(vecs))
	}
	if len(ids) == 0 {
		return nil
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	vs := ix.vec
	vs.mu.RLock()
	curModel, dim := vs.model, vs.dim
	vs.mu.RUnlock()
	if curModel != "" && curModel != model && vs.nLive > 0 {
		return vitae.Errorf(vitae.EINVALID, "vectors of model %q cannot join an index of model %q", model, curModel)
	}
	for i, v := range vecs {
		if dim == 0 {
			dim = len(v)
		}
		if len(v) != dim || dim == 0 {
			return vitae.Errorf(vitae.EINVALID, "vector %s has %d dimensions, want %d", ids[i], len(v), dim)
		}
	}
	bullets := map[string]vitae.Bullet{}
	unit := make([][]float32, len(vecs))
	err := ix.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put([]byte("model"), []byte(model)); err != nil {
			return err
		}
		vb, bb := tx.Bucket(bucketVectors), tx.Bucket(bucketBullets)
		for i, id := range ids {
			data := bb.Get([]byte(id))
			if data == nil {
				continue // deleted meanwhile
			}
			var b vitae.Bullet
			if err := json.Unmarshal(data, &b); err != nil {
				return err
			}
			bullets[id] = b
			unit[i] = normalize(vecs[i])
			if err := vb.Put([]byte(id), encodeVec(unit[i])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("put vectors: %w", err)
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	vs.model, vs.dim = model, dim
	for i, id := range ids {
		if b, ok := bullets[id]; ok {
			vs.add(id, unit[i], metaOf(b))
		}
	}
	return nil
}

// VectorModel is the identity of the model the stored vectors came from.
func (ix *Index) VectorModel() string {
	_, m := ix.vec.count()
	return m
}

// SyncVectors embeds every bullet that lacks a vector. If e is another
// model than the stored vectors', every vector is dropped first and all
// bullets are re-embedded: vectors of two models are never mixed. On an
// embedder error it returns how many were done and the error; the rest
// stay keyword-searchable and a later call back-fills them.
func (ix *Index) SyncVectors(ctx context.Context, e vitae.Embedder, progress func(done, total int)) (int, error) {
	if e == nil {
		return 0, nil
	}
	if m := ix.VectorModel(); m != "" && m != e.Model() {
		ix.opts.Logger.Info("embedding model changed: re-embedding every bullet", "from", m, "to", e.Model())
		if err := ix.dropVectors(); err != nil {
			return 0, err
		}
	}
	var ids, texts []string
	if err := ix.Texts(ctx, func(id, text string) error {
		if !ix.vec.has(id) {
			ids = append(ids, id)
			texts = append(texts, text)
		}
		return nil
	}); err != nil {
		return 0, err
	}
	ix.vec.reserve(len(ids)) // a no-op until the dimension is known
	const batch = 256
	done := 0
	if progress != nil {
		progress(0, len(ids))
	}
	for lo := 0; lo < len(ids); lo += batch {
		hi := min(lo+batch, len(ids))
		vecs, err := e.Embed(ctx, texts[lo:hi], vitae.InputDocument)
		if err != nil {
			return done, fmt.Errorf("embed bullets: %w", err)
		}
		if err := ix.PutVectors(ids[lo:hi], vecs, e.Model()); err != nil {
			return done, err
		}
		if lo == 0 {
			ix.vec.reserve(len(ids) - hi) // the dimension may be known only now
		}
		done += hi - lo
		if progress != nil {
			progress(done, len(ids))
		}
	}
	return done, nil
}

func (ix *Index) dropVectors() error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	err := ix.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketVectors); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketVectors); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete([]byte("model"))
	})
	if err != nil {
		return fmt.Errorf("drop vectors: %w", err)
	}
	ix.vec.reset("", 0)
	return nil
}
