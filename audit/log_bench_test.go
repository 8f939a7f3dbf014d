package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"vitae/audit"
)

// BenchmarkRecord times what a search pays for the log: one entry with
// a ten-place ranking, text kept, committed by the background writer.
func BenchmarkRecord(b *testing.B) {
	l, err := audit.Open(audit.Options{Dir: b.TempDir(), StoreText: true})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	ranked := make([]audit.Ranked, 10)
	for i := range ranked {
		ranked[i] = audit.Ranked{ResumeID: fmt.Sprintf("resume-%04d", i*37), Ref: fmt.Sprintf("/work/0/highlights/%d", i), Score: 1 / float64(i+1)}
	}
	ev := audit.Event{Action: audit.Search, Text: "led a devops team through a kubernetes migration",
		Params:       json.RawMessage(`{"query":"","mode":"hybrid","semantic_ratio":0.5,"filters":{},"limit":10,"facets":true}`),
		IndexVersion: "ix-0123456789abcdef", ModelVersion: "vitae-local-v1:256:trained:e33411c3d82b", Ranked: ranked}
	ctx := audit.WithActor(context.Background(), "key:ab12cd34")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Record(ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
}
