package web

import (
	"testing"

	"vitae/web/workbench"
)

// A filter sent with an empty value is refused with 400 invalid naming
// the filter, as a query's skill: without a value is: "skill": [""]
// searched as if it were not there. The same holds for a saved search;
// a filter left out, null or empty ([]) filters nothing, and is served.
func TestSearchAPIRefusesEmptyFilterValues(t *testing.T) {
	wb, err := workbench.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	ts, _ := newTestServer(t, Config{Workbench: wb})
	tests := []struct {
		name, filters string
		message       string // "" for an answer
	}{
		{"empty skill", `{"skill":[""]}`, `skill filter "" is empty: give a value, or leave it out`},
		{"blank skill after a value", `{"skill":["Go"," "]}`, `skill filter " " is empty: give a value, or leave it out`},
		{"empty company", `{"company":[""]}`, `company filter "" is empty: give a value, or leave it out`},
		{"empty role", `{"role":[""]}`, `role filter "" is empty: give a value, or leave it out`},
		{"empty person", `{"person":[""]}`, `person filter "" is empty: give a value, or leave it out`},
		{"empty section", `{"section":[""]}`, `section filter "" is empty: give a value, or leave it out`},
		{"empty since", `{"since":""}`, `since filter "" is empty: give YYYY or YYYY-MM, or leave it out`},
		{"blank until", `{"until":"  "}`, `until filter "  " is empty: give YYYY or YYYY-MM, or leave it out`},
		{"no filters", `{}`, ""},
		{"null and empty lists", `{"skill":null,"company":[],"since":null}`, ""},
		{"values", `{"section":["work"],"since":"2015"}`, ""},
	}
	for _, tt := range tests {
		for _, r := range []struct{ path, name string }{{"/api/v1/search", ""}, {"/api/v1/searches", `"name":"n",`}} {
			t.Run(tt.name+" "+r.path, func(t *testing.T) {
				status, body, _ := do(t, ts, call{method: "POST", path: r.path, body: `{` + r.name + `"query":"led team","filters":` + tt.filters + `}`})
				e, _ := body["error"].(map[string]any)
				if tt.message == "" {
					if status/100 != 2 {
						t.Errorf("status %d, error %v; want an answer", status, e)
					}
					return
				}
				if status != 400 || e == nil || e["code"] != "invalid" || e["message"] != tt.message {
					t.Errorf("status %d, error %v; want 400 invalid %q", status, e, tt.message)
				}
			})
		}
	}
}
