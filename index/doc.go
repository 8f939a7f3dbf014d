// Package index is Vitae's embedded storage backend (index.backend:
// embedded), one implementation of search.Store: everything kept on disk
// under one directory, the bleve index of bullet documents (BM25, English
// analysis, keyword fields for filters and facets, dates for ranges), the
// résumé records, and the stored vectors, searched through package
// vector. It also holds the seam's request and answer types (Changes,
// LexicalRequest, LexicalResult, Neighbor, Stats), which every backend
// shares, and the text analysis search and matching use on text that is
// not stored (Terms, Highlight: bleve's English analyzer, built once, no
// index needed). Every backend, this one included, passes the conformance
// suite in index/storetest (conformance_test.go).
//
//	<path>/bleve      bleve index of bullets
//	<path>/vitae.db   bbolt: résumés, bullets, vector slots, metadata
//	<path>/vectors.*  the vectors' rows: float32, int8, scales (vector/disk.go)
//	<path>/hnsw.graph the HNSW graph as of the last Close (vector/graphfile.go)
//
// A write keeps three stores consistent, in phases (upsert.go): plan from
// the records, write bleve, commit the records in one bbolt transaction,
// then bring the in-memory vectors in line. Bleve is written first under a
// durable pending note that the commit clears; a write that fails or
// crashes in between is undone from the records (pending.go).
//
// Vectors are ours, not bleve's (whose vector search needs cgo): L2-normalised
// float32 (and int8) rows in flat files mapped into memory, searched by a
// vector.Store; bbolt keeps which row is whose, its checksums and the
// bullet's filter metadata, in the transactions that write the records
// (vecload.go). Rows are synced before a record names them, so after a
// crash the store reopens consistent, at worst missing the last vectors,
// which MissingVectors lists for the pipeline to back-fill.
// Embedding itself is not storage: the pipeline embeds and calls
// PutVectors. Above a threshold, kNN searches the
// store's HNSW graph, saved on Close and reused on Open only if it matches
// the stored vectors exactly.
//
// Filters (filter.go) are written once: keyword search runs them as a bleve
// query, vector search as a predicate over each vector's metadata, and both
// read dates through vitae.Period.
package index
