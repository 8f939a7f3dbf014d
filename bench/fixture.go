package bench

import (
	"context"
	"testing"

	"vitae/embed"
	"vitae/index"
)

// Fixture10k is the setup the Go benchmarks share, for a test in a
// package one directory below the repository root: a 10,000-bullet index
// generated from ../shared's corpus (or, without it, the samples in data/)
// with the built-in embedder, closed when tb ends, and the query set
// `vitae bench` uses — the dev eval queries plus generated ones. It skips
// tb when no source résumés are found.
func Fixture10k(tb testing.TB, opts index.Options) (*index.Index, *embed.Local, []string) {
	tb.Helper()
	src, _, err := FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		tb.Skip(err)
	}
	ix, l, err := GeneratedIndex(context.Background(), tb.TempDir(), src, 10_000, 1, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	evalQs, _ := ReadEvalFile("../eval/queries-dev.jsonl") // optional
	return ix, l, Queries(evalQs, src, 170, 1)
}
