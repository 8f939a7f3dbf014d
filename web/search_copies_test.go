package web

import (
	"strings"
	"testing"
)

// The page names the authors of copies folded into a hit ("Also written
// by"), linking their résumés: a tryout saw "5 matching bullets", 3 shown
// and one author nowhere on the page.
func TestSearchPageNamesFoldedCopies(t *testing.T) {
	ts, _ := newTestServer(t, Config{MaxBodyBytes: 1 << 20})
	var files []upFile
	for _, p := range []struct{ file, name string }{{"alice-test.md", "Alice Testperson"}, {"bob-test.md", "Bob Testperson"}} {
		files = append(files, upFile{p.file, "# " + p.name + "\n\nSite Reliability Engineer\n\n## Experience\n\n### SRE — Acme\nJan 2019 – Present\n\n" +
			"- Reduced zorblax pager noise by 40% with SLO-based alerting\n- Ran the on-call rotation for " + p.name + "'s team\n"})
	}
	body, ctype := multipartBody(t, files...)
	if status, out, _ := do(t, ts, call{method: "POST", path: "/api/v1/resumes", body: body, ctype: ctype}); status != 201 {
		t.Fatalf("upload: %d %v", status, out)
	}
	status, page := get(t, ts.URL+"/?q=zorblax+pager+noise&view=bullets")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	_, rest, ok := strings.Cut(page, "Also written by: ")
	if !ok {
		t.Fatalf("no \"Also written by\" on the page:\n%s", page)
	}
	line, _, _ := strings.Cut(rest, "</p>")
	if !strings.Contains(line, "Testperson</a>") || !strings.Contains(line, `href="/resumes/`) {
		t.Errorf("the copies line names no author with a link: %q", line)
	}
}
