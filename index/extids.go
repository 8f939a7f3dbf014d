package index

import (
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// idCache keeps the external IDs of the keyword top-k's pages by segment
// and document number. Segments are immutable, so an ID stays true while
// its segment lives; reading it again from the segment's stored-field
// index (a varint walk of mapped pages) was 2.8% of an HTTP hybrid
// search's CPU at 100k (BENCHMARKS.md, "HTTP at 100k, stop 16"). A
// segment's slot array (16 bytes a document) is made when a page first
// reaches it; IDs are kept as pages read them, and dropped with their
// segment when a snapshot no longer has it.
type idCache struct {
	segments
	segs map[segment.Segment][]string // document number → ID; "" not read yet
}

// retain drops the IDs of segments that are not in segs.
func (c *idCache) retain(segs []segment.Segment) {
	retain(&c.segments, &c.segs, segs, func(s segment.Segment) segment.Segment { return s })
}

func (c *idCache) external(snap *scorch.IndexSnapshot, offsets []uint64, hits []hit) ([]string, error) {
	segs := snap.Segments()
	keys := make([]segment.Segment, len(segs))
	for i, s := range segs {
		keys[i] = s.Segment()
	}
	c.retain(keys)
	out := make([]string, len(hits))
	var missing []int
	c.mu.RLock()
	for i, h := range hits {
		if ids := c.segs[keys[h.seg]]; ids != nil && ids[h.doc] != "" {
			out[i] = ids[h.doc]
		} else {
			missing = append(missing, i)
		}
	}
	c.mu.RUnlock()
	if len(missing) == 0 {
		return out, nil
	}
	var buf [8]byte
	for _, i := range missing {
		h := hits[i]
		ext, err := snap.ExternalID(bindex.NewIndexInternalID(buf[:0], offsets[h.seg]+h.doc))
		if err != nil {
			return nil, fmt.Errorf("external id: %w", err)
		}
		out[i] = ext
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, i := range missing {
		h, k := hits[i], keys[hits[i].seg]
		ids := c.segs[k]
		if ids == nil {
			if !slices.Contains(c.live, k) { // an older snapshot's: merged away
				continue
			}
			if c.segs == nil {
				c.segs = map[segment.Segment][]string{}
			}
			ids = make([]string, k.Count())
			c.segs[k] = ids
		}
		ids[h.doc] = out[i]
	}
	return out, nil
}
