package index

import (
	"slices"
	"sync"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// segments is what the caches keyed by segment (bounds, external IDs)
// share: the segments of the last snapshot seen, and the lock over the
// cache that holds them. Segments are immutable, so an entry stays true
// while its segment lives.
type segments struct {
	mu   sync.RWMutex
	live []segment.Segment
}

// retain drops from *m the entries of segments that are not in segs, when
// segs differ from the last snapshot's; seg names an entry's segment. m is
// read under the lock: its owner may replace the map while holding it.
func retain[K comparable, V any](s *segments, m *map[K]V, segs []segment.Segment, seg func(K) segment.Segment) {
	s.mu.RLock()
	same := slices.Equal(segs, s.live)
	s.mu.RUnlock()
	if same {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.live = segs
	for k := range *m {
		if !slices.Contains(segs, seg(k)) {
			delete(*m, k)
		}
	}
}
