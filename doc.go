// Package vitae holds the domain of a semantic résumé search engine:
// résumés split into achievement bullets, the queries over them and their
// ranked hits, the Embedder and Searcher interfaces, and one vocabulary of
// error codes. It imports only the standard library; every technology
// (bleve, gin, OpenAI, …) lives in a subpackage that depends on this one.
//
// Imports flow one way, down the floors of docs/architecture.md (a test,
// architecture_test.go, checks it):
//
//	cmd/vitae → bench → web → eval → match → search → pipeline → index → {embed, ingest} → lexicon → vitae
package vitae
