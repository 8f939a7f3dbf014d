package search

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// facetsOf counts facets the way they are documented: over the given
// (top) hits, each value once per bullet carrying it, count descending
// then value, at most facetSize values a facet.
func facetsOf(hits []vitae.Hit) map[string][]vitae.FacetCount {
	counts := map[string]map[string]int{"company": {}, "role": {}, "skill": {}, "section": {}}
	for _, h := range hits {
		counts["company"][h.Company]++
		counts["role"][h.Role]++
		counts["section"][h.Section]++
		for _, s := range h.Skills {
			counts["skill"][s]++
		}
	}
	out := map[string][]vitae.FacetCount{}
	for facet, byValue := range counts {
		fc := []vitae.FacetCount{}
		for v, n := range byValue {
			fc = append(fc, vitae.FacetCount{Value: v, Count: n})
		}
		sort.Slice(fc, func(a, b int) bool {
			if fc[a].Count != fc[b].Count {
				return fc[a].Count > fc[b].Count
			}
			return fc[a].Value < fc[b].Value
		})
		out[facet] = fc[:min(facetSize, len(fc))]
	}
	return out
}

func skilled() []*vitae.Resume {
	rs := []*vitae.Resume{
		resume("brian", "Brian", "Planet Labs", "Principal Engineer", "2016-01", "2018-08",
			"Led operationally-focused teams of DevOps engineers and SREs",
			"Architected an analytics platform for the data science team",
			"Ran the platform team's Kubernetes upgrade"),
		resume("dana", "Dana", "DUST Identity", "Engineering Manager", "2021-01", "",
			"Upon becoming a manager, I was responsible for the DevOps team",
			"Grew the team from three engineers to nine"),
		resume("jordan", "Jordan", "Northwind", "SRE Manager", "2020-03", "",
			"Managed a team of six site reliability engineers",
			"Cut paging volume by 45% with SLO-based alerting"),
		resume("rosa", "Rosa", "Mercy", "Charge Nurse", "2012", "2020",
			"Supervised a team of 12 registered nurses"),
	}
	skills := map[string][]string{
		"brian-0": {"DevOps", "Kubernetes"}, "brian-2": {"Kubernetes"},
		"dana-0": {"DevOps"}, "jordan-0": {"SRE", "Kubernetes"},
	}
	for _, r := range rs {
		for i := range r.Bullets {
			r.Bullets[i].Skills = skills[r.Bullets[i].ID]
		}
	}
	return rs
}

// TestFacetsCountTopResults pins the documented semantics: facets count
// the first FacetDepth bullets of the ranked list, whatever the page, in
// every mode, and only bullets that pass the filters.
func TestFacetsCountTopResults(t *testing.T) {
	s, _ := newEngineWith(t, skilled())
	const depth = 3
	s.opts.FacetDepth = depth
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		mode    vitae.Mode
		filters vitae.Filters
	}{
		{"keyword", vitae.ModeKeyword, vitae.Filters{}},
		{"semantic", vitae.ModeSemantic, vitae.Filters{}},
		{"hybrid", vitae.ModeHybrid, vitae.Filters{}},
		{"keyword filtered", vitae.ModeKeyword, vitae.Filters{Company: []string{"Planet Labs", "Northwind"}}},
		{"semantic filtered", vitae.ModeSemantic, vitae.Filters{Role: []string{"principal engineer", "SRE Manager", "Engineering Manager"}}},
		{"hybrid filtered", vitae.ModeHybrid, vitae.Filters{Role: []string{"principal engineer", "SRE Manager"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := vitae.Query{Text: "led the engineering team", Mode: tc.mode, Filters: tc.filters, Limit: 100}
			all, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if all.Degraded {
				t.Fatalf("degraded: %s", all.DegradedReason)
			}
			if len(all.Hits) < depth {
				t.Fatalf("%d hits, want at least %d to see the depth", len(all.Hits), depth)
			}
			for _, h := range all.Hits {
				if !passes(h.Bullet, tc.filters) {
					t.Fatalf("hit %s does not pass the filters", h.ID)
				}
			}
			want := facetsOf(all.Hits[:depth])
			q.Facets = true
			for _, page := range []struct{ offset, limit int }{{0, 1}, {1, 2}, {0, 100}} {
				q.Offset, q.Limit = page.offset, page.limit
				res, err := s.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, res.Facets); diff != "" {
					t.Errorf("offset %d limit %d: facets (-want +got):\n%s", page.offset, page.limit, diff)
				}
			}
			n := 0
			for _, c := range want["company"] {
				n += c.Count
			}
			if n != depth {
				t.Errorf("company counts sum to %d, want the depth %d", n, depth)
			}
		})
	}
}

// passes applies the company, role and skill filters the test uses.
func passes(b vitae.Bullet, f vitae.Filters) bool {
	in := func(v string, set []string) bool {
		if len(set) == 0 {
			return true
		}
		for _, x := range set {
			if strings.EqualFold(x, v) {
				return true
			}
		}
		return false
	}
	skill := len(f.Skill) == 0
	for _, s := range b.Skills {
		skill = skill || in(s, f.Skill)
	}
	return in(b.Company, f.Company) && in(b.Role, f.Role) && skill
}
