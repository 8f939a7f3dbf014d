package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzAPI sends arbitrary JSON bodies to the three POST read endpoints
// through the real router over a real index: whatever the body, the answer
// is a client or success status (never 5xx) with a JSON body, and errors
// carry a code and a message.
func FuzzAPI(f *testing.F) {
	ts, _ := newTestServer(f, Config{MaxBodyBytes: 256 << 10})
	h := ts.Config.Handler
	routes := []string{"/api/v1/search", "/api/v1/match", "/api/v1/rank"}
	for _, s := range []struct {
		route uint8
		body  string
	}{
		{0, `{"query":"led DevOps team","limit":5,"explain":true}`},
		{0, `{"query":"reduced cloud costs","mode":"keyword","filters":{"skill":["AWS"],"since":"2019","until":"2023-06"},"group_by":"candidate","facets":false}`},
		{0, `{"query":"x","semantic_ratio":1e308,"offset":99999999999,"limit":-1}`},
		{0, `{"query":"*","fusion":"rrf","filters":{"company":[""],"person":["jordan-lee"],"section":["work"]}}`},
		{1, `{"job_description":"## Requirements\n- Lead a team of SREs\n- Kubernetes in production","limit":3}`},
		{1, `{"job_description":"{\"title\":\"x\",\"qualifications\":[\"Led teams of engineers\"]}","format":"json","mode":"semantic"}`},
		{1, `{"job_description":"<ul><li>Python and Go experience</li></ul>","format":"html"}`},
		{2, `{"query":"led DevOps team","bullets":["Baked bread",{"id":"b2","text":"Headed the SRE group"}]}`},
		{2, `{"query":"x","bullets":[{"id":"","text":""},null,"",[]],"mode":"hybrid","semantic_ratio":0}`},
		{0, `{"query":"\u0000\ud800","filters":{"since":"9999-99"}}`},
		{1, `[]`},
		{2, `null`},
		{0, ``},
	} {
		f.Add(s.route, s.body)
	}
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		path := routes[int(route)%len(routes)]
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q: status %d: %s", path, body, rec.Code, rec.Body.String())
		}
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %q: status %d, body is not a JSON object (%v): %q", path, body, rec.Code, err, rec.Body.String())
		}
		if rec.Code >= 400 {
			e, _ := out["error"].(map[string]any)
			if e == nil || e["code"] == "" || e["message"] == "" {
				t.Fatalf("%s %q: status %d without an error code: %v", path, body, rec.Code, out)
			}
		}
	})
}
