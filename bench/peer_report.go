package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// PeerRow is one figure of the peer comparison: Vitae, Weaviate, and
// Vitae / Weaviate (below 1 is Vitae lower: faster for a latency, smaller
// for memory or disk; above 1 is Vitae higher: more searches per second).
type PeerRow struct {
	Name, Vitae, Weaviate, Ratio string
}

// PeerRows lays out one size's peer comparison; nil without one.
func PeerRows(s *SizeResult) []PeerRow {
	p := s.Weaviate
	if p == nil {
		return nil
	}
	var rows []PeerRow
	num := func(name, format string, v, w float64) {
		rows = append(rows, PeerRow{name, fmt.Sprintf(format, v), fmt.Sprintf(format, w), ratio(v, w)})
	}
	num("indexing, bullets/s", "%.0f", p.Vitae.BulletsPerSec, p.Weaviate.BulletsPerSec)
	for _, mode := range []string{"keyword", "semantic", "hybrid"} {
		v, w := p.Vitae.Latency[mode], p.Weaviate.Latency[mode]
		rows = append(rows, PeerRow{mode + " p50 / p95 / p99, ms",
			fmt.Sprintf("%s / %s / %s", ms(v.P50), ms(v.P95), ms(v.P99)),
			fmt.Sprintf("%s / %s / %s", ms(w.P50), ms(w.P95), ms(w.P99)),
			fmt.Sprintf("%s / %s / %s", ratio(v.P50, w.P50), ratio(v.P95, w.P95), ratio(v.P99, w.P99))})
	}
	if g := p.WeaviateHybridGraphQL; g.N > 0 {
		v := p.Vitae.Latency["hybrid"]
		rows = append(rows, PeerRow{"  Weaviate hybrid over GraphQL, ms", "",
			fmt.Sprintf("%s / %s / %s", ms(g.P50), ms(g.P95), ms(g.P99)),
			fmt.Sprintf("%s / %s / %s", ratio(v.P50, g.P50), ratio(v.P95, g.P95), ratio(v.P99, g.P99))})
	}
	for _, mode := range []string{"keyword", "hybrid"} {
		v, w := p.Vitae.Throughput[mode], p.Weaviate.Throughput[mode]
		if v == nil || w == nil {
			continue
		}
		num(fmt.Sprintf("%d clients, %s searches/s", v.Clients, mode), "%.0f", v.PerSec, w.PerSec)
		rows = append(rows, PeerRow{"  errors / requests", fmt.Sprintf("%d / %d", v.Errors, v.Requests),
			fmt.Sprintf("%d / %d", w.Errors, w.Requests), ""})
	}
	rows = append(rows, PeerRow{"RSS after queries, MiB", mib(p.Vitae.RSS), mib(p.Weaviate.RSS), ratio(float64(p.Vitae.RSS), float64(p.Weaviate.RSS))})
	num("disk, bytes/bullet", "%.0f", p.Vitae.BytesPerBullet, p.Weaviate.BytesPerBullet)
	rows = append(rows, PeerRow{"hits returned (keyword / semantic / hybrid passes)",
		fmt.Sprintf("%d / %d / %d", p.Vitae.Hits["keyword"], p.Vitae.Hits["semantic"], p.Vitae.Hits["hybrid"]),
		fmt.Sprintf("%d / %d / %d", p.Weaviate.Hits["keyword"], p.Weaviate.Hits["semantic"], p.Weaviate.Hits["hybrid"]), ""})
	return rows
}

func ratio(v, w float64) string {
	if v <= 0 || w <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", v/w)
}

// writePeerTables prints, per size with a peer, the comparison table, as
// aligned text or Markdown.
func writePeerTables(w io.Writer, r *Report, markdown bool) error {
	for i := range r.Sizes {
		s := &r.Sizes[i]
		rows := PeerRows(s)
		if rows == nil {
			continue
		}
		p := s.Weaviate
		fmt.Fprintf(w, "\nVitae beside Weaviate, %s bullets (Vitae: %s; Weaviate: %s; load %.1f / %.1f):\n",
			sizeLabel(s.Bullets), p.VitaeTransport, p.WeaviateTransport, p.LoadAvg[0], p.LoadAvg[1])
		if markdown {
			var b strings.Builder
			b.WriteString("\n| figure | Vitae | Weaviate | Vitae / Weaviate |\n|---|---:|---:|---:|\n")
			for _, row := range rows {
				fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", strings.TrimSpace(row.Name), row.Vitae, row.Weaviate, row.Ratio)
			}
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "figure\tVitae\tWeaviate\tVitae / Weaviate\t")
		for _, row := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", row.Name, row.Vitae, row.Weaviate, row.Ratio)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
