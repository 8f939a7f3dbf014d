package vector

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"syscall"
	"unsafe"
)

// rowFile is a flat file of fixed-size rows after a one-page header,
// mapped read-only. The mapping reserves far more address space than the
// file holds, so rows appended later (written with pwrite, which the
// shared mapping sees) never need a new mapping: a slice into it stays
// valid for the file's life. Only rows below the file's end are touched.
type rowFile struct {
	f       *os.File
	path    string
	rowSize int
	rows    int    // rows the file holds (its size, past the header)
	mem     []byte // the mapping: header, then up to reserve rows
}

const (
	headerSize = 4096 // one page, so rows stay aligned
	// reserveBytes is the address space one file maps: 64 GiB, room for
	// 64M vectors of 256 float32. Only the file's pages are ever resident.
	reserveBytes = 1 << 36
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is a row's CRC-32C (hardware-assisted on amd64 and arm64).
func checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// openRowFile opens or creates path holding rows of rowSize bytes under
// magic. An existing file must carry the same magic and row size and a
// sound header; a partial last row (a torn append) is cut off.
func openRowFile(path, magic string, rowSize int) (*rowFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	rf := &rowFile{f: f, path: path, rowSize: rowSize}
	if err := rf.init(magic); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	mem, err := syscall.Mmap(int(f.Fd()), 0, reserveBytes, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	rf.mem = mem
	return rf, nil
}

// errBadHeader marks a vector file that is not one, or of other rows.
var errBadHeader = errors.New("not a vector file of this layout")

func (rf *rowFile) init(magic string) error {
	st, err := rf.f.Stat()
	if err != nil {
		return err
	}
	hdr := make([]byte, headerSize)
	if st.Size() == 0 {
		copy(hdr, magic)
		binary.LittleEndian.PutUint32(hdr[64:], uint32(rf.rowSize))
		binary.LittleEndian.PutUint32(hdr[68:], checksum(hdr[:68]))
		if _, err := rf.f.WriteAt(hdr, 0); err != nil {
			return err
		}
		return rf.f.Sync()
	}
	if _, err := rf.f.ReadAt(hdr, 0); err != nil {
		return fmt.Errorf("%w: %w", errBadHeader, err)
	}
	if string(hdr[:len(magic)]) != magic || binary.LittleEndian.Uint32(hdr[68:]) != checksum(hdr[:68]) ||
		int(binary.LittleEndian.Uint32(hdr[64:])) != rf.rowSize {
		return errBadHeader
	}
	rf.rows = int((st.Size() - headerSize) / int64(rf.rowSize))
	if int64(headerSize+rf.rows*rf.rowSize) != st.Size() {
		return rf.f.Truncate(int64(headerSize + rf.rows*rf.rowSize))
	}
	return nil
}

// row is row i's bytes in the mapping; i is below rows.
func (rf *rowFile) row(i int) []byte {
	off := headerSize + i*rf.rowSize
	return rf.mem[off : off+rf.rowSize : off+rf.rowSize]
}

// body is the mapped rows as one slice (capacity: the reservation).
func (rf *rowFile) body() []byte { return rf.mem[headerSize:] }

// write puts rows starting at row i (i ≤ rows), extending the file.
func (rf *rowFile) write(i int, b []byte) error {
	if len(b)%rf.rowSize != 0 || i > rf.rows {
		return fmt.Errorf("%s: write of %d bytes at row %d of %d", rf.path, len(b), i, rf.rows)
	}
	end := headerSize + int64(i*rf.rowSize) + int64(len(b))
	if end > reserveBytes {
		return fmt.Errorf("%s: more vectors than one file maps (%d bytes)", rf.path, reserveBytes)
	}
	if _, err := rf.f.WriteAt(b, headerSize+int64(i*rf.rowSize)); err != nil {
		return err
	}
	rf.rows = max(rf.rows, i+len(b)/rf.rowSize)
	return nil
}

// truncate cuts the file to n rows.
func (rf *rowFile) truncate(n int) error {
	if err := rf.f.Truncate(int64(headerSize + n*rf.rowSize)); err != nil {
		return err
	}
	rf.rows = n
	return nil
}

func (rf *rowFile) sync() error { return rf.f.Sync() }

// readRow reads row i into b (one row's bytes) with a read, not through
// the mapping: the page cache serves it and this process's resident set
// does not grow.
func (rf *rowFile) readRow(i int, b []byte) error {
	if len(b) != rf.rowSize {
		return fmt.Errorf("%s: read of %d bytes for a row of %d", rf.path, len(b), rf.rowSize)
	}
	if _, err := rf.f.ReadAt(b, int64(headerSize+i*rf.rowSize)); err != nil {
		return fmt.Errorf("%s: read row %d: %w", rf.path, i, err)
	}
	return nil
}

// release drops the mapped pages from this process's resident set (the
// kernel keeps them cached): for the float rows after a scan of them all.
// It covers the whole reservation, so it reads nothing a writer changes.
func (rf *rowFile) release() {
	_ = syscall.Madvise(rf.mem, syscall.MADV_DONTNEED)
}

func (rf *rowFile) close() error {
	err := syscall.Munmap(rf.mem)
	rf.mem = nil
	return errors.Join(err, rf.f.Close())
}

// asFloats and asInt8s view mapped bytes as rows of numbers (the files
// are little-endian, as the machines this runs on).
func asFloats(b []byte) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/4)
}

func asInt8s(b []byte) []int8 {
	return unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(b))), len(b))
}

func floatBytes(v []float32) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 4*len(v))
}

func int8Bytes(v []int8) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), len(v))
}
