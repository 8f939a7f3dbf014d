package bench

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// series is one line of the chart: a figure per corpus size.
type series struct {
	name  string
	unit  string
	color string
	value func(*SizeResult) (float64, bool)
}

// WriteSVG draws how the main figures grow with corpus size: one small
// panel per figure, log-scaled sizes on x, so 10k→100k→1M read as steps.
// Plain SVG 1.1, no scripts, no external fonts.
func WriteSVG(w io.Writer, r *Report) error {
	lat := func(mode string, p func(Latency) float64) func(*SizeResult) (float64, bool) {
		return func(s *SizeResult) (float64, bool) {
			l, ok := s.Latency[mode]
			return p(l), ok && l.N > 0
		}
	}
	p50 := func(l Latency) float64 { return l.P50 }
	p99 := func(l Latency) float64 { return l.P99 }
	panels := []struct {
		title string
		lines []series
	}{
		{"query latency p50, ms", []series{
			{"keyword", "ms", "#1f77b4", lat("keyword", p50)},
			{"semantic", "ms", "#2ca02c", lat("semantic", p50)},
			{"hybrid", "ms", "#d62728", lat("hybrid", p50)},
		}},
		{"query latency p99, ms", []series{
			{"keyword", "ms", "#1f77b4", lat("keyword", p99)},
			{"semantic", "ms", "#2ca02c", lat("semantic", p99)},
			{"hybrid", "ms", "#d62728", lat("hybrid", p99)},
		}},
		{"indexing, bullets/s", []series{
			{"raw bleve", "/s", "#7f7f7f", func(s *SizeResult) (float64, bool) { return bps(s.Raw) }},
			{"keyword-only", "/s", "#1f77b4", func(s *SizeResult) (float64, bool) { return bps(s.Keyword) }},
			{"with embedder", "/s", "#d62728", func(s *SizeResult) (float64, bool) { return bps(s.Semantic) }},
		}},
		{"kNN p50, ms (HNSW above the threshold)", []series{
			{"exact scan", "ms", "#1f77b4", func(s *SizeResult) (float64, bool) {
				return knnLat(s, true)
			}},
			{"HNSW", "ms", "#d62728", func(s *SizeResult) (float64, bool) {
				return knnLat(s, false)
			}},
		}},
		{"HTTP hybrid searches/s, 32 clients", []series{
			{"with facets", "/s", "#9467bd", func(s *SizeResult) (float64, bool) { return perSec(s.HTTP) }},
			{"without facets", "/s", "#ff7f0e", func(s *SizeResult) (float64, bool) { return perSec(s.HTTPNoFacets) }},
		}},
		{"memory, MiB", []series{
			{"peak, build", "MiB", "#9467bd", func(s *SizeResult) (float64, bool) {
				if s.Semantic == nil {
					return 0, false
				}
				return float64(s.Semantic.PeakRSS) / (1 << 20), s.Semantic.PeakRSS > 0
			}},
			{"peak, serving", "MiB", "#ff7f0e", func(s *SizeResult) (float64, bool) {
				return float64(s.ServingPeakRSS) / (1 << 20), s.ServingPeakRSS > 0
			}},
		}},
	}
	const pw, ph, pad, cols = 360, 220, 48, 2
	rows := (len(panels) + cols - 1) / cols
	width, height := cols*pw, rows*ph+30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#fff"/>`+"\n")
	fmt.Fprintf(&b, `<text x="%d" y="18" text-anchor="middle" font-size="13">Vitae scaling, %d CPUs (%s)</text>`+"\n", width/2, r.Machine.CPUs, html.EscapeString(r.Machine.CPUModel))
	var sizes []float64
	for _, s := range r.Sizes {
		sizes = append(sizes, float64(s.Bullets))
	}
	for pi, p := range panels {
		ox, oy := (pi%cols)*pw, 30+(pi/cols)*ph
		x0, x1, y0, y1 := float64(ox+pad), float64(ox+pw-16), float64(oy+ph-40), float64(oy+24)
		// y range over every value of the panel, log scale when it spans a lot.
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, l := range p.lines {
			for i := range r.Sizes {
				if v, ok := l.value(&r.Sizes[i]); ok && v > 0 {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12">%s</text>`+"\n", ox+pad, oy+14, html.EscapeString(p.title))
		fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#333"/><line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#333"/>`+"\n", x0, y0, x1, y0, x0, y0, x0, y1)
		if math.IsInf(lo, 1) || len(sizes) == 0 {
			continue
		}
		logY := hi/lo > 20
		ty := func(v float64) float64 {
			if hi == lo {
				return (y0 + y1) / 2
			}
			if logY {
				return y0 - (math.Log(v)-math.Log(lo))/(math.Log(hi)-math.Log(lo))*(y0-y1)
			}
			return y0 - (v-0)/(hi-0)*(y0-y1)
		}
		if !logY {
			lo = 0
		}
		sl, sh := math.Log10(sizes[0]), math.Log10(sizes[len(sizes)-1])
		tx := func(n float64) float64 {
			if sh == sl {
				return (x0 + x1) / 2
			}
			return x0 + 20 + (math.Log10(n)-sl)/(sh-sl)*(x1-x0-40)
		}
		for _, n := range sizes {
			fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">%s</text>`+"\n", tx(n), y0+14, sizeLabel(int(n)))
		}
		for _, v := range []float64{lo, hi} {
			if v > 0 || !logY {
				fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="end">%s</text>`+"\n", x0-4, ty(math.Max(v, 1e-9))+4, short(v))
			}
		}
		for li, l := range p.lines {
			var pts []string
			for i := range r.Sizes {
				if v, ok := l.value(&r.Sizes[i]); ok && v > 0 {
					x, y := tx(float64(r.Sizes[i].Bullets)), ty(v)
					pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
					fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s %s: %s %s</title></circle>`+"\n", x, y, l.color, html.EscapeString(l.name), sizeLabel(r.Sizes[i].Bullets), short(v), l.unit)
				}
			}
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>`+"\n", l.color, strings.Join(pts, " "))
			}
			fmt.Fprintf(&b, `<text x="%d" y="%.0f" fill="%s">%s</text>`+"\n", ox+pad+li*100, y0+30, l.color, html.EscapeString(l.name))
		}
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func bps(b *Build) (float64, bool) {
	if b == nil {
		return 0, false
	}
	return b.BulletsPerSec, b.BulletsPerSec > 0
}

func short(v float64) string {
	switch {
	case v >= 10000:
		return fmt.Sprintf("%.0fk", v/1000)
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func knnLat(s *SizeResult, exact bool) (float64, bool) {
	if s.KNN == nil {
		return 0, false
	}
	if exact {
		return s.KNN.Exact.P50, s.KNN.Exact.N > 0
	}
	return s.KNN.ANN.P50, s.KNN.ANNUsed && s.KNN.ANN.N > 0
}

func perSec(l *HTTPLoad) (float64, bool) {
	if l == nil {
		return 0, false
	}
	return l.PerSec, l.PerSec > 0
}
