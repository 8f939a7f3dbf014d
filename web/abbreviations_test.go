package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"vitae"
)

// "P&L" is one word on the search page and in the rank API: the page
// names it among the query's words (it said Matches "p" · 1 of 3 query
// words) and lists no one whose bullets only hold its letters ("L&T").
func TestAbbreviationOnPageAndRank(t *testing.T) {
	ts, eng := newTestServer(t, Config{})
	bullet := func(id, person, text string) *vitae.Resume {
		return &vitae.Resume{ID: id, Person: person, Hash: id, Bullets: []vitae.Bullet{{ID: id + "-0", ResumeID: id,
			Person: person, Company: "Acme", Role: "Director", Section: vitae.SectionWork, Start: "2019", Text: text}}}
	}
	if _, err := eng.Add(context.Background(), []*vitae.Resume{
		bullet("fran", "Fran Ledger", "Owned a $40M P&L for the EMEA region"),
		bullet("eli", "Eli Tata", "?? Completed Internship in L&T"),
		bullet("ivo", "Ivo Pid", "Carried out automation engineering as per P&ID process"),
	}); err != nil {
		t.Fatal(err)
	}

	status, page := get(t, ts.URL+"/?"+url.Values{"q": {"managed a P&L"}, "by": {"candidate"}}.Encode())
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{"Fran Ledger", "Matches “p&amp;l”"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, not := range []string{"Eli Tata", "Ivo Pid", "Matches “p”", "of 3 query words"} {
		if strings.Contains(page, not) {
			t.Errorf("page shows %q", not)
		}
	}

	for _, mode := range []string{"keyword", "semantic", "hybrid"} {
		t.Run("rank/"+mode, func(t *testing.T) {
			body := `{"query":"P&L","mode":"` + mode + `","bullets":[{"id":"lt","text":"?? Completed Internship in L&T"},` +
				`{"id":"pid","text":"Carried out automation as per P&ID process"},{"id":"pnl","text":"Managed the P & L of the retail division"}]}`
			status, res, _ := do(t, ts, call{method: "POST", path: "/api/v1/rank", body: body})
			if status != 200 {
				t.Fatalf("status %d: %v", status, res)
			}
			for _, h := range res["hits"].([]any) {
				h := h.(map[string]any)
				if want := h["id"] == "pnl"; h["match"] != want {
					t.Errorf("%s (%s): match %v, want %v", h["id"], h["text"], h["match"], want)
				}
			}
		})
	}
}
