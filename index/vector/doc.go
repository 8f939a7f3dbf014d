// Package vector is Vitae's vector store: every bullet's embedding in
// contiguous rows, searched by exact parallel scan or, above a threshold,
// by an HNSW graph. The rows are in memory (New) or in flat checksummed
// files mapped from an index directory (Open, disk.go): opening maps them
// and reads none. It knows nothing of bleve or of the records; package
// index keeps which row is whose in its own records.
//
// Vectors are L2-normalised float32 (Normalize), so the dot product is the
// cosine; a quantized store also keeps int8 rows with a per-row scale,
// which searches walk, re-scoring the best candidates by the float rows.
// Filter metadata is kept in columns of interned codes (meta.go).
// The dot product runs in AVX2 assembly on x86-64 (dot_amd64.s) and in Go
// elsewhere or with -tags purego (dot_other.go).
//
// The graph (hnsw.go) folds identical vectors into one node. It is built
// on every core in the background while searches scan exactly, or up front
// by BuildANN, and changes one insert at a time after. SaveGraph writes it
// to a file (graphfile.go) that LoadGraph reuses only if it matches the
// stored vectors exactly, so a crash or an edit between runs costs a
// rebuild, never a wrong answer. A search's beam (ef) follows the graph's
// size unless one is set (ef.go).
//
// A search may be narrowed by a keep function over each vector's Meta; the
// rule it applies is the caller's (index's filters), so lexical and vector
// retrieval filter alike.
package vector
