package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"time"
)

// bbolt maps its file and trusts it: a file shorter than its last
// transaction says faults (SIGBUS) on the first read past the end, and a
// damaged page header trips an assertion in a goroutine no caller can
// recover. checkBoltFile therefore reads the file with plain reads before
// bbolt maps it: a valid meta page, a file as long as that meta says, and
// every page reachable from it well formed (branch and leaf headers,
// element bounds, child page numbers, no page reached twice). bbolt keeps
// no checksum of its data pages, so a flipped byte inside a value is
// found only when that value is read (an unreadable record, by ID).

// bbolt's on-disk layout (go.etcd.io/bbolt/internal/common).
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	boltPageHeader  = 16
	boltElement     = 16 // branch and leaf element headers alike
	boltBranchFlag  = 0x01
	boltLeafFlag    = 0x02
	boltBucketFlag  = 0x01 // leaf element holding a bucket
	boltBucketBytes = 16   // root page ID, sequence
)

// boltMeta is what checkBoltFile needs of a meta page.
type boltMeta struct {
	pageSize  int
	root, hwm uint64 // root bucket's page, high-water mark (pages in use)
	txid      uint64
}

// readBoltMeta parses the meta page at off; ok is false unless its magic,
// version and checksum hold.
func readBoltMeta(f *os.File, off int64) (m boltMeta, ok bool) {
	var b [boltPageHeader + 64]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return m, false
	}
	meta := b[boltPageHeader:]
	le := binary.LittleEndian
	if le.Uint32(meta[0:]) != boltMagic || le.Uint32(meta[4:]) != boltVersion {
		return m, false
	}
	h := fnv.New64a()
	h.Write(meta[:56])
	if h.Sum64() != le.Uint64(meta[56:]) {
		return m, false
	}
	m = boltMeta{pageSize: int(le.Uint32(meta[8:])), root: le.Uint64(meta[16:]), hwm: le.Uint64(meta[40:]), txid: le.Uint64(meta[48:])}
	return m, m.pageSize >= 512 && m.pageSize <= 1<<20
}

// errBudget ends a check that ran out of its time budget.
var errBudget = errors.New("time budget spent")

// checkBoltFile checks a bbolt file as described above; it returns
// errBudget if deadline passes first (the file is then neither proved nor
// found damaged).
func checkBoltFile(path string, deadline time.Time) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var best boltMeta
	found := false
	for _, off := range []int64{0, int64(os.Getpagesize()), 4096, 16384, 65536} {
		if m, ok := readBoltMeta(f, off); ok && (!found || m.txid > best.txid) {
			best, found = m, true
		}
		if found && off == 0 { // the first meta names the page size
			if m, ok := readBoltMeta(f, int64(best.pageSize)); ok && m.txid > best.txid {
				best = m
			}
			break
		}
	}
	if !found {
		return errors.New("no valid meta page (not a bbolt file, or its header is damaged)")
	}
	if need := int64(best.hwm) * int64(best.pageSize); st.Size() < need {
		return fmt.Errorf("truncated: %d bytes, its last transaction needs %d", st.Size(), need)
	}
	w := &boltWalk{f: f, m: best, seen: make([]uint64, (best.hwm+63)/64), deadline: deadline}
	return w.page(best.root, 0)
}

// boltWalk reads each page once, with one read unless it has overflow
// pages; pages seen are a bitset over the file's pages (hwm). At 1M
// bullets vitae.db has ~170k pages: a map and two reads per page were
// most of the check's time.
type boltWalk struct {
	f        *os.File
	m        boltMeta
	seen     []uint64 // bit per page below hwm
	deadline time.Time
	n        int
	pool     [][]byte // single-page buffers free for reuse (the walk is recursive)
}

func (w *boltWalk) isSeen(id uint64) bool { return w.seen[id/64]&(1<<(id%64)) != 0 }
func (w *boltWalk) see(id uint64)         { w.seen[id/64] |= 1 << (id % 64) }

// page checks the branch or leaf page id and everything below it.
func (w *boltWalk) page(id uint64, depth int) error {
	if w.n++; w.n%256 == 0 && time.Now().After(w.deadline) {
		return errBudget
	}
	if id < 2 || id >= w.m.hwm {
		return fmt.Errorf("page %d referenced but outside the file's %d pages", id, w.m.hwm)
	}
	if w.isSeen(id) {
		return fmt.Errorf("page %d reached twice", id)
	}
	w.see(id)
	if depth > 64 {
		return fmt.Errorf("page %d: tree deeper than 64 levels", id)
	}
	ps := int64(w.m.pageSize)
	var buf []byte
	if n := len(w.pool); n > 0 {
		buf, w.pool = w.pool[n-1], w.pool[:n-1]
	} else {
		buf = make([]byte, ps)
	}
	n, err := w.f.ReadAt(buf, int64(id)*ps)
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("page %d: %w", id, err)
	}
	clear(buf[n:]) // a reused buffer: nothing of the last page it held
	page := buf
	overflow := uint64(binary.LittleEndian.Uint32(buf[12:]))
	if id+overflow >= w.m.hwm {
		return fmt.Errorf("page %d: %d overflow pages run past the end", id, overflow)
	}
	if overflow > 0 {
		page = make([]byte, int64(overflow+1)*ps)
		copy(page, buf)
		if _, err := w.f.ReadAt(page[ps:], (int64(id)+1)*ps); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("page %d: %w", id, err)
		}
		for i := uint64(1); i <= overflow; i++ {
			w.see(id + i)
		}
	}
	err = w.node(page, id, depth)
	w.pool = append(w.pool, buf)
	return err
}

// node checks one page's bytes (a file page, or a bucket inlined in a
// leaf value, whose header ID is 0).
func (w *boltWalk) node(p []byte, id uint64, depth int) error {
	if len(p) < boltPageHeader {
		return fmt.Errorf("page %d: %d bytes, shorter than a page header", id, len(p))
	}
	le := binary.LittleEndian
	if got := le.Uint64(p[0:]); got != id {
		return fmt.Errorf("page %d: header says page %d", id, got)
	}
	flags, count := le.Uint16(p[8:]), int(le.Uint16(p[10:]))
	if boltPageHeader+count*boltElement > len(p) {
		return fmt.Errorf("page %d: %d elements do not fit", id, count)
	}
	for i := range count {
		e := boltPageHeader + i*boltElement
		switch flags {
		case boltBranchFlag:
			pos, ksize, child := int(le.Uint32(p[e:])), int(le.Uint32(p[e+4:])), le.Uint64(p[e+8:])
			if e+pos+ksize > len(p) || pos < 0 {
				return fmt.Errorf("page %d: key %d out of bounds", id, i)
			}
			if err := w.page(child, depth+1); err != nil {
				return err
			}
		case boltLeafFlag:
			eflags, pos, ksize, vsize := le.Uint32(p[e:]), int(le.Uint32(p[e+4:])), int(le.Uint32(p[e+8:])), int(le.Uint32(p[e+12:]))
			end := e + pos + ksize + vsize
			if pos < 0 || ksize < 0 || vsize < 0 || end > len(p) || end < e {
				return fmt.Errorf("page %d: element %d out of bounds", id, i)
			}
			if eflags&boltBucketFlag == 0 {
				continue
			}
			v := p[e+pos+ksize : end]
			if len(v) < boltBucketBytes {
				return fmt.Errorf("page %d: bucket header %d too short", id, i)
			}
			if root := le.Uint64(v); root != 0 {
				if err := w.page(root, depth+1); err != nil {
					return err
				}
			} else if err := w.node(v[boltBucketBytes:], 0, depth+1); err != nil {
				return fmt.Errorf("inline bucket in page %d: %w", id, err)
			}
		default:
			return fmt.Errorf("page %d: type %#x is neither branch nor leaf", id, flags)
		}
	}
	return nil
}
