package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"vitae/bench"
	"vitae/index/weaviate"
	"vitae/match"
	"vitae/search"
	"vitae/web"
)

func newBenchCmd(g *globals) *cobra.Command {
	var (
		sizes                    string
		opts                     bench.Options
		asJSON, markdown         bool
		jsonOut, svgOut, cpuprof string
		from                     []string
		noHTTP                   bool
		peer, weaviateServer     string
		backend                  string
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure indexing, search latency, kNN recall, memory and HTTP throughput at scale",
		Long: `Bench generates corpora of the given sizes from the real bullets under
--corpus (clauses recombined, metadata shuffled, fixed seed), and for each:
indexes them with raw bleve batches (the ceiling), keyword-only and with the
built-in embedder; times keyword, semantic and hybrid search and job
matching; compares exact and HNSW kNN (latency, recall@10); loads
POST /api/v1/search on loopback with concurrent clients; and measures the
audit log's cost to that throughput, the log off and on in short segments
interleaved off, on, on, off (--audit-pairs, --audit-segment). Index settings
(batch_size, quantize, ann_threshold, hnsw) come from the configuration.

With --peer weaviate, each size is also imported into a weaviate-server
that bench starts on loopback (data under the work dir, stopped after the
size), with the same vectors, and both engines are timed back to back on
the same queries: keyword (BM25), semantic (nearVector), hybrid (alpha
0.5), throughput with --peer-clients, RSS, disk; Weaviate over gRPC.

With --backend weaviate, each size is then also measured as Vitae on its
Weaviate backend (index.backend: weaviate) on a weaviate-server bench
starts: filled through the pipeline (Upsert, then the vectors of the
embedded build's trained model), and timed with the same functions as
the embedded index: query and match latency, HTTP load, RSS of both
processes, disk per bullet; a table compares the two backends.

It takes minutes at 100k bullets and much longer at 1M; it uses every core.
--from re-renders saved --json reports (merged) without measuring.`,
		Example: `  vitae bench                                   # 10k and 100k bullets
  vitae bench --sizes 10k,100k,1M --json-out bench.json --svg BENCHMARKS.svg
  vitae bench --sizes 10k,100k --peer weaviate --json-out peer.json
  vitae bench --sizes 10k,100k --backend weaviate --json-out backend.json
  vitae bench --from bench.json --from bench-1m.json --svg BENCHMARKS.svg`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var rep *bench.Report
			if len(from) > 0 {
				r, err := mergeReports(from)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				rep = r
			} else {
				ns, err := parseSizes(sizes)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				cfg, log, err := g.load(cmd, nil)
				if err != nil {
					return err
				}
				opts.Sizes = ns
				if opts.Keep && opts.WorkDir == "" {
					return &exitError{code: 2, err: errors.New("--keep needs --work-dir")}
				}
				if opts.WeaviateServer, opts.BackendServer, err = weaviateServers(peer, backend, weaviateServer); err != nil {
					return &exitError{code: 2, err: err}
				}
				opts.Index.BatchSize = cfg.Index.BatchSize
				opts.Index.Quantize = cfg.Index.Quantize
				opts.Index.ANNThreshold = cfg.Index.ANNThreshold
				opts.Index.HNSW = hnswOptions(cfg)
				opts.Match = matchOptions(cfg)
				opts.Logger = log
				if jsonOut != "" {
					opts.Checkpoint = func(r *bench.Report) { _ = writeJSONFile(jsonOut, r) }
				}
				if !noHTTP {
					opts.Handler = func(e *search.Engine, a web.Auditor) (http.Handler, error) {
						return web.New(e, match.New(e, opts.Match), web.Config{SemanticRatio: cfg.Search.SemanticRatio, Audit: a})
					}
				}
				if cpuprof != "" {
					f, err := os.Create(cpuprof)
					if err != nil {
						return err
					}
					defer f.Close()
					if err := pprof.StartCPUProfile(f); err != nil {
						return err
					}
					defer pprof.StopCPUProfile()
				}
				rep, err = bench.Run(cmd.Context(), opts)
				if rep == nil {
					return err
				}
				if err != nil {
					fmt.Fprintln(g.stderr, "vitae: bench stopped early:", err)
				}
			}
			if jsonOut != "" {
				if err := writeJSONFile(jsonOut, rep); err != nil {
					return err
				}
			}
			if svgOut != "" {
				f, err := os.Create(svgOut)
				if err != nil {
					return err
				}
				if err := bench.WriteSVG(f, rep); err != nil {
					f.Close()
					return err
				}
				if err := f.Close(); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(g.stdout, rep)
			}
			if markdown {
				return bench.WriteMarkdown(g.stdout, rep)
			}
			return bench.WriteTable(g.stdout, rep)
		},
	}
	f := cmd.Flags()
	f.StringVar(&sizes, "sizes", "10k,100k", "corpus sizes in bullets, comma-separated (k and M suffixes; 1M is opt-in)")
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the generated corpus and queries")
	f.StringVar(&opts.CorpusDir, "corpus", "../shared/corpus/jsonresume", "real résumés the corpus is generated from")
	f.StringVar(&opts.EvalFile, "queries", "eval/queries-dev.jsonl", "relevance set whose queries join the query set (empty: generated only)")
	f.StringVar(&opts.JobsFile, "jobs", "../shared/corpus/jobs.jsonl", "job descriptions (JSONL with a text field) for match latency")
	f.IntVar(&opts.GeneratedQueries, "generated-queries", 170, "generated queries beside the eval ones")
	f.IntVar(&opts.Rounds, "rounds", 3, "timed passes over the query set per mode")
	f.IntVar(&opts.Clients, "clients", 32, "concurrent HTTP clients")
	f.DurationVar(&opts.HTTPDuration, "http-duration", 10*time.Second, "how long the HTTP load runs per size")
	f.BoolVar(&noHTTP, "no-http", false, "skip the HTTP load")
	f.IntVar(&opts.AuditPairs, "audit-pairs", 15, "off/on pairs of HTTP segments measuring the audit log's cost, interleaved; 0 skips")
	f.DurationVar(&opts.AuditSegment, "audit-segment", time.Second, "length of each audit off/on HTTP segment")
	f.StringVar(&opts.WorkDir, "work-dir", "", "where indexes are built (default a temp dir; each is removed after its size)")
	f.BoolVar(&opts.SkipRaw, "skip-raw", false, "skip the bare-bleve build (the indexing ceiling)")
	f.BoolVar(&opts.Keep, "keep", false, "with --work-dir: keep each size's index there, and reuse one a previous --keep run left instead of building it (serving figures only)")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON instead of tables")
	f.BoolVar(&markdown, "markdown", false, "print the tables as Markdown (for BENCHMARKS.md)")
	f.StringVar(&jsonOut, "json-out", "", "also write the JSON report to this file")
	f.StringVar(&svgOut, "svg", "", "write the scaling chart (SVG) to this file")
	f.StringVar(&cpuprof, "cpuprofile", "", "write a CPU profile (pprof) of the whole run to this file")
	f.StringVar(&opts.HeapProfile, "memprofile", "", "write a heap profile (pprof) at the end of each size to PREFIX-N.pprof")
	f.StringSliceVar(&from, "from", nil, "render these saved JSON reports (merged by size) instead of measuring")
	f.StringVar(&peer, "peer", "", `measure another engine beside Vitae in the same run: "weaviate" (starts a weaviate-server on loopback per size)`)
	f.StringVar(&backend, "backend", "", `also measure Vitae on another backend beside the embedded one in the same run: "weaviate" (starts a weaviate-server on loopback per size)`)
	f.StringVar(&weaviateServer, "weaviate-server", "", "path of weaviate-server for --peer or --backend weaviate (default: PATH, then the Go bin directory)")
	f.IntVar(&opts.PeerClients, "peer-clients", 16, "concurrent clients of the peer throughput runs (both engines)")
	return cmd
}

// weaviateServers resolves --peer, --backend and --weaviate-server to the
// server binary each of the two phases starts ("" when not asked for).
func weaviateServers(peer, backend, server string) (peerBin, backendBin string, err error) {
	if peer == "" && backend == "" {
		if server != "" {
			return "", "", errors.New("--weaviate-server needs --peer weaviate or --backend weaviate")
		}
		return "", "", nil
	}
	if peer != "" && peer != "weaviate" {
		return "", "", fmt.Errorf("--peer: %q is not a known peer (want weaviate)", peer)
	}
	if backend != "" && backend != "weaviate" && backend != "embedded" {
		return "", "", fmt.Errorf("--backend: %q is not a known backend (want weaviate)", backend)
	}
	if backend == "embedded" { // measured anyway
		backend = ""
	}
	if peer == "" && backend == "" {
		return "", "", nil
	}
	if server == "" {
		if server, err = weaviate.FindServer(); err != nil {
			return "", "", err
		}
	}
	if peer != "" {
		peerBin = server
	}
	if backend != "" {
		backendBin = server
	}
	return peerBin, backendBin, nil
}

// parseSizes reads "10k,100k,1M".
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		p := strings.TrimSpace(part)
		if p == "" {
			continue
		}
		mul := 1
		switch {
		case strings.HasSuffix(p, "k"), strings.HasSuffix(p, "K"):
			mul, p = 1000, p[:len(p)-1]
		case strings.HasSuffix(p, "M"), strings.HasSuffix(p, "m"):
			mul, p = 1_000_000, p[:len(p)-1]
		}
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("--sizes: %q is not a positive size", part)
		}
		out = append(out, n*mul)
	}
	if len(out) == 0 {
		return nil, errors.New("--sizes: no sizes given")
	}
	return out, nil
}

// mergeReports joins saved reports; a size measured twice keeps the later
// file's figures.
func mergeReports(paths []string) (*bench.Report, error) {
	var out *bench.Report
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var r bench.Report
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if out == nil {
			out = &r
			continue
		}
		for _, s := range r.Sizes {
			replaced := false
			for i := range out.Sizes {
				if out.Sizes[i].Bullets == s.Bullets {
					out.Sizes[i], replaced = s, true
				}
			}
			if !replaced {
				out.Sizes = append(out.Sizes, s)
			}
		}
		out.Duration += r.Duration
	}
	slices.SortFunc(out.Sizes, func(a, b bench.SizeResult) int { return a.Bullets - b.Bullets })
	out.Targets = bench.Targets(out)
	return out, nil
}

func writeJSONFile(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
