package vector

import (
	"iter"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"

	"vitae"
)

// Options configure a Store. Zero values take the defaults.
type Options struct {
	Quantize     bool // search by int8 rows (a quarter of the bytes), re-scoring the best by float
	ANNThreshold int  // above this many vectors use HNSW; default 50000, <0 never
	HNSW         HNSWOptions
	Logger       *slog.Logger
}

// HNSWOptions tune the approximate index.
type HNSWOptions struct {
	M              int // links per node; default 16
	EfConstruction int // default 128
	EfSearch       int // 0 (default): follows the graph's size (EfSearchFor, ef.go)
}

func (o Options) withDefaults() Options {
	if o.ANNThreshold == 0 {
		o.ANNThreshold = 50000
	}
	if o.HNSW.M <= 0 {
		o.HNSW.M = 16
	}
	if o.HNSW.EfConstruction <= 0 {
		o.HNSW.EfConstruction = 128
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Meta is what filters look at, kept beside each vector so a filtered
// search needs no round trip to the records. The store only keeps it: the
// caller's keep function (Nearest) says what matches.
type Meta struct {
	Company, Role, Person, Section string
	Skills                         []string
	Period                         vitae.Period
}

// Entry is one vector to store: a bullet ID, its vector of unit length
// (Normalize) and its metadata.
type Entry struct {
	ID   string
	Vec  []float32
	Meta Meta
}

// Store holds every vector of one model, contiguous, for scanning, and
// the HNSW graph over them. Its rows live in memory (New) or in flat files
// mapped from an index directory (Open, disk.go). It is safe for
// concurrent use: searches run together; writes wait for them.
type Store struct {
	mu       sync.RWMutex
	opts     Options
	model    string
	dim      int
	ids      []string
	pos      map[string]int
	data     []float32 // float rows, len(ids)*dim: in memory or mapped
	q        []int8    // int8 rows when quantized, len(ids)*dim
	scale    []float32 // per-row dequantization scale
	sums     []uint32  // per-row CRC-32C of the float row: its identity and checksum
	meta     metaCols
	live     []bool // false once deleted (slots are reused lazily)
	nLive    int
	disk     *disk                // nil: rows in memory only
	dead     []int                // on disk: removed rows not yet zeroed (Wipe)
	checked  checked              // float rows whose checksum re-scoring verified (disk only)
	graph    atomic.Pointer[hnsw] // nil until built; see Nearest
	building atomic.Bool          // a background build is under way
	buildMu  sync.Mutex           // one build at a time
	builds   sync.WaitGroup       // background builds, waited for by Close
	closed   atomic.Bool          // stops a background build
}

// staleShare is how much of a graph may be removed or replaced vectors
// before it is rebuilt (in the background; the old graph serves meanwhile).
const staleShare = 4 // one in four

// New returns an empty store.
func New(opts Options) *Store {
	return &Store{opts: opts.withDefaults(), pos: map[string]int{}}
}

// Load fills a new store with n stored vectors of model, as read back
// from disk. A vector of another length than the first is skipped: a torn
// write from an older model, which the caller embeds again.
func (vs *Store) Load(model string, n int, entries iter.Seq[Entry]) {
	if vs.disk != nil {
		panic("vector: Load on a store on disk; use Attach and LoadRow")
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	vs.model = model
	for e := range entries {
		if vs.dim == 0 {
			vs.dim = len(e.Vec)
			vs.grow(n)
		}
		if len(e.Vec) == vs.dim {
			vs.add(e.ID, e.Vec, e.Meta)
		}
	}
}

// Put adds or replaces vectors of model. Callers check their lengths
// against Dim (any length for an empty store) and keep one model per store
// (Reset changes it).
func (vs *Store) Put(model string, entries []Entry) {
	if vs.disk != nil {
		panic("vector: Put on a store on disk; use Stage and Commit")
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	vs.model = model
	for _, e := range entries {
		if vs.dim == 0 {
			vs.dim = len(e.Vec)
		}
		vs.add(e.ID, e.Vec, e.Meta)
	}
}

// Remove drops the vectors of ids; unknown IDs are ignored.
func (vs *Store) Remove(ids []string) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	for _, id := range ids {
		if i, ok := vs.pos[id]; ok && vs.live[i] {
			vs.live[i] = false
			vs.nLive--
			if vs.disk != nil {
				vs.dead = append(vs.dead, i)
			}
			if h := vs.graph.Load(); h != nil && i < len(h.links) && h.links[i] != nil {
				h.stale++ // searches skip it; it still routes (a copy does not)
			}
		}
	}
}

// SetMeta replaces the metadata of the stored vectors among ms's IDs.
func (vs *Store) SetMeta(ms map[string]Meta) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	for id, m := range ms {
		if i, ok := vs.pos[id]; ok {
			vs.meta.set(i, m)
		}
	}
}

// Has reports whether id has a vector.
func (vs *Store) Has(id string) bool {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	i, ok := vs.pos[id]
	return ok && vs.live[i]
}

// Count is how many vectors are stored, and their model.
func (vs *Store) Count() (int, string) {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	return vs.nLive, vs.model
}

// Dim is the vectors' length, 0 while the store is empty of any.
func (vs *Store) Dim() int {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	return vs.dim
}

// Capacity is how many vectors the store holds room for without growing.
func (vs *Store) Capacity() int {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	if vs.dim == 0 {
		return 0
	}
	if vs.disk != nil {
		return len(vs.ids)
	}
	return cap(vs.data) / vs.dim
}

// Reset drops every vector and the graph, for a model change.
func (vs *Store) Reset(model string, dim int) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	vs.model, vs.dim = model, dim
	vs.ids, vs.pos, vs.data, vs.q, vs.scale, vs.sums, vs.live = nil, map[string]int{}, nil, nil, nil, nil, nil
	vs.meta.reset()
	vs.checked.reset()
	vs.nLive, vs.dead = 0, nil
	vs.graph.Store(nil)
}

// Reserve makes room for n more vectors in one allocation, so a bulk
// embed does not grow the store by doubling (a million 256-d vectors are
// 1 GiB; doubling could hold up to twice that, plus the old array while
// copying). It does nothing until the dimension is known.
func (vs *Store) Reserve(n int) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	vs.grow(n)
}

func (vs *Store) grow(n int) {
	if vs.dim == 0 || n <= 0 {
		return
	}
	if vs.disk == nil {
		if vs.opts.Quantize {
			vs.q = slices.Grow(vs.q, n*vs.dim)
			vs.scale = slices.Grow(vs.scale, n)
		}
		vs.data = slices.Grow(vs.data, n*vs.dim)
	}
	vs.ids = slices.Grow(vs.ids, n)
	vs.sums = slices.Grow(vs.sums, n)
	vs.meta.grow(n)
	vs.live = slices.Grow(vs.live, n)
}

// add appends or replaces a vector; callers hold mu (or own vs exclusively).
// vec is of unit length, as stored: normalising again on load could
// change its last bits, and the saved graph checks vectors bit for bit.
func (vs *Store) add(id string, vec []float32, m Meta) {
	if i, ok := vs.pos[id]; ok {
		h := vs.graph.Load()
		wasLive := vs.live[i]
		vs.meta.set(i, m)
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
	vs.meta.set(i, m)
	vs.live = append(vs.live, true)
	vs.nLive++
	vs.sums = append(vs.sums, 0)
	if vs.opts.Quantize {
		vs.q = extend(vs.q, vs.dim)
		vs.scale = append(vs.scale, 0)
	}
	vs.data = extend(vs.data, vs.dim)
	vs.set(i, vec)
	if h := vs.graph.Load(); h != nil {
		h.insert(i)
	}
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
