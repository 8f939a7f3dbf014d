// Package bench builds realistic corpora and query sets for measuring
// Vitae at 10k, 100k and 1M bullets: real résumé bullets recombined clause
// by clause, with shuffled metadata, from a fixed seed, so sizes scale while
// the text stays résumé-like and every run sees the same documents.
package bench
