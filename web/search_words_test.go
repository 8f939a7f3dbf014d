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
