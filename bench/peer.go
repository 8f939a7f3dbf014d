package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/search"
)

// PeerResult is Weaviate measured beside Vitae at one corpus size, in the
// same run, on the same bullets, vectors and queries.
type PeerResult struct {
	Engine string `json:"engine"` // "weaviate"
	// Transport says how each engine was asked: Vitae over its HTTP JSON
	// API (or in-process without a handler), Weaviate over gRPC.
	VitaeTransport    string        `json:"vitae_transport"`
	WeaviateTransport string        `json:"weaviate_transport"`
	Bullets           int           `json:"bullets"`
	Vitae             EngineFigures `json:"vitae"`
	Weaviate          EngineFigures `json:"weaviate"`
	// The import's two parts: the built-in embedder computing the same
	// vectors Vitae stored (client side), and Weaviate's batch import.
	// WeaviateHybridGraphQL is Weaviate's hybrid, one client, asked over
	// GraphQL (the vector as a literal) instead of gRPC: the transport's
	// cost.
	WeaviateHybridGraphQL Latency `json:"weaviate_hybrid_graphql"`
	EmbedSeconds          float64 `json:"weaviate_embed_seconds"`
	ImportSeconds         float64 `json:"weaviate_import_seconds"`
	// LoadAvg is the 1-minute load average when the peer phase started
	// and ended.
	LoadAvg [2]float64 `json:"loadavg_start_end"`
}

// EngineFigures are one engine's figures in a peer comparison.
type EngineFigures struct {
	// BulletsPerSec: Vitae's full build (bullets, training, vectors,
	// HNSW); Weaviate's embedding plus import (HNSW built inline).
	BulletsPerSec  float64 `json:"bullets_per_sec"`
	BytesPerBullet float64 `json:"bytes_per_bullet"`
	// RSS is the process's resident set after the queries (VmRSS): the
	// bench process for Vitae, weaviate-server for Weaviate.
	RSS int64 `json:"rss_bytes"`
	// Latency is one client, one query at a time, every query Rounds
	// times after a warm-up pass: keyword, semantic, hybrid.
	Latency map[string]Latency `json:"latency"`
	// Throughput is PeerClients clients for HTTPDuration: keyword, hybrid.
	Throughput map[string]*Throughput `json:"throughput"`
	// Hits counts the hits returned over the timed passes, per mode: a
	// search that returns nothing is fast and wrong.
	Hits map[string]int `json:"hits"`
}

// Throughput is a bounded closed-loop load: clients each run one query
// after another for a while.
type Throughput struct {
	Clients  int     `json:"clients"`
	Seconds  float64 `json:"seconds"`
	Requests int64   `json:"requests"`
	Errors   int64   `json:"errors"`
	PerSec   float64 `json:"per_sec"`
	Latency  Latency `json:"latency"`
	// FirstError is the first failure's message, when there was one.
	FirstError string `json:"first_error,omitempty"`
}

// searchFunc runs query i of mode and returns the number of hits.
type searchFunc func(ctx context.Context, mode vitae.Mode, i int) (int, error)

// peerEnv is what the peer phase needs from the size being measured.
type peerEnv struct {
	ix        *index.Index
	l         *embed.Local
	eng       *search.Engine
	handler   http.Handler // nil: Vitae is timed in-process
	queries   []string
	dir       string // the Weaviate node's data goes under it
	buildRate float64
	bytesPer  float64
}

// runWeaviatePeer starts a Weaviate node, loads the size's bullets with
// the vectors of the built-in embedder, and times both engines, mode by
// mode, back to back. The node is stopped before it returns.
func runWeaviatePeer(ctx context.Context, opts Options, env peerEnv) (res *PeerResult, err error) {
	log := opts.Logger
	res = &PeerResult{Engine: "weaviate", WeaviateTransport: "gRPC (Go client v5 search API)",
		Vitae: EngineFigures{BulletsPerSec: env.buildRate, BytesPerBullet: env.bytesPer}}
	res.LoadAvg[0] = LoadAvg()
	defer func() {
		if res != nil {
			res.LoadAvg[1] = LoadAvg()
		}
	}()

	node, err := StartWeaviate(ctx, opts.WeaviateServer, filepath.Join(env.dir, "weaviate"))
	if err != nil {
		return nil, err
	}
	defer func() {
		if serr := node.Stop(); err == nil && serr != nil {
			err = serr
		}
	}()
	peer, err := connectWeaviate(node)
	if err != nil {
		return nil, err
	}
	st, err := env.ix.Stats()
	if err != nil {
		return nil, fmt.Errorf("bench: weaviate peer: %w", err)
	}
	if err := peer.createClass(ctx, opts.Index.HNSW.EfSearchFor(st.Vectors)); err != nil {
		return nil, err
	}
	log.Info("bench: weaviate import", "dir", node.Dir)
	if res.Bullets, res.EmbedSeconds, res.ImportSeconds, err = importToPeer(ctx, env.ix, env.l, peer); err != nil {
		return nil, fmt.Errorf("%w; weaviate log:\n%s", err, node.Tail())
	}
	if n, err := peer.count(ctx); err != nil || n != res.Bullets {
		return nil, fmt.Errorf("bench: weaviate holds %d bullets of %d (%v)", n, res.Bullets, err)
	}
	if s := res.EmbedSeconds + res.ImportSeconds; s > 0 {
		res.Weaviate.BulletsPerSec = float64(res.Bullets) / s
	}
	// Weaviate keeps recent writes in memtables (BM25 over them is slow)
	// until it flushes them: a clean stop flushes everything, so the
	// disk figure is read then, and the queries meet the server as it
	// serves after a restart, settled.
	log.Info("bench: weaviate restart after the import")
	if err := node.Stop(); err != nil {
		return nil, err
	}
	if res.Bullets > 0 {
		res.Weaviate.BytesPerBullet = float64(DirSize(node.Dir)) / float64(res.Bullets)
	}
	if err := node.Restart(ctx); err != nil {
		return nil, err
	}
	if peer, err = connectWeaviate(node); err != nil {
		return nil, err
	}
	gc()

	vitaeSearch, transport, closeVitae, err := vitaeSearcher(env)
	if err != nil {
		return nil, err
	}
	defer closeVitae()
	res.VitaeTransport = transport
	weaviateSearch := func(ctx context.Context, mode vitae.Mode, i int) (int, error) {
		q := env.queries[i]
		var vec []float32
		if mode != vitae.ModeKeyword { // the client embeds the query, as Vitae does inside
			vs, err := env.l.Embed(ctx, []string{q}, vitae.InputQuery)
			if err != nil {
				return 0, err
			}
			vec = vs[0]
		}
		return peer.search(ctx, mode, q, vec)
	}
	engines := []struct {
		fig *EngineFigures
		fn  searchFunc
	}{{&res.Vitae, vitaeSearch}, {&res.Weaviate, weaviateSearch}}
	for _, e := range engines {
		e.fig.Latency, e.fig.Hits, e.fig.Throughput = map[string]Latency{}, map[string]int{}, map[string]*Throughput{}
	}
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		for _, e := range engines {
			log.Info("bench: peer latency", "mode", mode)
			lat, hits, err := timeQueries(ctx, len(env.queries), opts.Rounds, func(ctx context.Context, i int) (int, error) {
				return e.fn(ctx, mode, i)
			})
			if err != nil {
				return nil, err
			}
			e.fig.Latency[string(mode)], e.fig.Hits[string(mode)] = lat, hits
		}
	}
	log.Info("bench: peer latency, hybrid over GraphQL")
	res.WeaviateHybridGraphQL, _, err = timeQueries(ctx, len(env.queries), opts.Rounds, func(ctx context.Context, i int) (int, error) {
		vs, err := env.l.Embed(ctx, []string{env.queries[i]}, vitae.InputQuery)
		if err != nil {
			return 0, err
		}
		return peer.hybridGraphQL(ctx, env.queries[i], vs[0])
	})
	if err != nil {
		return nil, err
	}
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeHybrid} {
		for _, e := range engines {
			log.Info("bench: peer throughput", "mode", mode, "clients", opts.PeerClients)
			e.fig.Throughput[string(mode)] = drive(ctx, opts.PeerClients, opts.HTTPDuration, len(env.queries),
				func(ctx context.Context, i int) (int, error) { return e.fn(ctx, mode, i) })
		}
	}
	gc()
	res.Vitae.RSS, res.Weaviate.RSS = RSS(), node.RSS()
	return res, nil
}

// importToPeer reads the bullets from ix in ID order, embeds their texts
// with l (the vectors Vitae stored) and imports them into peer, timing the
// two apart.
func importToPeer(ctx context.Context, ix *index.Index, l *embed.Local, peer *weaviatePeer) (n int, embedSec, importSec float64, err error) {
	var ids []string
	if err := ix.MissingVectors(ctx, "", func(id, _ string) error {
		ids = append(ids, id)
		return nil
	}); err != nil {
		return 0, 0, 0, err
	}
	var embedT, importT time.Duration
	for lo := 0; lo < len(ids); lo += peerBatch {
		chunk := ids[lo:min(lo+peerBatch, len(ids))]
		byID, err := ix.Bullets(chunk)
		if err != nil {
			return n, 0, 0, err
		}
		bullets := make([]vitae.Bullet, 0, len(chunk))
		texts := make([]string, 0, len(chunk))
		for _, id := range chunk {
			if b, ok := byID[id]; ok {
				bullets, texts = append(bullets, b), append(texts, b.Text)
			}
		}
		t := time.Now()
		vecs, err := l.Embed(ctx, texts, vitae.InputDocument)
		if err != nil {
			return n, 0, 0, err
		}
		t2 := time.Now()
		if err := peer.load(ctx, bullets, vecs); err != nil {
			return n, 0, 0, err
		}
		embedT, importT = embedT+t2.Sub(t), importT+time.Since(t2)
		n += len(bullets)
	}
	return n, embedT.Seconds(), importT.Seconds(), nil
}

// vitaeSearcher asks Vitae over its HTTP API (POST /api/v1/search,
// facets off) on a loopback port when there is a handler, else calls the
// engine in-process.
func vitaeSearcher(env peerEnv) (searchFunc, string, func(), error) {
	if env.handler == nil {
		fn := func(ctx context.Context, mode vitae.Mode, i int) (int, error) {
			r, err := env.eng.Search(ctx, vitae.Query{Text: env.queries[i], Mode: mode, Limit: 10})
			if err != nil {
				return 0, err
			}
			return len(r.Hits), nil
		}
		return fn, "in-process (search.Engine)", func() {}, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, fmt.Errorf("bench: listen: %w", err)
	}
	srv := &http.Server{Handler: env.handler, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	url := "http://" + ln.Addr().String() + "/api/v1/search"
	tr := &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	fn := func(ctx context.Context, mode vitae.Mode, i int) (int, error) {
		body, _ := json.Marshal(map[string]any{"query": env.queries[i], "mode": mode, "limit": 10, "facets": false})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
			return 0, fmt.Errorf("vitae search: %s: %s", resp.Status, msg)
		}
		var out struct {
			Hits []json.RawMessage `json:"hits"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			return 0, fmt.Errorf("vitae search: %w", err)
		}
		return len(out.Hits), nil
	}
	stop := func() {
		srv.Close()
		tr.CloseIdleConnections()
	}
	return fn, "HTTP JSON (POST /api/v1/search, facets off)", stop, nil
}
