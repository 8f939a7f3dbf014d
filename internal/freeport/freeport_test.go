package freeport

import (
	"net"
	"strconv"
	"testing"
)

// Ports chosen in one set are distinct and held until released: a port
// cannot be bound while held, and can be after Release.
func TestHeldPortsAreDistinctUntilReleased(t *testing.T) {
	var h Held
	seen := map[int]bool{}
	add := func(p int) {
		if seen[p] {
			t.Fatalf("port %d chosen twice", p)
		}
		seen[p] = true
	}
	for range 20 {
		p, err := h.One()
		if err != nil {
			t.Fatal(err)
		}
		add(p)
		q, err := h.Pair()
		if err != nil {
			t.Fatal(err)
		}
		add(q)
		add(q + 1)
	}
	for p := range seen {
		if l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p)); err == nil {
			l.Close()
			t.Fatalf("port %d is not held", p)
		}
	}
	h.Release()
	h.Release()
	for p := range seen {
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		if err != nil {
			t.Fatalf("port %d after release: %v", p, err)
		}
		l.Close()
	}
}
