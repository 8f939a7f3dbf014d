package bench

import "fmt"

// Target is one goal of issue 6 checked against a run. A goal whose size
// was not run is listed with Status "not measured".
type Target struct {
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Status   string `json:"status"` // met, missed, not measured
}

const gib = 1 << 30

// Targets checks the goals: at 100k bullets search latency,
// indexing against raw bleve and HTTP throughput; at 1M latency, recall,
// memory and build time.
func Targets(r *Report) []Target {
	at := func(n int) *SizeResult {
		for i := range r.Sizes {
			if r.Sizes[i].Bullets == n {
				return &r.Sizes[i]
			}
		}
		return nil
	}
	var out []Target
	add := func(goal string, s *SizeResult, measure func(*SizeResult) (float64, bool), format string, ok func(float64) bool) {
		t := Target{Goal: goal, Status: "not measured"}
		if s != nil {
			if v, have := measure(s); have {
				t.Measured = fmt.Sprintf(format, v)
				t.Status = "missed"
				if ok(v) {
					t.Status = "met"
				}
			}
		}
		out = append(out, t)
	}
	lat := func(mode string, p func(Latency) float64) func(*SizeResult) (float64, bool) {
		return func(s *SizeResult) (float64, bool) {
			l, ok := s.Latency[mode]
			return p(l), ok && l.N > 0
		}
	}
	p50 := func(l Latency) float64 { return l.P50 }
	p99 := func(l Latency) float64 { return l.P99 }
	le := func(x float64) func(float64) bool { return func(v float64) bool { return v <= x } }
	ge := func(x float64) func(float64) bool { return func(v float64) bool { return v >= x } }

	s100, s1m := at(100_000), at(1_000_000)
	add("100k: hybrid search p50 ≤ 10 ms", s100, lat("hybrid", p50), "%.2f ms", le(10))
	add("100k: hybrid search p99 ≤ 30 ms", s100, lat("hybrid", p99), "%.2f ms", le(30))
	add("100k: keyword search p50 ≤ 3 ms", s100, lat("keyword", p50), "%.2f ms", le(3))
	out = append(out, indexingTarget(s100))
	out = append(out, httpTarget(s100))
	out = append(out, auditTarget(s100))
	add("100k: match on a 25 KB job description p50 < 2 s (issue 14)", s100, lat("match-25kb", p50), "%.0f ms", func(v float64) bool { return v < 2000 })
	add("1M: hybrid search p50 ≤ 25 ms", s1m, lat("hybrid", p50), "%.2f ms", le(25))
	add("1M: match p50 ≤ 250 ms (issue 20)", s1m, lat("match", p50), "%.0f ms", le(250))
	add("1M: approximate kNN recall@10 ≥ 0.95", s1m, func(s *SizeResult) (float64, bool) {
		if s.KNN == nil || !s.KNN.ANNUsed {
			return 0, false
		}
		return s.KNN.Recall10, true
	}, "%.3f", ge(0.95))
	add("1M: resident memory ≤ 3 GiB (peak while serving)", s1m, func(s *SizeResult) (float64, bool) {
		return float64(s.ServingPeakRSS) / gib, s.ServingPeakRSS > 0
	}, "%.2f GiB", le(3))
	add("1M: peak memory of the full build ≤ 3 GiB", s1m, func(s *SizeResult) (float64, bool) {
		if s.Semantic == nil {
			return 0, false
		}
		return float64(s.Semantic.PeakRSS) / gib, s.Semantic.PeakRSS > 0
	}, "%.2f GiB", le(3))
	add("1M: full index build (bullets, embedder, vectors, HNSW) ≤ 10 min", s1m, func(s *SizeResult) (float64, bool) {
		return s.FullBuildSeconds() / 60, s.Semantic != nil
	}, "%.1f min", le(10))
	return out
}

func httpTarget(s *SizeResult) Target {
	t := Target{Goal: "100k: HTTP ≥ 1,000 searches/s with 0 errors (32 clients, hybrid)", Status: "not measured"}
	if s == nil || s.HTTP == nil {
		return t
	}
	t.Measured = fmt.Sprintf("%.0f/s, %d errors with facets (API default)", s.HTTP.PerSec, s.HTTP.Errors)
	t.Status = "missed"
	if s.HTTP.PerSec >= 1000 && s.HTTP.Errors == 0 {
		t.Status = "met"
	}
	if n := s.HTTPNoFacets; n != nil {
		t.Measured += fmt.Sprintf("; %.0f/s, %d errors without", n.PerSec, n.Errors)
		if t.Status == "missed" && n.PerSec >= 1000 && n.Errors == 0 {
			t.Status = "met without facets only"
		}
	}
	return t
}

// indexingTarget compares indexing with the embedder (bullets, training,
// vectors) to raw bleve, and says what the ratio is when the HNSW graph,
// which `vitae index` builds last, is counted too.
func indexingTarget(s *SizeResult) Target {
	t := Target{Goal: "100k: indexing with the built-in embedder ≥ 0.5 × raw bleve", Status: "not measured"}
	if s == nil || s.Semantic == nil || s.Raw == nil || s.Raw.BulletsPerSec == 0 {
		return t
	}
	plain := s.Semantic.BulletsPerSec / s.Raw.BulletsPerSec
	full := float64(s.Bullets) / s.FullBuildSeconds() / s.Raw.BulletsPerSec
	t.Measured = fmt.Sprintf("%.2f × bullets and vectors; %.2f × with the HNSW graph `vitae index` then builds", plain, full)
	switch {
	case full >= 0.5:
		t.Status = "met"
	case plain >= 0.5:
		t.Status = "met without the HNSW build; missed with it"
	default:
		t.Status = "missed"
	}
	return t
}

// auditTarget: the audit log's cost to throughput (issue #19). Wall-clock
// throughput on a shared machine is noisy, so the CPU time per search is
// shown beside it and can meet the target alone, said so.
func auditTarget(s *SizeResult) Target {
	t := Target{Goal: "100k: the audit log costs < 5% of HTTP search throughput (issue #19)", Status: "not measured"}
	if s == nil || s.Audit == nil {
		return t
	}
	a := s.Audit
	t.Measured = fmt.Sprintf("%.1f%% of searches/s (median pair %.1f%%), %+.1f%% CPU per search, %d errors", 100*a.Cost, 100*a.MedianCost, 100*a.CPUCost, a.Errors)
	switch {
	case a.Errors > 0:
		t.Status = "missed"
	case a.Cost < 0.05 && a.MedianCost < 0.05:
		t.Status = "met"
	case a.CPUCost < 0.05 && a.OffCPUus > 0:
		t.Status = "met by CPU per search; throughput too noisy to tell"
	default:
		t.Status = "missed"
	}
	return t
}
