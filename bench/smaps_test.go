package bench

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestMappedRSSNamesIndexFiles maps a file named as the vector store
// names its float rows, touches every page, and finds those pages under
// its name, beside the heap.
func TestMappedRSSNamesIndexFiles(t *testing.T) {
	if MappedRSS() == nil {
		t.Skip("no /proc/self/smaps")
	}
	const size = 4 << 20
	path := filepath.Join(t.TempDir(), "vectors.f32")
	if err := os.WriteFile(path, make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(b)
	var sum byte
	for i := 0; i < size; i += 4096 {
		sum += b[i]
	}
	p := MappedRSS()
	if got := p["vectors.f32"]; got < size/2 || got > size {
		t.Errorf("vectors.f32 resident %d bytes, want about %d (parts %v, sum %d)", got, size, p, sum)
	}
	if p["anonymous"] <= 0 || p.Total() < p["vectors.f32"]+p["anonymous"] {
		t.Errorf("parts %v: want the heap and a total covering every part", p)
	}
}

func TestRSSPart(t *testing.T) {
	for _, c := range []struct {
		path []string
		want string
	}{
		{nil, "anonymous"},
		{[]string{"[heap]"}, "anonymous"},
		{[]string{"/x/1000000/semantic/bleve/store/00000000002a.zap"}, "bleve segments"},
		{[]string{"/x/semantic/bleve/store/root.bolt"}, "bleve root.bolt"},
		{[]string{"/x/semantic/vitae.db"}, "vitae.db"},
		{[]string{"/x/semantic/vectors.i8"}, "vectors.i8"},
		{[]string{"/usr/lib/libc.so.6"}, "other"},
		{[]string{"/x/semantic/vectors.f32", "(deleted)"}, "vectors.f32 (deleted)"}, // a removed file still mapped
	} {
		if got := rssPart(c.path); got != c.want {
			t.Errorf("rssPart(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}
