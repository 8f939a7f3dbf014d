package bench

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/index"
	"vitae/match"
	"vitae/search"
	"vitae/web"
)

// Options steer a benchmark run. Zero values take the defaults.
type Options struct {
	Sizes            []int         // bullets; default 10k and 100k
	Seed             uint64        // corpus and query seed; default 1
	CorpusDir        string        // real résumés the corpus is generated from
	EvalFile         string        // dev relevance set: its queries join the query set
	JobsFile         string        // job descriptions for match latency
	Match            match.Options // how match latency's Matcher matches (the configuration's)
	WorkDir          string        // where indexes are built; default a temp dir, removed after
	GeneratedQueries int           // generated queries beside the eval ones; default 170
	Rounds           int           // timed passes over the query set per mode; default 3
	Clients          int           // HTTP load clients; default 32
	HTTPDuration     time.Duration
	Index            index.Options // Path is ignored; ANNThreshold etc. apply
	// Handler builds the HTTP handler serving an engine, logging to the
	// audit log when one is given (cmd passes web.New); nil skips the
	// HTTP load.
	Handler func(*search.Engine, web.Auditor) (http.Handler, error)
	// AuditPairs is how many off/on pairs of HTTP segments of
	// AuditSegment (default 1s) measure the audit log's cost; 0 skips it.
	AuditPairs   int
	AuditSegment time.Duration
	// Checkpoint, if set, gets the report so far after each phase, so a
	// long run that is stopped still leaves what it measured.
	Checkpoint func(*Report)
	// HeapProfile, if set, is the prefix of a heap profile (pprof) written
	// at the end of each size while its index is still open: PREFIX-N.pprof.
	HeapProfile string
	// WeaviateServer, if set, is the path of weaviate-server: each size is
	// then also loaded into a Weaviate node started for it and measured
	// beside Vitae (SizeResult.Weaviate).
	WeaviateServer string
	PeerClients    int // concurrent clients of the peer throughput; default 16
	// BackendServer, if set, is the path of weaviate-server: after the
	// embedded figures of each size, Vitae itself is measured on its
	// Weaviate backend on a node started for it (SizeResult.Backend).
	BackendServer string
	Logger        *slog.Logger

	// Keep leaves each size's index (with its HNSW graph and trained
	// embedder) under WorkDir, and a later run with the same WorkDir and
	// Keep reopens it instead of generating and building again: the
	// serving figures at 1M without a 10-minute build each time. A reused
	// size has no build figures.
	Keep bool
	// SkipRaw skips the bare-bleve build (the indexing ceiling).
	SkipRaw bool
}

func (o Options) withDefaults() Options {
	if len(o.Sizes) == 0 {
		o.Sizes = []int{10_000, 100_000}
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.GeneratedQueries <= 0 {
		o.GeneratedQueries = 170
	}
	if o.Rounds <= 0 {
		o.Rounds = 3
	}
	if o.Clients <= 0 {
		o.Clients = 32
	}
	if o.PeerClients <= 0 {
		o.PeerClients = 16
	}
	if o.HTTPDuration <= 0 {
		o.HTTPDuration = 10 * time.Second
	}
	if o.AuditSegment <= 0 {
		o.AuditSegment = time.Second
	}
	if o.Index.ANNThreshold == 0 {
		o.Index.ANNThreshold = 50000 // the index's own default, stated so the report can show it
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// SizeResult holds every figure measured at one corpus size.
type SizeResult struct {
	Bullets         int                `json:"bullets"`
	Resumes         int                `json:"resumes"`
	GenerateSeconds float64            `json:"generate_seconds"`
	Raw             *Build             `json:"raw_bleve"`
	Keyword         *Build             `json:"keyword"`
	Semantic        *Build             `json:"semantic"`
	Latency         map[string]Latency `json:"latency"` // keyword, semantic, hybrid, match, match-25kb
	KNN             *KNN               `json:"knn"`
	HTTP            *HTTPLoad          `json:"http,omitempty"`           // as the API defaults: with facets
	HTTPNoFacets    *HTTPLoad          `json:"http_no_facets,omitempty"` // "facets": false
	Audit           *AuditLoad         `json:"audit,omitempty"`          // the audit log off and on
	ServingRSS      int64              `json:"serving_rss_bytes"`        // after build, corpus dropped
	ServingPeakRSS  int64              `json:"serving_peak_rss_bytes"`   // during ANN build, queries and load (not the exact kNN reference)
	Restart         *Restart           `json:"restart,omitempty"`
	// Reused: the index was kept by an earlier run (Options.Keep), opened
	// in ReusedOpenSeconds, and not built in this one.
	Reused            bool    `json:"reused,omitempty"`
	ReusedOpenSeconds float64 `json:"reused_open_seconds,omitempty"`
	// The anonymous part (heap), without the index files mapped in.
	ServingAnonRSS     int64 `json:"serving_anon_rss_bytes,omitempty"`
	ServingPeakAnonRSS int64 `json:"serving_peak_anon_rss_bytes,omitempty"`
	// What the resident set was made of at its highest sample while
	// serving, and at the end of serving (before the restart).
	ServingPeakParts RSSParts `json:"serving_peak_rss_parts,omitempty"`
	ServingEndParts  RSSParts `json:"serving_end_rss_parts,omitempty"`
	// LoadAvg is the 1-minute load average when the size started and
	// ended: above the CPU count, other processes shared the machine.
	LoadAvg [2]float64 `json:"loadavg_start_end"`
	// Weaviate is the peer measured beside Vitae (Options.WeaviateServer).
	Weaviate *PeerResult `json:"weaviate,omitempty"`
	// Backend is Vitae on its Weaviate backend (Options.BackendServer).
	Backend *BackendResult `json:"backend,omitempty"`
}

// FullBuildSeconds is indexing with the embedder plus the HNSW graph.
func (s *SizeResult) FullBuildSeconds() float64 {
	if s.Semantic == nil {
		return 0
	}
	return s.Semantic.Seconds + s.Semantic.ANNSeconds
}

// Report is a whole run.
type Report struct {
	Machine  Machine      `json:"machine"`
	Quantize bool         `json:"quantize,omitempty"` // int8 vectors
	Seed     uint64       `json:"seed"`
	Source   int          `json:"source_bullets"`
	Queries  int          `json:"queries"`
	EvalQs   int          `json:"eval_queries"`
	Jobs     int          `json:"jobs"`
	Sizes    []SizeResult `json:"sizes"`
	Targets  []Target     `json:"targets"`
	Started  time.Time    `json:"started"`
	Duration float64      `json:"duration_seconds"`
}

// Run generates each corpus size and measures it. Progress goes to the
// logger; a failure at one size ends the run with the sizes done so far.
func Run(ctx context.Context, opts Options) (*Report, error) {
	opts = opts.withDefaults()
	log := opts.Logger
	rep := &Report{Machine: DescribeMachine(), Quantize: opts.Index.Quantize, Seed: opts.Seed, Started: time.Now()}
	resumes, _, err := LoadResumes(opts.CorpusDir)
	if err != nil {
		return nil, err
	}
	source := Bullets(resumes)
	resumes = nil
	rep.Source = len(source)
	var evalQs []string
	if opts.EvalFile != "" {
		eq, err := ReadEvalFile(opts.EvalFile)
		if err != nil {
			return nil, err
		}
		rep.EvalQs = len(eq)
		queries := Queries(eq, source, opts.GeneratedQueries, opts.Seed)
		evalQs = queries
	} else {
		evalQs = Queries(nil, source, opts.GeneratedQueries, opts.Seed)
	}
	rep.Queries = len(evalQs)
	var jobs []string
	if opts.JobsFile != "" {
		if jobs, err = ReadJobs(opts.JobsFile); err != nil {
			return nil, err
		}
	}
	rep.Jobs = len(jobs)

	work := opts.WorkDir
	if work == "" {
		if work, err = os.MkdirTemp("", "vitae-bench-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(work)
	}
	for _, n := range opts.Sizes {
		log.Info("bench: size", "bullets", n)
		done := len(rep.Sizes)
		save := func(sr *SizeResult) {
			rep.Sizes = append(rep.Sizes[:done], *sr)
			rep.Targets = Targets(rep)
			rep.Duration = time.Since(rep.Started).Seconds()
			if opts.Checkpoint != nil {
				opts.Checkpoint(rep)
			}
		}
		sr, err := runSize(ctx, opts, filepath.Join(work, fmt.Sprint(n)), n, source, evalQs, jobs, save)
		if sr != nil {
			save(sr)
		}
		if err != nil {
			return rep, fmt.Errorf("bench: %d bullets: %w", n, err)
		}
	}
	return rep, nil
}

// longJobRounds is how many times the long job description is matched.
const longJobRounds = 7

func runSize(ctx context.Context, opts Options, dir string, n int, source []vitae.Bullet, queries, jobs []string, checkpoint func(*SizeResult)) (sr *SizeResult, err error) {
	log := opts.Logger
	if !opts.Keep {
		defer os.RemoveAll(dir)
	}
	load := LoadAvg()
	defer func() {
		if sr != nil {
			sr.LoadAvg = [2]float64{load, LoadAvg()}
		}
	}()
	ixDir := filepath.Join(dir, "semantic")
	var ix *index.Index
	defer func() {
		if ix != nil {
			ix.Close()
		}
	}()
	var l *embed.Local
	b := &Build{} // stays empty for a reused index
	reused := false
	if opts.Keep {
		var open time.Duration
		if ix, l, open, reused, err = OpenKept(dir, opts.Index); err != nil {
			return nil, err
		}
		if reused {
			st, err := ix.Stats()
			if err != nil {
				return nil, fmt.Errorf("bench: kept index: %w", err)
			}
			log.Info("bench: reusing the kept index", "dir", dir, "bullets", st.Bullets, "open_seconds", open.Seconds())
			sr = &SizeResult{Bullets: st.Bullets, Resumes: st.Resumes, Latency: map[string]Latency{},
				Reused: true, ReusedOpenSeconds: open.Seconds()}
		}
	}
	if !reused {
		if opts.Keep {
			// A build that did not finish left no model: start clean.
			if err := os.RemoveAll(dir); err != nil {
				return nil, fmt.Errorf("bench: clear %s: %w", dir, err)
			}
		}
		if sr, ix, l, b, err = buildSize(ctx, opts, dir, n, source, checkpoint); err != nil {
			return sr, err
		}
	}
	gc()
	sr.ServingRSS, sr.ServingAnonRSS = RSS(), AnonRSS()
	ResetPeakRSS()
	stopAnon, stopParts := anonPeak(100*time.Millisecond), peakParts(500*time.Millisecond)
	anonStopped := false
	defer func() {
		if !anonStopped {
			stopAnon()
			stopParts()
		}
	}()

	log.Info("bench: approximate index", "bullets", n, "semantic_per_sec", int(b.BulletsPerSec))
	ann, err := WarmANN(ctx, ix, l)
	if err != nil {
		return sr, err
	}
	if !reused && opts.Index.ANNThreshold > 0 && sr.Bullets > opts.Index.ANNThreshold {
		b.ANNSeconds = ann.Seconds()
	}
	checkpoint(sr)
	eng := search.New(ix, l, search.Options{})
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		log.Info("bench: query latency", "bullets", n, "mode", mode)
		lat, err := QueryLatency(ctx, eng, queries, mode, opts.Rounds)
		if err != nil {
			return sr, err
		}
		sr.Latency[string(mode)] = lat
		checkpoint(sr)
	}
	log.Info("bench: match latency", "bullets", n, "jobs", len(jobs))
	if sr.Latency["match"], err = MatchLatency(ctx, eng, jobs, opts.Match); err != nil {
		return sr, err
	}
	if len(jobs) > 0 {
		log.Info("bench: match latency, one long job description", "bullets", n, "bytes", LongJobSize)
		long := slices.Repeat([]string{LongJob(jobs, LongJobSize)}, longJobRounds)
		if sr.Latency["match-25kb"], err = MatchLatency(ctx, eng, long, opts.Match); err != nil {
			return sr, err
		}
	}
	log.Info("bench: exact vs approximate kNN", "bullets", n)
	// The exact reference scans every float row (1 GB at 1M), which no
	// search of a server does: the serving peak leaves it out.
	peak, parts := PeakRSS(), stopParts()
	stopParts = func() RSSParts { return nil }
	if sr.KNN, err = CompareKNN(ctx, ix, l, queries, opts.Index.ANNThreshold); err != nil {
		return sr, err
	}
	if sr.KNN.ANNUsed {
		sr.KNN.EfSearch = opts.Index.HNSW.EfSearchFor(sr.KNN.Vectors)
	}
	checkpoint(sr)
	ResetPeakRSS()
	stopParts = peakParts(500 * time.Millisecond)
	if opts.Handler != nil {
		h, err := opts.Handler(eng, nil)
		if err != nil {
			return sr, err
		}
		log.Info("bench: HTTP load", "bullets", n, "clients", opts.Clients, "seconds", 2*opts.HTTPDuration.Seconds())
		if sr.HTTP, err = LoadSearch(ctx, h, queries, string(vitae.ModeHybrid), true, opts.Clients, opts.HTTPDuration); err != nil {
			return sr, err
		}
		if sr.HTTPNoFacets, err = LoadSearch(ctx, h, queries, string(vitae.ModeHybrid), false, opts.Clients, opts.HTTPDuration); err != nil {
			return sr, err
		}
		if opts.AuditPairs > 0 {
			log.Info("bench: HTTP load with the audit log off and on", "bullets", n, "seconds", 2*float64(opts.AuditPairs)*opts.AuditSegment.Seconds())
			build := func(a web.Auditor) (http.Handler, error) { return opts.Handler(eng, a) }
			if sr.Audit, err = auditLoad(ctx, h, build, filepath.Join(dir, "audit"), queries, opts.Clients, opts.AuditPairs, opts.AuditSegment); err != nil {
				return sr, err
			}
			checkpoint(sr)
		}
	}
	sr.ServingPeakRSS = max(peak, PeakRSS())
	sr.ServingPeakAnonRSS, anonStopped = stopAnon(), true // the restart below is not serving
	sr.ServingPeakParts, sr.ServingEndParts = stopParts(), MappedRSS()
	if parts.Total() > sr.ServingPeakParts.Total() {
		sr.ServingPeakParts = parts
	}
	if opts.WeaviateServer != "" {
		var h http.Handler
		if opts.Handler != nil {
			if h, err = opts.Handler(eng, nil); err != nil {
				return sr, err
			}
		}
		// After the serving figures: the peer phase holds a second
		// client and the import's vectors for a while.
		log.Info("bench: weaviate beside vitae", "bullets", n)
		sr.Weaviate, err = runWeaviatePeer(ctx, opts, peerEnv{ix: ix, l: l, eng: eng, handler: h, queries: queries,
			dir: dir, buildRate: float64(sr.Bullets) / sr.FullBuildSeconds(), bytesPer: b.BytesPerBullet})
		if err != nil {
			return sr, fmt.Errorf("weaviate peer: %w", err)
		}
		checkpoint(sr)
	}
	if opts.HeapProfile != "" {
		if err := writeHeapProfile(fmt.Sprintf("%s-%d.pprof", opts.HeapProfile, n)); err != nil {
			return sr, err
		}
	}
	log.Info("bench: close and reopen", "bullets", n)
	sr.Restart, err = Reopen(ix, ixDir, opts.Index)
	ix = nil
	if err != nil || opts.BackendServer == "" {
		return sr, err
	}
	// With the embedded index closed, so that the process's RSS is Vitae
	// serving from Weaviate.
	checkpoint(sr)
	gc()
	log.Info("bench: vitae on its weaviate backend", "bullets", n)
	if sr.Backend, err = runBackend(ctx, opts, n, backendEnv{l: l, source: source, queries: queries, jobs: jobs, dir: dir}); err != nil {
		return sr, fmt.Errorf("weaviate backend: %w", err)
	}
	return sr, nil
}

// writeHeapProfile writes what is live now (after a collection) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: heap profile: %w", err)
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("bench: heap profile %s: %w", path, err)
	}
	return f.Close()
}

// Machine describes where a run happened.
type Machine struct {
	CPUs       int    `json:"cpus"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	CPUModel   string `json:"cpu_model"`
	MemTotal   int64  `json:"mem_total_bytes"`
	Go         string `json:"go"`
	OS         string `json:"os"`
	// MemoryLimit is the heap soft limit of the run (index.memory_limit or
	// GOMEMLIMIT), 0 when there was none.
	MemoryLimit int64 `json:"memory_limit_bytes,omitempty"`
}

// DescribeMachine reads the CPU count and model and the memory size.
func DescribeMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	m.CPUModel = procField("/proc/cpuinfo", "model name")
	m.MemTotal = procKB("/proc/meminfo", "MemTotal:")
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		m.MemoryLimit = l
	}
	return m
}
