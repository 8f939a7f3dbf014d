package vector

import "math"

// The beam of an HNSW search (ef) that holds recall@10 ≥ 0.95 grows with
// the graph: at ef 96, recall@10 was 0.970–0.975 at 100k vectors and 0.936 at
// 1M; 1M needs ef 256 for 0.956 (int8 rows). One fixed ef either misses
// recall at 1M or walks 100k ~2.5× deeper than it needs (a tenth of its
// HTTP throughput). So by default ef follows the live vector count n:
//
//	ef(n) = 256 · √(n / 1,000,000), to the nearest multiple of 16, in [96, 4096]
//
// which gives 96 up to ~160k vectors, 176 at 500k, 256 from ~940k to
// ~1.06M (the measured 1M point: 0.956) and 512 at 4M. The floor is where
// small graphs were measured (ef 96: 0.967 at 10k, 0.970–0.975 at 100k; ef 64
// gave 10k only 0.954): BENCHMARKS.md, "HTTP at 100k, stop 16".
const (
	autoEfAt1M = 256
	autoEfStep = 16
	autoEfMin  = 96
	autoEfMax  = 4096
)

// EfSearchFor is the beam a search of a graph over n live vectors uses:
// EfSearch when set (> 0), else the rule above. Searches widen it to k
// when they ask for more neighbours.
func (o HNSWOptions) EfSearchFor(n int) int {
	if o.EfSearch > 0 {
		return o.EfSearch
	}
	ef := autoEfAt1M * math.Sqrt(float64(max(n, 0))/1e6)
	steps := int(math.Round(ef / autoEfStep))
	return min(max(steps*autoEfStep, autoEfMin), autoEfMax)
}
