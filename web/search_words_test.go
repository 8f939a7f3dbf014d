package web

import (
	"fmt"
	"strings"
	"testing"

	"vitae"
)

// A query of only common words ("the and of") is refused by the API with
// 400 and code invalid saying so, in every mode and grouping, not
// answered with the closest bullets (the page and the CLI say the same:
// TestSearchPageMessages, TestExitCodes).
func TestSearchAPIRefusesOnlyCommonWords(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	for _, mode := range []string{"keyword", "semantic", "hybrid"} {
		for _, group := range []string{"", "candidate"} {
			t.Run(mode+"/"+group, func(t *testing.T) {
				body := fmt.Sprintf(`{"query":"the and of","mode":%q,"group_by":%q}`, mode, group)
				status, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/search", body: body})
				e, _ := out["error"].(map[string]any)
				if status != 400 || e["code"] != vitae.EINVALID {
					t.Fatalf("status %d, error %v; want 400 invalid", status, out["error"])
				}
				if msg, _ := e["message"].(string); !strings.Contains(msg, "only common words") {
					t.Errorf("message %q does not say the query has only common words", msg)
				}
			})
		}
	}
}

// /rank refuses a query of only common words as /search does: 400,
// code invalid, the same words (it ranked "the of" with 200).
func TestRankAPIRefusesOnlyCommonWords(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	for _, tt := range []struct{ path, body string }{
		{"/api/v1/search", `{"query":"the of"}`},
		{"/api/v1/rank", `{"query":"the of","bullets":["a"]}`},
		{"/api/v1/rank", `{"query":"the of","bullets":["Led the DevOps team"],"mode":"keyword"}`},
		{"/api/v1/rank", `{"query":"the of","bullets":[{"id":"x","text":"Led the DevOps team"}],"mode":"semantic"}`},
	} {
		t.Run(tt.path+" "+tt.body, func(t *testing.T) {
			status, out, _ := do(t, ts, call{method: "POST", path: tt.path, body: tt.body})
			e, _ := out["error"].(map[string]any)
			if status != 400 || e["code"] != vitae.EINVALID {
				t.Fatalf("status %d, error %v; want 400 invalid", status, out["error"])
			}
			if msg, _ := e["message"].(string); !strings.HasPrefix(msg, `query "the of" has only common words, which are not `) {
				t.Errorf("message %q does not say the query has only common words", msg)
			}
		})
	}
	// A common word beside one that says what to find is ranked.
	if status, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/rank", body: `{"query":"the DevOps team","bullets":["a"]}`}); status != 200 {
		t.Errorf("status %d: %v", status, out)
	}
}
