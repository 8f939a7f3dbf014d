package web

import (
	"bytes"
	"mime/multipart"
	"strings"
	"testing"
)

type upFile struct{ name, body string }

// multipartBody writes files into the "files" field.
func multipartBody(tb testing.TB, files ...upFile) (string, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		w, err := mw.CreateFormFile("files", f.name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(f.body))
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.String(), mw.FormDataContentType()
}

const kimLee = "# Kim Lee\n\n## Experience\n\n### Data Scientist — Globex\n2020 – Present\n\n- Trained churn models that cut attrition by 12%\n"

// TestUploadIDRules: one ID rule for JSON uploads, file names and route
// parameters; a bad name fails its file with 400, never 500; a repeated
// name is a failure, not silently dropped; a résumé with no bullets is
// 422 naming the file.
func TestUploadIDRules(t *testing.T) {
	ts, _ := newTestServer(t, Config{MaxBodyBytes: 1 << 20})
	type failure struct{ file, code string }
	tests := []struct {
		name   string
		files  []upFile
		status int
		ids    []string
		failed []failure
	}{
		{"5,000-character name", []upFile{{strings.Repeat("x", 5000) + ".md", kimLee}}, 400, nil, []failure{{strings.Repeat("x", 200) + "…", "invalid"}}},
		{"33 KB name", []upFile{{strings.Repeat("y", 33<<10) + ".md", kimLee}}, 400, nil, []failure{{strings.Repeat("y", 200) + "…", "invalid"}}},
		{"punctuation", []upFile{{"a-b?#%.md", kimLee}}, 400, nil, []failure{{"a-b?#%.md", "invalid"}}},
		{"Cyrillic look-alike", []upFile{{"kіm-lee.md", kimLee}}, 400, nil, []failure{{"kіm-lee.md", "invalid"}}},
		{"dot-dot", []upFile{{"...md", kimLee}}, 400, nil, []failure{{"...md", "invalid"}}},
		{"same name twice", []upFile{{"dd.md", kimLee}, {"dd.md", kimLee}}, 201, []string{"dd"}, []failure{{"dd.md", "conflict"}}},
		{"same ID by case", []upFile{{"Ee.md", kimLee}, {"ee.md", kimLee}}, 201, []string{"ee"}, []failure{{"ee.md", "conflict"}}},
		{"no bullets", []upFile{{"empty.md", "# Nobody\n"}}, 422, nil, []failure{{"empty.md", "unprocessable"}}},
		{"a's only", []upFile{{"aaa.txt", strings.Repeat("a", 300<<10)}}, 422, nil, []failure{{"aaa.txt", "unprocessable"}}},
		{"no bullets beside a good file", []upFile{{"empty.md", "# Nobody\n"}, {"kim-lee.md", kimLee}}, 201, []string{"kim-lee"}, []failure{{"empty.md", "unprocessable"}}},
		{"accents fold", []upFile{{"José Núñez.md", kimLee}}, 201, []string{"jose-nunez"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ctype := multipartBody(t, tt.files...)
			status, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/resumes", body: body, ctype: ctype})
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, out)
			}
			var ids []string
			for _, id := range out["ids"].([]any) {
				ids = append(ids, id.(string))
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids %v, want %v", ids, tt.ids)
			}
			failed := out["failed"].([]any)
			if len(failed) != len(tt.failed) {
				t.Fatalf("failed %v, want %v", failed, tt.failed)
			}
			for i, f := range failed {
				m := f.(map[string]any)
				if m["file"] != tt.failed[i].file || m["code"] != tt.failed[i].code || m["reason"] == "" {
					t.Errorf("failure %v, want %+v", m, tt.failed[i])
				}
			}
		})
	}

	routes := []struct {
		c      call
		status int
	}{
		{call{method: "POST", path: "/api/v1/resumes?id=..", body: `{"basics":{"name":"A B"}}`}, 400},
		{call{method: "POST", path: "/api/v1/resumes?id=" + strings.Repeat("z", 129), body: `{"basics":{"name":"A B"}}`}, 400},
		{call{method: "GET", path: "/api/v1/resumes/a%3Fb"}, 400},
		{call{method: "GET", path: "/api/v1/resumes/" + strings.Repeat("z", 129)}, 400},
		{call{method: "DELETE", path: "/api/v1/resumes/%D0%B0"}, 400},
		{call{method: "GET", path: "/api/v1/resumes/no-such-one"}, 404},
		{call{method: "DELETE", path: "/api/v1/candidates/not-an-identity"}, 400},
	}
	for _, r := range routes {
		if status, out, _ := do(t, ts, r.c); status != r.status {
			t.Errorf("%s %s: %d, want %d (%v)", r.c.method, r.c.path[:min(len(r.c.path), 60)], status, r.status, out)
		}
	}
}
