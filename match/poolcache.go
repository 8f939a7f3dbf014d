package match

import (
	"crypto/sha256"
	"encoding/json"
	"strconv"
	"sync"
	"time"

	"vitae"
)

// indexVersioner is a backend that names its index's version, which
// changes whenever a résumé is added, replaced or erased
// (*search.Engine).
type indexVersioner interface {
	IndexVersion() (string, error)
}

// maxCachedPools bounds the pools kept: more than the jobs that can be
// stored (workbench.MaxJobs) with their titles sent otherwise, few
// megabytes (a pool is at most Options.Pool IDs).
const maxCachedPools = 512

// poolTTL bounds how long a pool is kept even at one version: an engine
// knows its own writes, but another server writing the same Weaviate
// cluster changes the index behind it, and the résumés it adds would
// otherwise join no kept pool until this engine writes. (One it erases
// is dropped anyway: the pool's résumés are read again on every view.)
const poolTTL = 2 * time.Minute

// poolCache keeps the candidates each job's requirement queries found
// (its pool order and title hits), per index version: they depend on the
// job and the index only, not on the person a job is fitted to, so the
// jobs a person fits — one pool per stored job on every candidate's
// page — cost the searches once per index version, not once per view.
// An entry names résumé IDs and scores, nothing of their text; a version
// no longer current is never read, so an erased résumé leaves the pools
// at once (its erasure changes the version).
type poolCache struct {
	mu sync.Mutex
	m  map[string]cachedPool
}

type cachedPool struct {
	version                    string    // the index version the pool was found at
	at                         time.Time // when
	ids                        []string
	titled                     map[string]float64
	indexVersion, modelVersion string // as the searches said them (Result)
}

// key names a pool by its queries and what orders and cuts it, with the
// index version now; "" when there is no cache or no version.
func (c *poolCache) key(b Backend, qs []vitae.Query, titlePool float64, size int) (key, version string) {
	if c == nil {
		return "", ""
	}
	iv, ok := b.(indexVersioner)
	if !ok {
		return "", ""
	}
	version, err := iv.IndexVersion()
	if err != nil || version == "" {
		return "", ""
	}
	data, err := json.Marshal(qs)
	if err != nil {
		return "", ""
	}
	h := sha256.New()
	h.Write(data)
	h.Write([]byte("\x00" + strconv.FormatFloat(titlePool, 'g', -1, 64) + "\x00" + strconv.Itoa(size)))
	return string(h.Sum(nil)), version
}

func (c *poolCache) get(key, version string) (cachedPool, bool) {
	if c == nil || key == "" {
		return cachedPool{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[key]
	if !ok || p.version != version || time.Since(p.at) > poolTTL {
		return cachedPool{}, false
	}
	return p, true
}

// put keeps p when the searches ran on the version read before them (a
// write in between leaves it out).
func (c *poolCache) put(key, version string, p cachedPool) {
	if c == nil || key == "" || p.indexVersion != version {
		return
	}
	p.version, p.at = version, time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedPools {
		clear(c.m) // rare: more jobs than are stored; all are found again
	}
	c.m[key] = p
}
