package vector

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"
)

// The HNSW graph is saved beside the vectors when the index closes, so a
// restart does not rebuild it (at a million vectors that is minutes of
// exact-scan searches). The file names each slot by bullet ID and a hash
// of its vector: it is used only if it describes exactly the vectors
// loaded, whatever happened to the index since, and rebuilt otherwise.
// Deleted slots are not saved (their vectors are gone on reload): links
// to them are dropped, a deleted node's first live copy takes its place,
// and the graph keeps its stale count, so it is rebuilt as it would have
// been without the restart.

const (
	// GraphFileName is the graph file's name in an index directory.
	GraphFileName = "hnsw.graph"
	graphMagic    = "vitae-hnsw-2\n" // 2: rows named by their CRC-32C
)

var errGraphStale = errors.New("graph file does not match the vectors")

// SaveGraph writes the published graph to path (atomically, by rename)
// unless the file already holds it, or removes path when there is none.
func (vs *Store) SaveGraph(path string) error {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	h := vs.graph.Load()
	if h != nil && h.stale == 0 && !h.dirty {
		return nil // the file on disk is this graph
	}
	if h == nil || h.entry < 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), GraphFileName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	crc := crc32.NewIEEE()
	w := bufio.NewWriterSize(io.MultiWriter(tmp, crc), 1<<20)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { w.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); w.WriteString(s) }

	// A deleted node that still carries live copies is written as its
	// first live copy (the same vector, so the same place in the graph).
	heir := map[int32]int32{}
	for node, ts := range h.twins {
		if !vs.live[node] {
			for _, t := range ts {
				if vs.live[t] {
					heir[node] = t
					break
				}
			}
		}
	}
	name := func(n int32) uint64 {
		if a, ok := heir[n]; ok {
			return uint64(a)
		}
		return uint64(n)
	}
	entry, top := h.entry, h.top
	if _, ok := heir[int32(entry)]; !ok && !vs.live[entry] {
		// A deleted entry: the live node on the highest layer enters.
		entry = -1
		for i, layers := range h.links {
			if vs.live[i] && layers != nil && (entry < 0 || len(layers) > len(h.links[entry])) {
				entry = i
			}
		}
		if entry < 0 { // every node deleted: nothing worth saving
			tmp.Close()
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			return nil
		}
		top = len(h.links[entry]) - 1
	}
	w.WriteString(graphMagic)
	str(vs.model)
	for _, x := range []int{vs.dim, h.m, h.efC, len(h.links), top, h.stale} {
		uv(uint64(x))
	}
	uv(name(int32(entry)))
	for i, layers := range h.links {
		if !vs.live[i] {
			uv(0) // empty ID: a deleted slot
			continue
		}
		str(vs.ids[i])
		binary.LittleEndian.PutUint64(buf[:8], vs.rowKey(i))
		w.Write(buf[:8])
		into := h.into[i]
		if a, ok := heir[into]; ok {
			if a == int32(i) {
				layers = h.links[into] // this copy stands in for its deleted node
				into = -1
			} else {
				into = a
			}
		}
		uv(uint64(into + 1)) // 0: a node
		uv(uint64(len(layers)))
		for _, ns := range layers {
			uv(uint64(len(ns)))
			for _, n := range ns {
				uv(name(n))
			}
		}
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	binary.LittleEndian.PutUint32(buf[:4], crc.Sum32())
	if _, err := tmp.Write(buf[:4]); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	h.dirty = false
	return nil
}

// LoadGraph reads a graph saved by SaveGraph and publishes it if it covers
// exactly the live vectors, slot by slot (IDs and vector hashes), built
// with the same M and efConstruction; a store at or below its threshold
// leaves the file alone (SaveGraph then removes it). A missing file wraps
// fs.ErrNotExist. Callers own vs exclusively (a store just loaded).
func (vs *Store) LoadGraph(path string) error {
	if !vs.annWanted() {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	start := time.Now()
	if len(data) < len(graphMagic)+4 || string(data[:len(graphMagic)]) != graphMagic {
		return fmt.Errorf("%s: not a graph file", path)
	}
	body := data[:len(data)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return fmt.Errorf("%s: checksum mismatch (torn or corrupt)", path)
	}
	r := &graphReader{b: body[len(graphMagic):]}
	model := r.str()
	dim, m, efC, slots, top, stale, entry := r.int(), r.int(), r.int(), r.int(), r.int(), r.int(), r.int()
	o := vs.opts.HNSW
	if r.err != nil || model != vs.model || dim != vs.dim || m != o.M || efC != o.EfConstruction || slots > len(r.b) {
		return errGraphStale
	}
	h := newHNSW(vs, o)
	h.links = make([][][]int32, len(vs.ids))
	h.into = make([]int32, len(vs.ids))
	for i := range h.into {
		h.into[i] = -1
	}
	slotOf := make([]int32, slots) // saved slot → loaded slot
	type saved struct {
		slot  int32
		into  int
		links [][]int32
	}
	nodes := make([]saved, 0, min(slots, len(vs.ids)))
	var lists int32Slab
	covered := 0
	for i := range slots {
		slotOf[i] = -1
		id := r.bytes()
		if len(id) == 0 {
			continue
		}
		key := r.u64()
		into := r.int() - 1
		levels := r.int()
		if r.err != nil || levels > 64 || (into < 0) != (levels > 0) {
			return fmt.Errorf("%s: %w", path, errGraphStale)
		}
		// A slot keeps its row across a save and a load unless rows were
		// cut off: compare the ID there before hashing it.
		j, ok := i, i < len(vs.ids) && vs.ids[i] == string(id)
		if !ok {
			j, ok = vs.pos[string(id)]
		}
		if !ok || !vs.live[j] || vs.rowKey(j) != key || h.into[j] != -1 || h.links[j] != nil {
			return errGraphStale
		}
		slotOf[i] = int32(j)
		covered++
		var layers [][]int32
		if levels > 0 {
			layers = make([][]int32, levels)
			for l := range layers {
				n := r.int()
				if r.err != nil || n > len(r.b) {
					return fmt.Errorf("%s: %w", path, errGraphStale)
				}
				ns := lists.take(n, max(n, h.m0)+1)
				for k := range ns {
					v := r.int()
					if v >= slots {
						return fmt.Errorf("%s: %w", path, errGraphStale)
					}
					ns[k] = int32(v)
				}
				layers[l] = ns
			}
			h.links[j] = layers // marks the slot taken; remapped below
		}
		h.into[j] = -2 // taken; the real value is set below
		nodes = append(nodes, saved{int32(j), into, layers})
	}
	if r.err != nil || covered != vs.nLive {
		return errGraphStale
	}
	remap := func(s int) (int32, bool) {
		if s < 0 || s >= slots || slotOf[s] < 0 {
			return 0, false
		}
		return slotOf[s], true
	}
	for _, nd := range nodes {
		h.into[nd.slot] = -1
		if nd.into >= 0 {
			j, ok := remap(nd.into)
			if !ok {
				return errGraphStale
			}
			h.fold(int(nd.slot), int(j))
		}
		for l, ns := range nd.links {
			kept := ns[:0]
			for _, n := range ns {
				if j, ok := remap(int(n)); ok {
					kept = append(kept, j) // links to deleted slots are dropped
				}
			}
			nd.links[l] = kept
		}
	}
	ep, ok := remap(entry)
	if !ok || h.links[ep] == nil || top != len(h.links[ep])-1 {
		return errGraphStale
	}
	h.entry, h.top, h.stale = int(ep), top, stale
	vs.graph.Store(h)
	vs.opts.Logger.Info("loaded approximate vector index", "vectors", covered, "seconds", time.Since(start).Seconds())
	return nil
}

// graphReader decodes the file's varints; the first error sticks.
type graphReader struct {
	b   []byte
	err error
}

func (r *graphReader) u64() uint64 {
	if r.err != nil || len(r.b) < 8 {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	x := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return x
}

func (r *graphReader) int() int {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 || x > 1<<40 {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	r.b = r.b[n:]
	return int(x)
}

// bytes is a string's bytes, not copied: valid while the file's are.
func (r *graphReader) bytes() []byte {
	n := r.int()
	if r.err != nil || n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return nil
	}
	s := r.b[:n:n]
	r.b = r.b[n:]
	return s
}

// int32Slab carves neighbour lists out of large chunks: a loaded graph's
// million lists in a few dozen allocations instead of a million. A list
// that outgrows its capacity moves out on append, as any slice does.
type int32Slab struct{ free []int32 }

func (s *int32Slab) take(n, capacity int) []int32 {
	if len(s.free) < capacity {
		s.free = make([]int32, max(capacity, 1<<16))
	}
	out := s.free[:n:capacity]
	s.free = s.free[capacity:]
	return out
}

func (r *graphReader) str() string {
	n := r.int()
	if r.err != nil || n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
