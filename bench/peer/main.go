// Command peer measures SQLite FTS5 (bm25, via the pure-Go modernc.org
// driver) beside Vitae in the same run, on the same generated bullets and
// the same queries: query latency, and nDCG@10 on the dev relevance set
// over the real corpus. It is its own module so the main build never
// links SQLite.
//
//	cd bench/peer && go run . --sizes 10k,100k
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"vitae"
	"vitae/bench"
	"vitae/eval"
	"vitae/index"
	"vitae/search"
)

// sizeResult is one corpus size: both engines' latencies and their ratios.
type sizeResult struct {
	Bullets       int           `json:"bullets"`
	FTSLoad       float64       `json:"fts5_bullets_per_sec"`
	FTSBytes      float64       `json:"fts5_bytes_per_bullet"`
	FTS           bench.Latency `json:"fts5"`
	VitaeKeyword  bench.Latency `json:"vitae_keyword"`
	VitaeHybrid   bench.Latency `json:"vitae_hybrid"`
	KeywordRatio  [3]float64    `json:"keyword_over_fts5_p50_p95_p99"`
	HybridRatio   [3]float64    `json:"hybrid_over_fts5_p50_p95_p99"`
	VitaeBuildSec float64       `json:"vitae_build_seconds"`
}

// quality is nDCG@10 and friends of each engine on the dev set.
type quality struct {
	Engine   string  `json:"engine"`
	NDCG10   float64 `json:"ndcg@10"`
	Recall10 float64 `json:"recall@10"`
	MRR10    float64 `json:"mrr@10"`
}

type report struct {
	Machine bench.Machine `json:"machine"`
	Seed    uint64        `json:"seed"`
	Queries int           `json:"queries"`
	Quality []quality     `json:"quality"`
	Sizes   []sizeResult  `json:"sizes"`
}

func main() {
	var (
		sizes, corpus, evalFile, out string
		seed                         uint64
		rounds, generated            int
		asJSON                       bool
	)
	flag.StringVar(&sizes, "sizes", "10k,100k", "corpus sizes in bullets (k and M suffixes; 1M is opt-in)")
	flag.StringVar(&corpus, "corpus", "../../../shared/corpus/jsonresume", "real résumés: the eval corpus and the source of generated ones")
	flag.StringVar(&evalFile, "queries", "../../eval/queries-dev.jsonl", "dev relevance set")
	flag.Uint64Var(&seed, "seed", 1, "corpus and query seed (the same as vitae bench's)")
	flag.IntVar(&rounds, "rounds", 3, "timed passes over the query set")
	flag.IntVar(&generated, "generated-queries", 170, "generated queries beside the eval ones")
	flag.BoolVar(&asJSON, "json", false, "print JSON instead of tables")
	flag.StringVar(&out, "json-out", "", "also write the JSON report here")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := run(ctx, sizes, corpus, evalFile, seed, rounds, generated)
	if err != nil {
		fmt.Fprintln(os.Stderr, "peer:", err)
		if rep == nil {
			os.Exit(1)
		}
	}
	if out != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if werr := os.WriteFile(out, append(data, '\n'), 0o644); werr != nil {
			fmt.Fprintln(os.Stderr, "peer:", werr)
		}
	}
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		printReport(rep)
	}
	if err != nil {
		os.Exit(1)
	}
}

func run(ctx context.Context, sizes, corpus, evalFile string, seed uint64, rounds, generated int) (*report, error) {
	ns, err := parseSizes(sizes)
	if err != nil {
		return nil, err
	}
	real, _, err := bench.LoadResumes(corpus)
	if err != nil {
		return nil, err
	}
	evalQs, err := bench.ReadEvalFile(evalFile)
	if err != nil {
		return nil, err
	}
	source := bench.Bullets(real)
	queries := bench.Queries(evalQs, source, generated, seed)
	rep := &report{Machine: bench.DescribeMachine(), Seed: seed, Queries: len(queries)}
	work, err := os.MkdirTemp("", "vitae-peer-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	logf("quality: %d résumés, %d bullets, %d judged queries", len(real), len(source), len(evalQs))
	if rep.Quality, err = measureQuality(ctx, filepath.Join(work, "quality"), real, evalQs); err != nil {
		return rep, err
	}
	for _, n := range ns {
		logf("size %d", n)
		sr, err := measureSize(ctx, filepath.Join(work, strconv.Itoa(n)), n, source, queries, seed, rounds)
		if err != nil {
			return rep, err
		}
		rep.Sizes = append(rep.Sizes, *sr)
	}
	return rep, nil
}

// measureQuality indexes the real corpus in both engines and scores the
// top 50 of each dev query.
func measureQuality(ctx context.Context, dir string, real []*vitae.Resume, qs []eval.Query) ([]quality, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := openFTS(filepath.Join(dir, "fts.db"))
	if err != nil {
		return nil, err
	}
	defer f.close()
	if err := f.load(ctx, real); err != nil {
		return nil, err
	}
	var ftsQ quality
	ftsQ.Engine = "SQLite FTS5 bm25"
	for _, q := range qs {
		ranked, err := f.search(ctx, q.Query, 50)
		if err != nil {
			return nil, err
		}
		grades := map[string]int{}
		for _, j := range q.Judgments {
			grades[j.Ref] = j.Grade
		}
		m := eval.Score(ranked, grades)
		ftsQ.NDCG10 += m.NDCG10 / float64(len(qs))
		ftsQ.Recall10 += m.Recall10 / float64(len(qs))
		ftsQ.MRR10 += m.MRR10 / float64(len(qs))
	}
	out := []quality{ftsQ}
	ix, l, _, err := bench.BuildSemantic(ctx, filepath.Join(dir, "vitae"), index.Options{}, real)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	eng := search.New(ix, l, search.Options{})
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		r, err := eval.Evaluate(ctx, eng, eng, qs, mode, 0.5)
		if err != nil {
			return nil, err
		}
		out = append(out, quality{Engine: "Vitae " + string(mode), NDCG10: r.NDCG10, Recall10: r.Recall10, MRR10: r.MRR10})
	}
	return out, nil
}

func measureSize(ctx context.Context, dir string, n int, source []vitae.Bullet, queries []string, seed uint64, rounds int) (*sizeResult, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	resumes, err := bench.Generate(source, bench.CorpusOptions{Bullets: n, Seed: seed})
	if err != nil {
		return nil, err
	}
	sr := &sizeResult{Bullets: bench.Count(resumes)}

	logf("  FTS5: load %d bullets", sr.Bullets)
	f, err := openFTS(filepath.Join(dir, "fts.db"))
	if err != nil {
		return nil, err
	}
	defer f.close()
	t := time.Now()
	if err := f.load(ctx, resumes); err != nil {
		return nil, err
	}
	sr.FTSLoad = float64(sr.Bullets) / time.Since(t).Seconds()
	sr.FTSBytes = float64(bench.DirSize(dir)) / float64(sr.Bullets)
	logf("  FTS5: %d queries × %d", len(queries), rounds)
	ds, err := f.timeQueries(ctx, queries, rounds)
	if err != nil {
		return nil, err
	}
	sr.FTS = bench.Summarize(ds)

	logf("  Vitae: index with the built-in embedder")
	ix, l, b, err := bench.BuildSemantic(ctx, filepath.Join(dir, "vitae"), index.Options{}, resumes)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	sr.VitaeBuildSec = b.Seconds
	if _, err := bench.WarmANN(ctx, ix, l); err != nil {
		return nil, err
	}
	eng := search.New(ix, l, search.Options{})
	logf("  Vitae: keyword and hybrid queries")
	if sr.VitaeKeyword, err = bench.QueryLatency(ctx, eng, queries, vitae.ModeKeyword, rounds); err != nil {
		return nil, err
	}
	if sr.VitaeHybrid, err = bench.QueryLatency(ctx, eng, queries, vitae.ModeHybrid, rounds); err != nil {
		return nil, err
	}
	sr.KeywordRatio = ratios(sr.VitaeKeyword, sr.FTS)
	sr.HybridRatio = ratios(sr.VitaeHybrid, sr.FTS)
	return sr, nil
}

func ratios(a, b bench.Latency) [3]float64 {
	div := func(x, y float64) float64 {
		if y == 0 {
			return 0
		}
		return x / y
	}
	return [3]float64{div(a.P50, b.P50), div(a.P95, b.P95), div(a.P99, b.P99)}
}

func printReport(r *report) {
	fmt.Printf("machine: %d CPUs, %s; seed %d; %d queries\n\n", r.Machine.CPUs, r.Machine.CPUModel, r.Seed, r.Queries)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "dev set, real corpus\tnDCG@10\trecall@10\tMRR@10")
	for _, q := range r.Quality {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\n", q.Engine, q.NDCG10, q.Recall10, q.MRR10)
	}
	tw.Flush()
	fmt.Println()
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "bullets\tFTS5 load/s\tFTS5 B/bullet\tFTS5 p50/p95/p99 ms\tVitae keyword p50/p95/p99 ms\tVitae hybrid p50/p95/p99 ms\tkeyword/FTS5 (p50, p95, p99)\thybrid/FTS5 (p50, p95, p99)")
	for _, s := range r.Sizes {
		fmt.Fprintf(tw, "%d\t%.0f\t%.0f\t%s\t%s\t%s\t%s\t%s\n", s.Bullets, s.FTSLoad, s.FTSBytes, lat(s.FTS), lat(s.VitaeKeyword), lat(s.VitaeHybrid), rat(s.KeywordRatio), rat(s.HybridRatio))
	}
	tw.Flush()
}

func lat(l bench.Latency) string { return fmt.Sprintf("%.2f / %.2f / %.2f", l.P50, l.P95, l.P99) }
func rat(r [3]float64) string    { return fmt.Sprintf("%.2f×, %.2f×, %.2f×", r[0], r[1], r[2]) }

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s peer: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		mul := 1
		switch {
		case strings.HasSuffix(p, "k"):
			mul, p = 1000, strings.TrimSuffix(p, "k")
		case strings.HasSuffix(p, "M"):
			mul, p = 1_000_000, strings.TrimSuffix(p, "M")
		}
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("--sizes: %q is not a positive size", p)
		}
		out = append(out, n*mul)
	}
	return out, nil
}
