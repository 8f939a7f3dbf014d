package vector

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
)

// Reader reads float rows from the files of a store that is not open (a
// rebuild reads the old index's this way), checking each row's checksum.
type Reader struct {
	f       *os.File
	rowSize int
}

// OpenReader opens dir's float rows for reading.
func OpenReader(dir string) (*Reader, error) {
	f, err := os.Open(filepath.Join(dir, FloatFile))
	if err != nil {
		return nil, err
	}
	hdr := make([]byte, headerSize)
	if _, err := f.ReadAt(hdr, 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w: %w", FloatFile, errBadHeader, err)
	}
	size := int(binary.LittleEndian.Uint32(hdr[64:]))
	if binary.LittleEndian.Uint32(hdr[68:]) != checksum(hdr[:68]) || size == 0 || size%4 != 0 {
		f.Close()
		return nil, fmt.Errorf("%s: %w", FloatFile, errBadHeader)
	}
	return &Reader{f: f, rowSize: size}, nil
}

// Read returns the vector in s's row, or an error wrapping ErrDamaged
// when the row is missing or fails its checksum.
func (r *Reader) Read(s Slot) ([]float32, error) {
	b := make([]byte, r.rowSize)
	if _, err := r.f.ReadAt(b, headerSize+int64(s.Row)*int64(r.rowSize)); err != nil {
		return nil, fmt.Errorf("%w: row %d: %w", ErrDamaged, s.Row, err)
	}
	if checksum(b) != s.Sum {
		return nil, fmt.Errorf("%w: row %d fails its checksum", ErrDamaged, s.Row)
	}
	return Decode(b), nil
}

// Close closes the file.
func (r *Reader) Close() error { return r.f.Close() }
