package vector

import "sync/atomic"

// checked marks the float rows of a disk store whose checksum re-scoring
// has verified in this process, so each row is checked once, not on every
// search (3.5% of an HTTP hybrid search's CPU at 100k). Searches mark
// bits under the store's read lock; growing and clearing take the write
// lock. A row is written once (Stage appends past every row in use) and
// zeroed once dead (Wipe, which clears its bit), so a bit never outlives
// the bytes it vouched for in this process.
type checked struct{ bits []atomic.Uint64 }

func (c *checked) has(i int) bool {
	return i>>6 < len(c.bits) && c.bits[i>>6].Load()&(1<<(i&63)) != 0
}

// mark records that row i passed its checksum; rows past the set's
// length (not grown yet) stay unmarked and are checked again.
func (c *checked) mark(i int) {
	if i>>6 < len(c.bits) {
		c.bits[i>>6].Or(1 << (i & 63))
	}
}

// clear forgets row i's check (callers hold the write lock).
func (c *checked) clear(i int) {
	if i>>6 < len(c.bits) {
		c.bits[i>>6].And(^uint64(1 << (i & 63)))
	}
}

// grow makes room for n rows, keeping the marks (callers hold the write
// lock, so no search marks a bit of the old words meanwhile).
func (c *checked) grow(n int) {
	words := (n + 63) >> 6
	if words <= len(c.bits) {
		return
	}
	bits := make([]atomic.Uint64, max(words, 2*len(c.bits)))
	for w := range c.bits {
		bits[w].Store(c.bits[w].Load())
	}
	c.bits = bits
}

// reset forgets every check.
func (c *checked) reset() { c.bits = nil }
