package main

import (
	"bytes"
	"strings"
	"testing"

	"vitae/audit"
)

// compareRankings says whether a match's rules changed only when the
// entry logged them: an entry from before they were logged replays with
// no rules line, and its places compare as ever.
func TestCompareRankingsRules(t *testing.T) {
	rec := &audit.Record{
		Entry:    audit.Entry{Action: audit.Match, IndexVersion: "ix-1", ModelVersion: "m", Ranked: []audit.Place{{Subject: "s-1", Score: 0.5}}},
		Subjects: map[string]string{"s-1": "jordan-lee"},
	}
	now := []audit.Ranked{{ResumeID: "jordan-lee", Score: 0.5}}
	tests := []struct {
		name  string
		v     versions
		want  string // a line the output must hold; "" none about rules
		diffs int
	}{
		{"logged before rules were", versions{index: "ix-1", model: "m", rules: "mr-000000000001"}, "", 0},
		{"same rules", versions{index: "ix-1", model: "m", rules: "mr-000000000001", logged: "mr-000000000001"}, "rules mr-000000000001 → mr-000000000001 (same)", 0},
		{"changed rules", versions{index: "ix-1", model: "m", rules: "mr-000000000002", logged: "mr-000000000001"}, "rules mr-000000000001 → mr-000000000002 (changed)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if d := compareRankings(&out, rec, now, tt.v); d != tt.diffs {
				t.Errorf("%d differences, want %d\n%s", d, tt.diffs, out.String())
			}
			if tt.want == "" && strings.Contains(out.String(), "rules") {
				t.Errorf("a rules line for an entry that logged none:\n%s", out.String())
			}
			if tt.want != "" && !strings.Contains(out.String(), tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, out.String())
			}
			if !strings.Contains(out.String(), "same 1 places") {
				t.Errorf("the places did not compare:\n%s", out.String())
			}
		})
	}
}
