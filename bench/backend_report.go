package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// BackendRow is one figure of Vitae on its two backends: embedded,
// Weaviate, and embedded / Weaviate (below 1 is the embedded backend
// lower: faster for a latency, smaller for memory or disk; above 1 is it
// higher: more bullets or searches per second).
type BackendRow struct {
	Name, Embedded, Weaviate, Ratio string
}

// BackendRows lays out one size's backend comparison; nil without one.
func BackendRows(s *SizeResult) []BackendRow {
	b := s.Backend
	if b == nil || s.Semantic == nil {
		return nil
	}
	var rows []BackendRow
	num := func(name, format string, e, w float64) {
		rows = append(rows, BackendRow{name, fmt.Sprintf(format, e), fmt.Sprintf(format, w), ratio(e, w)})
	}
	// Training excluded on both sides: the Weaviate fill reuses the
	// model the embedded build trained.
	sem := s.Semantic
	embRate := 0.0
	if t := sem.LexicalSeconds + sem.EmbedSeconds + sem.ANNSeconds; t > 0 {
		embRate = float64(sem.Bullets) / t
	}
	num("indexing (write + embed + HNSW, no training), bullets/s", "%.0f", embRate, b.BulletsPerSec)
	rows = append(rows, BackendRow{"  write / embed+HNSW, s",
		fmt.Sprintf("%.1f / %.1f", sem.LexicalSeconds, sem.EmbedSeconds+sem.ANNSeconds),
		fmt.Sprintf("%.1f / %.1f", b.UpsertSeconds, b.EmbedSeconds), ""})
	for _, mode := range []string{"keyword", "semantic", "hybrid", "match"} {
		e, w := s.Latency[mode], b.Latency[mode]
		rows = append(rows, BackendRow{mode + " p50 / p99, ms",
			fmt.Sprintf("%s / %s", ms(e.P50), ms(e.P99)),
			fmt.Sprintf("%s / %s", ms(w.P50), ms(w.P99)),
			fmt.Sprintf("%s / %s", ratio(e.P50, w.P50), ratio(e.P99, w.P99))})
	}
	for _, l := range []struct {
		name string
		e, w *HTTPLoad
	}{{"HTTP hybrid searches/s, facets", s.HTTP, b.HTTP}, {"HTTP hybrid searches/s, no facets", s.HTTPNoFacets, b.HTTPNoFacets}} {
		if l.e == nil || l.w == nil {
			continue
		}
		num(fmt.Sprintf("%s (%d clients)", l.name, l.e.Clients), "%.0f", l.e.PerSec, l.w.PerSec)
		rows = append(rows, BackendRow{"  p50 / p99, ms",
			fmt.Sprintf("%s / %s", ms(l.e.Latency.P50), ms(l.e.Latency.P99)),
			fmt.Sprintf("%s / %s", ms(l.w.Latency.P50), ms(l.w.Latency.P99)),
			fmt.Sprintf("%s / %s", ratio(l.e.Latency.P50, l.w.Latency.P50), ratio(l.e.Latency.P99, l.w.Latency.P99))})
		rows = append(rows, BackendRow{"  errors / requests", fmt.Sprintf("%d / %d", l.e.Errors, l.e.Requests),
			fmt.Sprintf("%d / %d", l.w.Errors, l.w.Requests), ""})
	}
	rows = append(rows,
		BackendRow{"Vitae process RSS before queries, MiB", mib(s.ServingRSS), mib(b.VitaeRSS), ratio(float64(s.ServingRSS), float64(b.VitaeRSS))},
		BackendRow{"Vitae process peak RSS serving, MiB", mib(s.ServingPeakRSS), mib(b.VitaePeakRSS), ratio(float64(s.ServingPeakRSS), float64(b.VitaePeakRSS))},
		BackendRow{"weaviate-server RSS at start / after load, MiB", "–", mib(b.WeaviateStartRSS) + " / " + mib(b.WeaviateRSS), ""},
		BackendRow{"both processes: Vitae peak + weaviate-server after load, MiB", mib(s.ServingPeakRSS), mib(b.VitaePeakRSS + b.WeaviateRSS),
			ratio(float64(s.ServingPeakRSS), float64(b.VitaePeakRSS+b.WeaviateRSS))})
	num("disk, bytes/bullet", "%.0f", sem.BytesPerBullet, b.BytesPerBullet)
	return rows
}

// writeBackendTables prints, per size measured on both backends, the
// comparison table, as aligned text or Markdown.
func writeBackendTables(w io.Writer, r *Report, markdown bool) error {
	for i := range r.Sizes {
		s := &r.Sizes[i]
		rows := BackendRows(s)
		if rows == nil {
			continue
		}
		b := s.Backend
		fmt.Fprintf(w, "\nVitae on its embedded and Weaviate backends, %s bullets (fill: %s; load %.1f / %.1f):\n",
			sizeLabel(s.Bullets), b.Fill, b.LoadAvg[0], b.LoadAvg[1])
		if markdown {
			var sb strings.Builder
			sb.WriteString("\n| figure | embedded | weaviate | embedded / weaviate |\n|---|---:|---:|---:|\n")
			for _, row := range rows {
				fmt.Fprintf(&sb, "| %s | %s | %s | %s |\n", strings.TrimSpace(row.Name), row.Embedded, row.Weaviate, row.Ratio)
			}
			if _, err := io.WriteString(w, sb.String()); err != nil {
				return err
			}
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "figure\tembedded\tweaviate\tembedded / weaviate\t")
		for _, row := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", row.Name, row.Embedded, row.Weaviate, row.Ratio)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
