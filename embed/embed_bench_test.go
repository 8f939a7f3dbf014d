package embed_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/bench"
	"vitae/embed"
)

// benchTexts are the real corpus bullets (../shared), else the samples.
func benchTexts(b *testing.B) []string {
	b.Helper()
	src, _, err := bench.FirstSource("../../shared/corpus/jsonresume", "../data")
	if err != nil {
		b.Skip(err)
	}
	texts := make([]string, len(src))
	for i, s := range src {
		texts[i] = s.Text
	}
	return texts
}

// BenchmarkLocalEmbed embeds one text per op with the built-in embedder
// trained on the corpus, word vectors warm (the steady state of a server).
func BenchmarkLocalEmbed(b *testing.B) {
	texts := benchTexts(b)
	l, err := embed.TrainLocal(texts, embed.LocalOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := l.Embed(ctx, texts, vitae.InputDocument); err != nil {
		b.Fatal(err)
	}
	var queries []string // short, like what a recruiter types
	for _, t := range texts[:min(200, len(texts))] {
		queries = append(queries, t[:min(len(t), 30)])
	}
	b.Run("bullet", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := l.Embed(ctx, texts[i%len(texts):i%len(texts)+1], vitae.InputDocument); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("query", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := l.Embed(ctx, queries[i%len(queries):i%len(queries)+1], vitae.InputQuery); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLocalTrain trains the built-in embedder on the corpus bullets.
func BenchmarkLocalTrain(b *testing.B) {
	texts := benchTexts(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := embed.TrainLocal(texts, embed.LocalOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
