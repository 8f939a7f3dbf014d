package web

import (
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
