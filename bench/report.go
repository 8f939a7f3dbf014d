package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteTable prints the report as aligned text tables: one column per
// corpus size, then the targets.
func WriteTable(w io.Writer, r *Report) error {
	m := r.Machine
	fmt.Fprintf(w, "machine: %d CPUs (GOMAXPROCS %d), %s, %.1f GiB RAM, %s %s\n", m.CPUs, m.GOMAXPROCS, m.CPUModel, float64(m.MemTotal)/gib, m.Go, m.OS)
	if m.MemoryLimit > 0 || r.Quantize {
		fmt.Fprintf(w, "settings: heap soft limit %s, int8 vectors %v\n", mib(m.MemoryLimit)+" MiB", r.Quantize)
	}
	fmt.Fprintf(w, "corpus: generated from %d real bullets, seed %d; %d queries (%d dev eval + %d generated); %d job descriptions\n\n",
		r.Source, r.Seed, r.Queries, r.EvalQs, r.Queries-r.EvalQs, r.Jobs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := "figure\t"
	for _, s := range r.Sizes {
		header += sizeLabel(s.Bullets) + "\t"
	}
	fmt.Fprintln(tw, header)
	for _, row := range Rows(r) {
		fmt.Fprintln(tw, row.Name+"\t"+strings.Join(row.Values, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tmeasured\tstatus")
	for _, t := range r.Targets {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Goal, t.Measured, t.Status)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := writePeerTables(w, r, false); err != nil {
		return err
	}
	return writeBackendTables(w, r, false)
}

// Row is one figure across the sizes of a report, formatted.
type Row struct {
	Name   string
	Values []string
}

// Rows lays the report out as figure × size, the shape of BENCHMARKS.md.
func Rows(r *Report) []Row {
	var rows []Row
	add := func(name string, f func(s *SizeResult) string) {
		row := Row{Name: name}
		for i := range r.Sizes {
			row.Values = append(row.Values, f(&r.Sizes[i]))
		}
		rows = append(rows, row)
	}
	build := func(b func(*SizeResult) *Build, f func(*Build) string) func(*SizeResult) string {
		return func(s *SizeResult) string {
			if x := b(s); x != nil {
				return f(x)
			}
			return "–"
		}
	}
	raw := func(s *SizeResult) *Build { return s.Raw }
	kw := func(s *SizeResult) *Build { return s.Keyword }
	sem := func(s *SizeResult) *Build { return s.Semantic }
	rate := func(b *Build) string { return fmt.Sprintf("%.0f", b.BulletsPerSec) }
	perBullet := func(b *Build) string { return fmt.Sprintf("%.0f", b.BytesPerBullet) }
	peak := func(b *Build) string { return mib(b.PeakRSS) }
	add("load average at start / end", func(s *SizeResult) string { return fmt.Sprintf("%.1f / %.1f", s.LoadAvg[0], s.LoadAvg[1]) })
	add("raw bleve batches, bullets/s", build(raw, rate))
	add("keyword-only index (Upsert), bullets/s", build(kw, rate))
	add("with built-in embedder, bullets/s", build(sem, rate))
	add("  with embedder / raw bleve", func(s *SizeResult) string {
		if s.Raw == nil || s.Semantic == nil || s.Raw.BulletsPerSec == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f×", s.Semantic.BulletsPerSec/s.Raw.BulletsPerSec)
	})
	add("  phases: bullets / train / embed, s", build(sem, func(b *Build) string {
		return fmt.Sprintf("%.1f / %.1f / %.1f", b.LexicalSeconds, b.TrainSeconds, b.EmbedSeconds)
	}))
	add("  HNSW graph build, s", build(sem, func(b *Build) string {
		if b.ANNSeconds == 0 {
			return "– (exact)"
		}
		return fmt.Sprintf("%.1f", b.ANNSeconds)
	}))
	add("full build incl. HNSW, s", func(s *SizeResult) string { return fmt.Sprintf("%.1f", s.FullBuildSeconds()) })
	add("restart: close / open, s (graph reused?)", func(s *SizeResult) string {
		if s.Restart == nil {
			return "–"
		}
		reused := "no graph"
		if s.Restart.Approximate {
			reused = "reused"
		}
		return fmt.Sprintf("%.1f / %.1f (%s)", s.Restart.CloseSeconds, s.Restart.OpenSeconds, reused)
	})
	add("disk, bytes/bullet: raw bleve", build(raw, perBullet))
	add("disk, bytes/bullet: keyword-only", build(kw, perBullet))
	add("disk, bytes/bullet: with vectors", build(sem, perBullet))
	add("peak RSS, MiB: keyword-only build", build(kw, peak))
	add("peak RSS, MiB: build with embedder", build(sem, peak))
	add("RSS serving, MiB (after build)", func(s *SizeResult) string { return mib(s.ServingRSS) })
	add("peak RSS serving, MiB", func(s *SizeResult) string { return mib(s.ServingPeakRSS) })
	add("  anonymous RSS (no mapped files), MiB: build peak / serving / peak", func(s *SizeResult) string {
		if s.ServingAnonRSS == 0 {
			return "–"
		}
		var b int64
		if s.Semantic != nil {
			b = s.Semantic.PeakAnonRSS
		}
		return fmt.Sprintf("%s / %s / %s", mib(b), mib(s.ServingAnonRSS), mib(s.ServingPeakAnonRSS))
	})
	for _, mode := range []string{"keyword", "semantic", "hybrid", "match"} {
		add(mode+" p50 / p95 / p99, ms", func(s *SizeResult) string {
			l, ok := s.Latency[mode]
			if !ok || l.N == 0 {
				return "–"
			}
			return fmt.Sprintf("%s / %s / %s", ms(l.P50), ms(l.P95), ms(l.P99))
		})
	}
	// Only keyword's first pass is cold: runSize times keyword first, so
	// semantic's and hybrid's find the caches it filled.
	add("keyword, first pass (caches cold): p50 / p99, ms", func(s *SizeResult) string {
		k := s.Latency["keyword"].Cold
		if k == nil || k.N == 0 {
			return "–"
		}
		return fmt.Sprintf("%s / %s", ms(k.P50), ms(k.P99))
	})
	add("match, one 25 KB job description: p50 / p95 / p99, ms", func(s *SizeResult) string {
		l, ok := s.Latency["match-25kb"]
		if !ok || l.N == 0 {
			return "–"
		}
		return fmt.Sprintf("%s / %s / %s", ms(l.P50), ms(l.P95), ms(l.P99))
	})
	add("kNN exact p50 / p99, ms", func(s *SizeResult) string {
		if s.KNN == nil {
			return "–"
		}
		return fmt.Sprintf("%s / %s", ms(s.KNN.Exact.P50), ms(s.KNN.Exact.P99))
	})
	add("kNN HNSW p50 / p99, ms", func(s *SizeResult) string {
		if s.KNN == nil || !s.KNN.ANNUsed {
			return "– (below threshold)"
		}
		if s.KNN.EfSearch > 0 {
			return fmt.Sprintf("%s / %s (ef %d)", ms(s.KNN.ANN.P50), ms(s.KNN.ANN.P99), s.KNN.EfSearch)
		}
		return fmt.Sprintf("%s / %s", ms(s.KNN.ANN.P50), ms(s.KNN.ANN.P99))
	})
	add("kNN HNSW recall@10 (ties at the 10th count) / by ID", func(s *SizeResult) string {
		if s.KNN == nil || !s.KNN.ANNUsed {
			return "–"
		}
		if s.KNN.RecallIDs10 == 0 { // a report from before the ID figure
			return fmt.Sprintf("– / %.3f", s.KNN.Recall10)
		}
		return fmt.Sprintf("%.3f / %.3f", s.KNN.Recall10, s.KNN.RecallIDs10)
	})
	for _, v := range []struct {
		name string
		load func(*SizeResult) *HTTPLoad
	}{
		{"HTTP hybrid with facets (API default)", func(s *SizeResult) *HTTPLoad { return s.HTTP }},
		{"HTTP hybrid without facets", func(s *SizeResult) *HTTPLoad { return s.HTTPNoFacets }},
	} {
		add(v.name+": searches/s", func(s *SizeResult) string {
			if l := v.load(s); l != nil {
				return fmt.Sprintf("%.0f", l.PerSec)
			}
			return "–"
		})
		add(v.name+": process CPU per request, ms", func(s *SizeResult) string {
			if l := v.load(s); l != nil && l.CPUms > 0 {
				return fmt.Sprintf("%.2f", l.CPUms)
			}
			return "–"
		})
		add(v.name+": errors / requests", func(s *SizeResult) string {
			if l := v.load(s); l != nil {
				return fmt.Sprintf("%d / %d", l.Errors, l.Requests)
			}
			return "–"
		})
		add(v.name+": latency p50 / p99, ms", func(s *SizeResult) string {
			if l := v.load(s); l != nil {
				return fmt.Sprintf("%s / %s", ms(l.Latency.P50), ms(l.Latency.P99))
			}
			return "–"
		})
	}
	add("HTTP hybrid, audit log off / on (interleaved): searches/s", func(s *SizeResult) string {
		if a := s.Audit; a != nil {
			return fmt.Sprintf("%.0f / %.0f (cost %.1f%%, median pair %.1f%%; %d errors)", a.OffPerSec, a.OnPerSec, 100*a.Cost, 100*a.MedianCost, a.Errors)
		}
		return "–"
	})
	add("  audit log off / on: process CPU per search, µs", func(s *SizeResult) string {
		if a := s.Audit; a != nil && a.OffCPUus > 0 {
			return fmt.Sprintf("%.0f / %.0f (%+.1f%%)", a.OffCPUus, a.OnCPUus, 100*a.CPUCost)
		}
		return "–"
	})
	return rows
}

func ms(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func mib(b int64) string {
	if b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(b)/(1<<20))
}

func sizeLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// WriteMarkdown prints the figure × size table and the targets as
// Markdown, the form BENCHMARKS.md quotes.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	b.WriteString("| figure |")
	for _, s := range r.Sizes {
		b.WriteString(" " + sizeLabel(s.Bullets) + " |")
	}
	b.WriteString("\n|---|")
	for range r.Sizes {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for _, row := range Rows(r) {
		b.WriteString("| " + strings.TrimSpace(row.Name) + " | " + strings.Join(row.Values, " | ") + " |\n")
	}
	b.WriteString("\n| target | measured | status |\n|---|---|---|\n")
	for _, t := range r.Targets {
		m := t.Measured
		if m == "" {
			m = "–"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Goal, m, t.Status)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if err := writePeerTables(w, r, true); err != nil {
		return err
	}
	return writeBackendTables(w, r, true)
}
