// Package eval measures ranking quality against graded relevance sets,
// the JSONL files beside it (README.md describes them): bullet queries
// scored by nDCG@10, recall@10/50 and MRR@10 per search mode, and job
// descriptions scored at candidate level, requirement matching against
// the whole JD as one query. It works through interfaces — any
// vitae.Searcher, a résumé Lookup for judged bullets the index lacks, a
// Matcher for job matching — so the same numbers can be taken of any
// engine that implements them; `vitae eval` prints them.
package eval
