package vector

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"syscall"

	"vitae"
)

// On disk, a store's rows are three flat files in the index directory,
// mapped read-only and appended to with pwrite: the float rows, the int8
// rows and their scales. Which row is whose, and each row's checksums,
// the caller keeps in its own transactional records (index keeps them in
// bbolt: bullet ID → Slot and metadata), so a crash is safe by ordering:
//
//   - a write appends rows past every referenced one and syncs them
//     (Stage) before the records name them; the store takes them in only
//     after the records commit (Commit). A crash in between leaves rows
//     no record names: cut off or zeroed at the next open;
//   - a row is never rewritten while referenced: a replaced vector goes to
//     a new row, and the old one, like a deleted one, is zeroed by Wipe
//     (which erasure runs) once no record names it.
//
// Opening reads no vector: the records give the rows, and the int8 rows
// (or the float rows, unquantized) are checked against their checksums
// as they are mapped; float rows of a quantized store are checked as
// they are re-scored, each once per process (checked.go). That is the
// trade bleve's segments make too (checked at open, not at every read):
// a row damaged on disk after its first check in a process — its pages
// released and read back from a failing disk — is served until the next
// open checks it again.

// File names of the vector rows in an index directory.
const (
	FloatFile = "vectors.f32"
	Int8File  = "vectors.i8"
	ScaleFile = "vectors.scale"
)

// Files are the names of every file a disk store keeps.
var Files = []string{FloatFile, Int8File, ScaleFile}

// ErrDamaged is wrapped when a vector row does not match its checksum.
var ErrDamaged = errors.New("vector file damaged")

// Slot is where a vector is kept: its row and the CRC-32C checksums of
// its float row and of its int8 row followed by its scale.
type Slot struct {
	Row, Sum, SumQ uint32
}

// SlotSize is the length of an encoded Slot.
const SlotSize = 12

// Append encodes s after b.
func (s Slot) Append(b []byte) []byte {
	b = binary.LittleEndian.AppendUint32(b, s.Row)
	b = binary.LittleEndian.AppendUint32(b, s.Sum)
	return binary.LittleEndian.AppendUint32(b, s.SumQ)
}

// ParseSlot decodes a Slot and returns the bytes after it.
func ParseSlot(b []byte) (Slot, []byte, error) {
	if len(b) < SlotSize {
		return Slot{}, nil, errMeta
	}
	le := binary.LittleEndian
	return Slot{Row: le.Uint32(b), Sum: le.Uint32(b[4:]), SumQ: le.Uint32(b[8:])}, b[SlotSize:], nil
}

type disk struct {
	dir             string
	f32, i8, scales *rowFile
}

// Open returns an empty store whose rows live in dir (created with the
// first vector, or mapped by Attach).
func Open(dir string, opts Options) *Store {
	vs := New(opts)
	vs.disk = &disk{dir: dir}
	return vs
}

func (d *disk) open(dim int) error {
	if d.f32 != nil {
		return nil
	}
	var err error
	open := func(name, magic string, size int) *rowFile {
		if err != nil {
			return nil
		}
		var rf *rowFile
		rf, err = openRowFile(filepath.Join(d.dir, name), magic, size)
		return rf
	}
	f32 := open(FloatFile, "vitae-vectors-f32-1\n", 4*dim)
	i8 := open(Int8File, "vitae-vectors-i8-1\n", dim)
	sc := open(ScaleFile, "vitae-vectors-scale-1\n", 4)
	if err != nil {
		for _, rf := range []*rowFile{f32, i8, sc} {
			if rf != nil {
				rf.close()
			}
		}
		return err
	}
	// Float rows are read one here and there (re-scoring): no read-ahead.
	_ = syscall.Madvise(f32.mem, syscall.MADV_RANDOM)
	d.f32, d.i8, d.scales = f32, i8, sc
	return nil
}

func (d *disk) files() []*rowFile {
	if d.f32 == nil {
		return nil
	}
	return []*rowFile{d.f32, d.i8, d.scales}
}

// Attach maps the files of a store of model and dim vectors before the
// rows are named (LoadRow). Files left by an older dimension or without
// any referenced row are the caller's to remove (RemoveFiles).
func (vs *Store) Attach(model string, dim int) error {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if err := vs.disk.open(dim); err != nil {
		return err
	}
	vs.model, vs.dim = model, dim
	n := min(vs.disk.f32.rows, vs.disk.i8.rows, vs.disk.scales.rows)
	vs.ids = make([]string, n)
	if len(vs.pos) == 0 {
		vs.pos = make(map[string]int, n) // sized once, not grown through a million inserts
	}
	vs.live = make([]bool, n)
	vs.sums = make([]uint32, n)
	vs.checked.reset()
	vs.checked.grow(n)
	vs.meta.grow(n)
	vs.remap(n)
	return nil
}

// remap points the row slices at the first n mapped rows.
func (vs *Store) remap(n int) {
	d := vs.disk
	vs.data = asFloats(d.f32.body())[: n*vs.dim : n*vs.dim]
	vs.q = asInt8s(d.i8.body())[: n*vs.dim : n*vs.dim]
	vs.scale = asFloats(d.scales.body())[:n:n]
}

// LoadRow names one stored row (from the caller's records) as id's, with
// its encoded metadata (AppendMeta); callers own vs exclusively, after
// Attach. The rows a search scans are checked against their checksums.
func (vs *Store) LoadRow(id string, s Slot, meta []byte) error {
	i := int(s.Row)
	if i >= len(vs.ids) {
		return fmt.Errorf("%w: %s names row %d of %d", ErrDamaged, id, i, len(vs.ids))
	}
	if vs.live[i] {
		return fmt.Errorf("%w: row %d named twice", ErrDamaged, i)
	}
	if vs.opts.Quantize {
		if vs.sumQ(i) != s.SumQ {
			return fmt.Errorf("%w: %s row %d (int8) fails its checksum", ErrDamaged, Int8File, i)
		}
	} else if checksum(floatBytes(vs.vector(i))) != s.Sum {
		return fmt.Errorf("%w: %s row %d fails its checksum", ErrDamaged, FloatFile, i)
	}
	if err := vs.meta.setEncoded(i, meta); err != nil {
		return fmt.Errorf("vector %s: %w", id, err)
	}
	if old, ok := vs.pos[id]; ok && vs.live[old] {
		return fmt.Errorf("%w: %s has two rows", ErrDamaged, id)
	}
	vs.ids[i], vs.pos[id], vs.live[i], vs.sums[i] = id, i, true, s.Sum
	vs.nLive++
	return nil
}

// Loaded ends loading: rows past the last named one are cut off (a write
// that never committed), other unnamed rows are noted for Wipe.
func (vs *Store) Loaded() error {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	n := len(vs.ids)
	for n > 0 && !vs.live[n-1] {
		n--
	}
	for i := range n {
		if !vs.live[i] {
			vs.dead = append(vs.dead, i)
		}
	}
	vs.ids, vs.live, vs.sums = vs.ids[:n], vs.live[:n], vs.sums[:n]
	vs.meta.fields, vs.meta.skill = vs.meta.fields[:min(len(vs.meta.fields), n*metaFields)], vs.meta.skill[:min(len(vs.meta.skill), 2*n)]
	for vs.meta.len() < n {
		vs.meta.set(vs.meta.len(), Meta{})
	}
	for _, rf := range vs.disk.files() {
		if rf.rows != n {
			if err := rf.truncate(n); err != nil {
				return err
			}
		}
	}
	if vs.disk.f32 != nil {
		vs.remap(n)
		if vs.opts.Quantize {
			vs.disk.f32.release() // checked nothing in them; keep them out of memory
		}
	}
	return nil
}

func (vs *Store) sumQ(i int) uint32 {
	c := checksum(int8Bytes(vs.q[i*vs.dim : (i+1)*vs.dim]))
	return crc32.Update(c, castagnoli, floatBytes(vs.scale[i:i+1]))
}

// Stage writes entries' rows past every row in use and syncs them, for
// the caller to name in its records; Commit then takes them in. Nothing
// is visible until Commit, and a Stage not committed is overwritten by
// the next. Entries' vectors are of unit length and of the store's
// dimension (any, for an empty store).
func (vs *Store) Stage(entries []Entry) ([]Slot, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	vs.mu.Lock()
	dim, start := vs.dim, len(vs.ids)
	if dim == 0 {
		dim = len(entries[0].Vec)
	}
	err := vs.disk.open(dim)
	if err == nil && vs.dim != 0 && vs.disk.f32.rowSize != 4*vs.dim {
		err = fmt.Errorf("vector files hold %d dimensions, not %d", vs.disk.f32.rowSize/4, vs.dim)
	}
	vs.mu.Unlock()
	if err != nil {
		return nil, err
	}
	f := make([]float32, 0, len(entries)*dim)
	q := make([]int8, len(entries)*dim)
	sc := make([]float32, len(entries))
	slots := make([]Slot, len(entries))
	for k, e := range entries {
		if len(e.Vec) != dim {
			return nil, vitae.Errorf(vitae.EINVALID, "vector %s has %d dimensions, want %d", e.ID, len(e.Vec), dim)
		}
		f = append(f, e.Vec...)
		row := q[k*dim : (k+1)*dim]
		sc[k] = quantize(row, e.Vec)
		sumQ := crc32.Update(checksum(int8Bytes(row)), castagnoli, floatBytes(sc[k:k+1]))
		slots[k] = Slot{Row: uint32(start + k), Sum: checksum(floatBytes(e.Vec)), SumQ: sumQ}
	}
	// Rows past len(ids) are read by nobody: no lock is needed to write
	// them (writers are serialised by the caller).
	d := vs.disk
	for _, w := range []struct {
		rf *rowFile
		b  []byte
	}{{d.f32, floatBytes(f)}, {d.i8, int8Bytes(q)}, {d.scales, floatBytes(sc)}} {
		if err := w.rf.write(start, w.b); err != nil {
			return nil, fmt.Errorf("write vectors: %w", err)
		}
		if err := w.rf.sync(); err != nil {
			return nil, fmt.Errorf("write vectors: %w", err)
		}
	}
	return slots, nil
}

// Commit takes in rows written by Stage, once the caller's records name
// them; keep[k] false skips entry k (its bullet went meanwhile: the row
// stays unnamed). An ID already stored moves to its new row.
func (vs *Store) Commit(model string, entries []Entry, slots []Slot, keep []bool) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	vs.model = model
	if vs.dim == 0 && len(entries) > 0 {
		vs.dim = len(entries[0].Vec)
	}
	n := len(vs.ids) + len(entries)
	vs.remap(n)
	vs.checked.grow(n)
	h := vs.graph.Load()
	for k, e := range entries {
		i := int(slots[k].Row)
		vs.meta.set(i, e.Meta)
		vs.ids = append(vs.ids, "")
		vs.live = append(vs.live, false)
		vs.sums = append(vs.sums, slots[k].Sum)
		if !keep[k] {
			vs.dead = append(vs.dead, i)
			continue
		}
		if old, ok := vs.pos[e.ID]; ok && vs.live[old] {
			vs.live[old] = false
			vs.nLive--
			vs.dead = append(vs.dead, old)
			if h != nil && old < len(h.links) && (h.links[old] != nil || h.into[old] >= 0) {
				h.stale++
			}
		}
		vs.ids[i], vs.pos[e.ID], vs.live[i] = e.ID, i, true
		vs.nLive++
		if h != nil {
			h.insert(i)
		}
	}
	// A graph insert walks its neighbours by their float rows through the
	// mapping, each read faulting in up to 64 KiB around it; past
	// preadFrom re-scoring reads rows without the mapping and nothing else
	// drops those pages, so a commit does (as the exact scan does).
	if h != nil && len(entries) > 0 && vs.disk != nil && vs.disk.f32 != nil && len(vs.data)*4 > preadFrom {
		vs.disk.f32.release()
	}
}

// Wipe overwrites with zeros, and syncs, every row removed or replaced
// since the last wipe: erasure calls it after deleting the records that
// named them. A removed graph node whose live copies still route through
// it hands its place to the first of them first (its row is theirs).
func (vs *Store) Wipe() error {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if vs.disk == nil || vs.disk.f32 == nil || len(vs.dead) == 0 {
		return nil
	}
	dead := slices.Compact(slices.Sorted(slices.Values(vs.dead)))
	if h := vs.graph.Load(); h != nil {
		h.handOver(dead)
	}
	d := vs.disk
	zf, zq, zs := make([]byte, 4*vs.dim), make([]byte, vs.dim), make([]byte, 4)
	for _, i := range dead {
		if i >= len(vs.live) || vs.live[i] {
			continue // named again since (cannot happen today: rows are not reused)
		}
		vs.checked.clear(i)
		for _, w := range []struct {
			rf   *rowFile
			zero []byte
		}{{d.f32, zf}, {d.i8, zq}, {d.scales, zs}} {
			if i < w.rf.rows && !allZero(w.rf.row(i)) {
				if err := w.rf.write(i, w.zero); err != nil {
					return fmt.Errorf("wipe vector row %d: %w", i, err)
				}
			}
		}
	}
	for _, rf := range d.files() {
		if err := rf.sync(); err != nil {
			return fmt.Errorf("wipe vectors: %w", err)
		}
	}
	vs.dead = vs.dead[:0]
	return nil
}

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// Truncate empties the files, after the caller's records dropped every
// vector (a change of model); the store is reset as well.
func (vs *Store) Truncate() error {
	vs.mu.Lock()
	files := vs.disk.files()
	vs.mu.Unlock()
	vs.Reset("", 0)
	var errs []error
	for _, rf := range files {
		errs = append(errs, rf.truncate(0), rf.close())
		_ = os.Remove(rf.path) // the next model may have another dimension
	}
	vs.mu.Lock()
	vs.disk.f32, vs.disk.i8, vs.disk.scales = nil, nil, nil
	vs.mu.Unlock()
	return errors.Join(errs...)
}

// CloseFiles unmaps the files; the store is unusable after.
func (vs *Store) CloseFiles() error {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if vs.disk == nil {
		return nil
	}
	var errs []error
	for _, rf := range vs.disk.files() {
		errs = append(errs, rf.close())
	}
	vs.disk.f32, vs.disk.i8, vs.disk.scales = nil, nil, nil
	vs.ids, vs.pos, vs.data, vs.q, vs.scale, vs.live, vs.nLive = nil, map[string]int{}, nil, nil, nil, nil, 0
	vs.graph.Store(nil)
	return errors.Join(errs...)
}

// RemoveFiles deletes a store's files from dir (none there is no error).
func RemoveFiles(dir string) error {
	var errs []error
	for _, name := range Files {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Vector returns a copy of id's float vector, checked against its
// checksum; nil when id has none.
func (vs *Store) Vector(id string) ([]float32, error) {
	vs.mu.RLock()
	defer vs.mu.RUnlock()
	i, ok := vs.pos[id]
	if !ok || !vs.live[i] {
		return nil, nil
	}
	var v []float32
	if vs.disk != nil && vs.disk.f32 != nil && len(vs.data)*4 > preadFrom {
		// Read, not mapped, as re-scoring does: the copy is the read, and
		// the mapping's pages stay out of the resident set.
		v = make([]float32, vs.dim)
		if err := vs.disk.f32.readRow(i, floatBytes(v)); err != nil {
			return nil, err
		}
	} else {
		v = slices.Clone(vs.vector(i))
	}
	if checksum(floatBytes(v)) != vs.sums[i] {
		return nil, fmt.Errorf("%w: %s row %d fails its checksum", ErrDamaged, FloatFile, i)
	}
	return v, nil
}
