// Package search answers queries over indexed bullets: keyword (bleve BM25)
// and vector candidates, fused by a min-max-normalised weighted sum
// (semantic_ratio) or Reciprocal Rank Fusion, grouped by candidate on
// request; ad-hoc bullet ranking; job-description parsing and candidate
// matching; and the evaluation metrics that keep ranking honest.
package search
