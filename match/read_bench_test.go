package match

import (
	"encoding/json"
	"testing"
)

// BenchmarkReadBullet reads every work highlight of the shared corpus
// into its parts (what grading a pooled candidate pays for each bullet
// not yet cached), with the default rules; skipped without the corpus.
func BenchmarkReadBullet(b *testing.B) {
	var texts []string
	for _, f := range corpusFiles(b) {
		var r struct {
			Work []struct {
				Highlights []string `json:"highlights"`
			} `json:"work"`
		}
		if json.Unmarshal(f.data, &r) != nil {
			continue // not every file is a JSON Resume
		}
		for _, w := range r.Work {
			texts = append(texts, w.Highlights...)
		}
	}
	if len(texts) == 0 {
		b.Skip("no highlights in the corpus")
	}
	z := newAnalyzer(false)
	for b.Loop() {
		for _, t := range texts {
			z.readBullet(t)
		}
	}
	b.ReportMetric(float64(len(texts)), "bullets/op")
}
