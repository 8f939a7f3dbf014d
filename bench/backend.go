package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/index/weaviate"
	"vitae/pipeline"
	"vitae/search"
)

// BackendResult is Vitae on its Weaviate backend (index.backend:
// weaviate) at one corpus size, measured in the same run as the embedded
// figures of the SizeResult, on the same bullets, model and queries, with
// the same functions: the engine, the HTTP handler and the load are
// Vitae's own; only the store under search.Engine differs.
type BackendResult struct {
	Backend string `json:"backend"` // "weaviate"
	Bullets int    `json:"bullets"`
	// Fill says how the store was filled: the pipeline's two steps
	// (Upsert in groups of 200 résumés, then pipeline.SyncVectors with the
	// embedded build's trained model, so the vectors are the same).
	Fill string `json:"fill"`
	// UpsertSeconds writes résumés and bullets; EmbedSeconds embeds every
	// bullet and writes its vector (Weaviate builds its HNSW graph as the
	// vectors arrive). Training the model is not included: the embedded
	// build trained it.
	UpsertSeconds float64 `json:"upsert_seconds"`
	EmbedSeconds  float64 `json:"embed_seconds"`
	BulletsPerSec float64 `json:"bullets_per_sec"`
	// BytesPerBullet is the node's data directory after a clean stop
	// (memtables flushed), per bullet.
	BytesPerBullet float64 `json:"bytes_per_bullet"`
	// Latency: keyword, semantic, hybrid (QueryLatency) and match
	// (MatchLatency), as the embedded figures.
	Latency      map[string]Latency `json:"latency"`
	HTTP         *HTTPLoad          `json:"http,omitempty"`
	HTTPNoFacets *HTTPLoad          `json:"http_no_facets,omitempty"`
	// VitaeRSS is the bench process after the fill (embedded index
	// closed, corpus dropped): Vitae serving from Weaviate, holding the
	// model and the query set. WeaviateRSS is weaviate-server's resident
	// set after the queries and the HTTP load; WeaviateStartRSS after its
	// restart, before them.
	VitaeRSS         int64 `json:"vitae_rss_bytes"`
	VitaePeakRSS     int64 `json:"vitae_peak_rss_bytes"` // during the queries and the load
	WeaviateRSS      int64 `json:"weaviate_rss_bytes"`
	WeaviateStartRSS int64 `json:"weaviate_start_rss_bytes"`
	// LoadAvg is the 1-minute load average when the phase started and
	// ended.
	LoadAvg [2]float64 `json:"loadavg_start_end"`
}

// backendEnv is what the backend phase needs from the size measured.
type backendEnv struct {
	l       *embed.Local
	source  []vitae.Bullet
	queries []string
	jobs    []string
	dir     string // the Weaviate node's data goes under it
}

// runBackend starts a Weaviate node, opens Vitae's Weaviate store on it,
// fills it through the pipeline with the embedded build's model, and
// measures Vitae on it as the embedded index was measured. The node is
// stopped before it returns.
func runBackend(ctx context.Context, opts Options, n int, env backendEnv) (res *BackendResult, err error) {
	log := opts.Logger
	res = &BackendResult{Backend: "weaviate", Latency: map[string]Latency{},
		Fill: "pipeline: Upsert by 200 résumés, then SyncVectors with the embedded build's trained model"}
	res.LoadAvg[0] = LoadAvg()
	defer func() {
		if res != nil {
			res.LoadAvg[1] = LoadAvg()
		}
	}()
	resumes, err := Generate(env.source, CorpusOptions{Bullets: n, Seed: opts.Seed})
	if err != nil {
		return nil, err
	}
	node, err := StartWeaviate(ctx, opts.BackendServer, filepath.Join(env.dir, "weaviate-backend"))
	if err != nil {
		return nil, err
	}
	defer func() {
		if serr := node.Stop(); err == nil && serr != nil {
			err = serr
		}
	}()
	wopts := weaviate.Options{Hosts: []string{node.Host()}, BatchSize: opts.Index.BatchSize, Logger: log}
	st, err := weaviate.Open(ctx, wopts)
	if err != nil {
		return nil, err
	}
	log.Info("bench: fill the weaviate backend", "bullets", n, "dir", node.Dir)
	t := time.Now()
	for lo := 0; lo < len(resumes); lo += resumesPerUpsert {
		ch, err := st.Upsert(ctx, resumes[lo:min(lo+resumesPerUpsert, len(resumes))])
		if err != nil {
			return nil, fmt.Errorf("bench: weaviate backend upsert: %w; weaviate log:\n%s", err, node.Tail())
		}
		res.Bullets += ch.Bullets
	}
	resumes = nil
	t2 := time.Now()
	res.UpsertSeconds = t2.Sub(t).Seconds()
	log.Info("bench: embed into the weaviate backend", "bullets", res.Bullets, "upsert_seconds", int(res.UpsertSeconds))
	embedded, err := pipeline.SyncVectors(ctx, st, env.l, nil)
	if err != nil {
		return nil, fmt.Errorf("bench: weaviate backend vectors: %w; weaviate log:\n%s", err, node.Tail())
	}
	res.EmbedSeconds = time.Since(t2).Seconds()
	if s := res.UpsertSeconds + res.EmbedSeconds; s > 0 {
		res.BulletsPerSec = float64(res.Bullets) / s
	}
	stats, err := st.Stats()
	if err != nil {
		return nil, err
	}
	if stats.Bullets != res.Bullets || stats.Vectors != res.Bullets || embedded != res.Bullets {
		return nil, fmt.Errorf("bench: the weaviate backend holds %d bullets and %d vectors (%d embedded) of %d",
			stats.Bullets, stats.Vectors, embedded, res.Bullets)
	}
	// As the peer: a clean stop flushes the memtables, so the disk is
	// read then and the queries meet a settled server.
	log.Info("bench: weaviate backend restart after the fill")
	if err := node.Stop(); err != nil {
		return nil, err
	}
	res.BytesPerBullet = float64(DirSize(node.Dir)) / float64(max(res.Bullets, 1))
	if err := node.Restart(ctx); err != nil {
		return nil, err
	}
	if st, err = weaviate.Open(ctx, wopts); err != nil {
		return nil, err
	}
	defer st.Close()
	gc()
	res.VitaeRSS, res.WeaviateStartRSS = RSS(), node.RSS()
	ResetPeakRSS()

	eng := search.New(st, env.l, search.Options{})
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		log.Info("bench: weaviate backend query latency", "bullets", n, "mode", mode)
		if res.Latency[string(mode)], err = QueryLatency(ctx, eng, env.queries, mode, opts.Rounds); err != nil {
			return nil, err
		}
	}
	log.Info("bench: weaviate backend match latency", "bullets", n, "jobs", len(env.jobs))
	if res.Latency["match"], err = MatchLatency(ctx, eng, env.jobs, opts.Match); err != nil {
		return nil, err
	}
	if opts.Handler != nil {
		h, err := opts.Handler(eng, nil)
		if err != nil {
			return nil, err
		}
		log.Info("bench: weaviate backend HTTP load", "bullets", n, "clients", opts.Clients, "seconds", 2*opts.HTTPDuration.Seconds())
		if res.HTTP, err = LoadSearch(ctx, h, env.queries, string(vitae.ModeHybrid), true, opts.Clients, opts.HTTPDuration); err != nil {
			return nil, err
		}
		if res.HTTPNoFacets, err = LoadSearch(ctx, h, env.queries, string(vitae.ModeHybrid), false, opts.Clients, opts.HTTPDuration); err != nil {
			return nil, err
		}
	}
	res.VitaePeakRSS, res.WeaviateRSS = PeakRSS(), node.RSS()
	return res, nil
}
