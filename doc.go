// Package vitae holds the domain of a semantic résumé search engine:
// résumés split into achievement bullets, the queries over them and their
// ranked hits, the Embedder and Searcher interfaces, and one vocabulary of
// error codes. It imports only the standard library; every technology
// (bleve, gin, OpenAI, …) lives in a subpackage that depends on this one.
//
// Imports flow one way:
//
//	cmd/vitae → web → search → index → {embed, ingest} → vitae
package vitae
