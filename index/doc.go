// Package index owns everything Vitae keeps on disk under one directory:
// the bleve index of bullet documents (BM25, English analysis, keyword
// fields for filters and facets, dates for ranges), the résumé records,
// and the vector store with its exact, int8 and HNSW search.
//
//	<path>/bleve      bleve index of bullets
//	<path>/vitae.db   bbolt: résumés, bullets, vectors, metadata
//	<path>/hnsw.graph the HNSW graph as of the last Close (graphfile.go)
//
// Vectors are ours, not bleve's (whose vector search needs cgo): L2-normalised
// float32 kept in memory for search and in bbolt for durability. A vector is
// written in the same bbolt transaction as its model identity, so after a
// crash the store reopens consistent, at worst missing the last vectors, which
// SyncVectors back-fills.
//
// Above a threshold, kNN searches an HNSW graph (hnsw.go) in which
// identical vectors share one node. It is built on every core in the
// background while searches scan exactly, or up front by BuildANN; it is
// saved on Close and reused on Open only if it matches the stored vectors
// exactly, so a crash or an edit between runs costs a rebuild, never a
// wrong answer.
package index
