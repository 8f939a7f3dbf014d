package freeport

import (
	"errors"
	"fmt"
	"net"
)

// Held is a set of loopback ports held open; Release frees them for the
// servers to bind.
type Held struct{ ls []net.Listener }

// Release closes the held ports. It may be called more than once.
func (h *Held) Release() {
	for _, l := range h.ls {
		l.Close()
	}
	h.ls = nil
}

// One holds a free loopback port and returns it.
func (h *Held) One() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	h.ls = append(h.ls, l)
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Pair holds a free loopback port and its successor and returns the
// first (Weaviate finds a peer's data port as gossip + 1 and Raft's RPC
// port as Raft + 1).
func (h *Held) Pair() (int, error) {
	for range 100 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, fmt.Errorf("free port: %w", err)
		}
		p := l.Addr().(*net.TCPAddr).Port
		l2, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p+1))
		if err == nil {
			h.ls = append(h.ls, l, l2)
			return p, nil
		}
		l.Close()
	}
	return 0, errors.New("no two adjacent free loopback ports")
}
