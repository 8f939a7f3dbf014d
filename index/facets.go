package index

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// facetValues are what one bullet adds to the facets: its values as
// stored, so skills are the canonical names ingest gave them.
type facetValues struct {
	Company string   `json:"company"`
	Role    string   `json:"role"`
	Section string   `json:"section"`
	Skills  []string `json:"skills"`
}

// facetCache keeps the facet values of bullets that have been in results,
// so counting a result list's facets is map lookups, not a bbolt read and
// JSON decode per bullet. Writes forget the bullets they touch.
type facetCache struct {
	mu  sync.RWMutex
	gen uint64 // bumped by forget; a read started before it is not kept
	m   map[string]facetValues
}

// forget drops ids, after their new state is committed.
func (c *facetCache) forget(ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, id := range ids {
		delete(c.m, id)
	}
}

// Facets counts facet values over the bullets ids, the results a caller
// has ranked: for company, role, skill and section, how many of those
// bullets carry each value, the size most frequent first (count
// descending, then value). Unknown IDs count for nothing. Every facet is
// present, empty when no bullet has a value for it.
func (ix *Index) Facets(ids []string, size int) (map[string][]vitae.FacetCount, error) {
	fc := facetCountPool.Get().(*facetCounts)
	defer fc.release()
	if err := ix.facetValues(ids, fc.add); err != nil {
		return nil, err
	}
	return map[string][]vitae.FacetCount{
		"company": commonest(fc.company, size), "role": commonest(fc.role, size),
		"skill": commonest(fc.skill, size), "section": commonest(fc.section, size),
	}, nil
}

// facetCounts are the counts by value of each facet, kept between
// searches (cleared maps keep their room: four maps of ~200 values were
// a tenth of a search's allocation).
type facetCounts struct {
	company, role, skill, section map[string]int
}

var facetCountPool = sync.Pool{New: func() any {
	return &facetCounts{company: map[string]int{}, role: map[string]int{}, skill: map[string]int{}, section: map[string]int{}}
}}

func (fc *facetCounts) add(v facetValues) {
	inc := func(m map[string]int, s string) {
		if s != "" {
			m[s]++
		}
	}
	inc(fc.company, v.Company)
	inc(fc.role, v.Role)
	inc(fc.section, v.Section)
	for i, s := range v.Skills {
		if !slices.Contains(v.Skills[:i], s) { // a bullet counts once per value
			inc(fc.skill, s)
		}
	}
}

// release empties fc and keeps it, unless a huge list grew its maps.
func (fc *facetCounts) release() {
	if len(fc.company)+len(fc.role)+len(fc.skill) > 4*maxPage {
		return
	}
	clear(fc.company)
	clear(fc.role)
	clear(fc.skill)
	clear(fc.section)
	facetCountPool.Put(fc)
}

// commonest returns the size values with the highest counts, count
// descending then value, keeping only those while it scans.
func commonest(byValue map[string]int, size int) []vitae.FacetCount {
	out := make([]vitae.FacetCount, 0, max(0, min(size, len(byValue))))
	before := func(a, b vitae.FacetCount) bool {
		return a.Count > b.Count || (a.Count == b.Count && a.Value < b.Value)
	}
	for v, n := range byValue {
		fc := vitae.FacetCount{Value: v, Count: n}
		if len(out) == cap(out) && (len(out) == 0 || !before(fc, out[len(out)-1])) {
			continue
		}
		i := sort.Search(len(out), func(i int) bool { return before(fc, out[i]) })
		if len(out) < cap(out) {
			out = append(out, vitae.FacetCount{})
		}
		copy(out[i+1:], out[i:len(out)-1])
		out[i] = fc
	}
	return out
}

// facetValues passes each known bullet's facet values among ids to add,
// from the cache, reading and caching the missing ones.
func (ix *Index) facetValues(ids []string, add func(facetValues)) error {
	c := &ix.facets
	var missing []string
	c.mu.RLock()
	gen := c.gen
	for _, id := range ids {
		if v, ok := c.m[id]; ok {
			add(v)
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.RUnlock()
	if len(missing) == 0 {
		return nil
	}
	read := make(map[string]facetValues, len(missing))
	err := ix.db.View(func(tx *bolt.Tx) error {
		bb := tx.Bucket(bucketBullets)
		for _, id := range missing {
			data := bb.Get([]byte(id))
			if data == nil {
				continue // deleted since it was found
			}
			var v facetValues
			if err := json.Unmarshal(data, &v); err != nil {
				return fmt.Errorf("bullet %s: %w", id, err)
			}
			read[id] = v
			add(v)
		}
		ix.readRecords(tx, len(missing))
		return nil
	})
	if err != nil {
		return err
	}
	c.mu.Lock()
	if c.gen == gen { // no write has committed since the read began
		if c.m == nil {
			c.m = map[string]facetValues{}
		}
		for id, v := range read {
			c.m[id] = v
		}
	}
	c.mu.Unlock()
	return nil
}
