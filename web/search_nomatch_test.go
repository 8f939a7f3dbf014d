package web

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

// A search its filters empty says so on the page, with how many bullets
// match without them and a link to that search, which finds them;
// filters given in the query (role:PM) count as filters too.
func TestSearchPageSaysFiltersEmptiedIt(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	count := regexp.MustCompile(`; (\d+) bullets match without them\.`)
	link := regexp.MustCompile(`<a href="([^"]+)">Search without the filters</a>`)
	tests := []struct {
		name, path string
		want       []string
		not        []string
		unfiltered string // the link without the filters; "" for none
	}{
		{"query syntax", "/?q=kubernetes+role%3APM&view=bullets",
			[]string{"Nothing matches “kubernetes” with these filters (role: PM); "}, nil, "/?q=kubernetes&view=bullets"},
		// The candidates view (the default) says it too, and lists none of
		// the closest bullets' people as candidates (second tryout).
		{"candidates view", "/?q=kubernetes&company=Contoso+Retail",
			[]string{"Nothing matches “kubernetes” with these filters (company: Contoso Retail); ", "No candidates"}, []string{"1 candidate"}, "/?q=kubernetes"},
		{"page filters and syntax", "/?q=kubernetes+since%3A2019&company=Nowhere&mode=keyword",
			[]string{"Nothing matches “kubernetes” with these filters (company: Nowhere; since 2019); "}, nil, "/?mode=keyword&q=kubernetes"},
		{"words match nothing either", "/?q=zzyzx+role%3APM&mode=keyword",
			[]string{"Nothing matches “zzyzx”, with or without these filters (role: PM). “Exact words” needs"}, []string{"Search without the filters"}, ""},
		{"no filters", "/?q=zzyzx+qwvx&mode=keyword", []string{"Nothing matches “zzyzx qwvx”. “Exact words” needs"}, []string{"without"}, ""},
		{"filters with hits", "/?q=kubernetes&since=2019", nil, []string{"Nothing matches", "without"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := get(t, ts.URL+tt.path)
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("page shows %q", n)
				}
			}
			if tt.unfiltered == "" {
				return
			}
			n, href := count.FindStringSubmatch(body), link.FindStringSubmatch(body)
			if n == nil || href == nil {
				t.Fatalf("no count (%v) or no link (%v) on the page", n, href)
			}
			if got := html.UnescapeString(href[1]); got != tt.unfiltered {
				t.Errorf("link %q, want %q", got, tt.unfiltered)
			}
			// The count is what the search without the filters finds.
			_, body = get(t, ts.URL+tt.unfiltered+"&view=bullets")
			if want := fmt.Sprintf("<h2 id=\"results-h\">%s matching bullets</h2>", n[1]); !strings.Contains(body, want) {
				t.Errorf("the search without the filters lacks %q", want)
			}
		})
	}
}
