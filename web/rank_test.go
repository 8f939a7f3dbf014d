package web

import (
	"math"
	"strings"
	"testing"
)

// An empty bullet is refused with its position (and id, when given)
// named, never ranked as a bullet that matched nothing.
func TestRankRefusesEmptyBullets(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	tests := []struct {
		name, body, want string
	}{
		{"empty string", `{"query":"led DevOps team","bullets":["Baked bread",""]}`, "bullet 2 has no text"},
		{"blank string", `{"query":"led DevOps team","bullets":[" \n\t"]}`, "bullet 1 has no text"},
		{"object without text", `{"query":"led DevOps team","bullets":[{"id":"z"}]}`, `bullet 1 (id "z") has no text`},
		{"object with blank text", `{"query":"led DevOps team","bullets":["Baked bread",{"id":"b2","text":"  "}]}`, `bullet 2 (id "b2") has no text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, _ := do(t, ts, call{method: "POST", path: "/api/v1/rank", body: tt.body})
			if status != 400 {
				t.Fatalf("status %d, want 400: %v", status, body)
			}
			e, _ := body["error"].(map[string]any)
			if e == nil || e["code"] != "invalid" {
				t.Fatalf("error body %v, want code invalid", body)
			}
			if msg, _ := e["message"].(string); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

// The tryout's request over HTTP, in hybrid and keyword mode: every
// bullet answered once, matches first, each scoring above 0 and above
// every bullet that does not match (in keyword mode the last keyword
// match scored 0, tied with "Baked bread").
func TestRankTryoutScores(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	const bullets = `["Baked bread",{"id":"b2","text":"Headed the SRE group"},"Worked with the DevOps team on CI","Managed a team of 8 DevOps engineers","Led the design team for the new logo"]`
	tests := []struct {
		mode  string
		match []string
	}{
		{"hybrid", []string{"b2", "3", "4", "5"}},
		{"keyword", []string{"3", "4", "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			body := `{"query":"led DevOps team","mode":"` + tt.mode + `","bullets":` + bullets + `}`
			status, res, _ := do(t, ts, call{method: "POST", path: "/api/v1/rank", body: body})
			if status != 200 {
				t.Fatalf("status %d: %v", status, res)
			}
			hits, _ := res["hits"].([]any)
			if len(hits) != 5 {
				t.Fatalf("%d hits, want the 5 bullets sent: %v", len(hits), res)
			}
			want := map[string]bool{}
			for _, id := range tt.match {
				want[id] = true
			}
			low := math.Inf(1) // the lowest score of a match so far
			for i, h := range hits {
				h := h.(map[string]any)
				id, score, match := h["id"].(string), h["score"].(float64), h["match"].(bool)
				t.Logf("%.3f %v %s %s", score, match, id, h["text"])
				if match != want[id] {
					t.Errorf("bullet %s: match %v, want %v", id, match, want[id])
				}
				switch {
				case match && (score <= 0 || i >= len(tt.match)):
					t.Errorf("bullet %s matches, scores %g at %d: want above 0 and above every bullet that does not match", id, score, i+1)
				case match:
					low = min(low, score)
				case score >= low:
					t.Errorf("bullet %s does not match, scores %g: not under the matches' lowest, %g", id, score, low)
				}
			}
			if res["no_match"] != false {
				t.Errorf("no_match %v with matching bullets", res["no_match"])
			}
		})
	}
}
