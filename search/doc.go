// Package search answers queries over indexed bullets: keyword (bleve BM25)
// and vector candidates, fused by a min-max-normalised weighted sum
// (semantic_ratio) or Reciprocal Rank Fusion, grouped by candidate on
// request, and ad-hoc bullet ranking. *Engine implements vitae.Searcher and
// the interfaces the packages above it define: match.Backend (job
// matching), eval.Lookup (relevance evaluation) and web.Backend.
package search
