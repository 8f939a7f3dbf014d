// Package search answers queries over indexed bullets: keyword (BM25) and
// vector candidates, fused by a min-max-normalised weighted sum
// (semantic_ratio) or Reciprocal Rank Fusion, grouped by candidate on
// request, and ad-hoc bullet ranking. *Engine implements vitae.Searcher
// and the interfaces the packages above it define: match.Backend (job
// matching), eval.Lookup (relevance evaluation) and web.Backend.
//
// The Engine reaches storage only through Store (store.go), the seam every
// backend implements: index.Index is the embedded one, picked by
// index.backend in cmd/vitae, and index/storetest is the suite each must
// pass. Highlights of bullets found by vectors only, and BM25 over ad-hoc
// bullets, use index.Terms and index.Highlight, which need no store.
// Writes (Add, AddFiles) go through the indexing pipeline.
package search
