package web

import (
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"vitae"
	"vitae/search"
)

// searchParams is the state of the search page, all in its URL, so a
// link, the back button and a saved search bring it back exactly.
// Several skills combine with AND (a candidate has them all), several
// companies or roles with OR.
type searchParams struct {
	Query   string
	Mode    string // hybrid (default), semantic, keyword
	Sort    string // "" relevance, "recent"
	Bullets bool   // view=bullets: one row per bullet instead of per candidate
	Skills  []string
	Company []string
	Role    []string
	Since   string
	Until   string
	Page    int
	// Blind: blind review (pseudonyms, no contact details or schools);
	// pages set it from pageBlind, which also reads the session's switch.
	Blind bool
}

// facetParams are the URL parameters of the facets, in display order.
var facetParams = []struct{ facet, param, label string }{
	{"skill", "skill", "Skills (all of)"},
	{"company", "company", "Companies (any of)"},
	{"role", "role", "Roles (any of)"},
}

func parseSearchParams(v url.Values) searchParams {
	p := searchParams{Query: strings.TrimSpace(v.Get("q")), Mode: v.Get("mode"), Sort: v.Get("sort"),
		Bullets: v.Get("view") == "bullets", Since: strings.TrimSpace(v.Get("since")), Until: strings.TrimSpace(v.Get("until"))}
	if p.Mode == "" {
		p.Mode = string(vitae.ModeHybrid)
	}
	if p.Sort != "recent" {
		p.Sort = ""
	}
	clean := func(xs []string) []string {
		var out []string
		for _, x := range xs {
			if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) && len(out) < 50 {
				out = append(out, x)
			}
		}
		return out
	}
	p.Skills, p.Company, p.Role = clean(v["skill"]), clean(v["company"]), clean(v["role"])
	if b := v["blind"]; len(b) > 0 {
		p.Blind = b[len(b)-1] == "1" || b[len(b)-1] == "true" // the last: forms send a hidden 0 first
	}
	p.Page, _ = strconv.Atoi(v.Get("page"))
	if p.Page < 1 {
		p.Page = 1
	}
	return p
}

func (p searchParams) values() url.Values {
	v := url.Values{}
	set := func(k, x string) {
		if x != "" {
			v.Set(k, x)
		}
	}
	set("q", p.Query)
	if p.Mode != string(vitae.ModeHybrid) {
		set("mode", p.Mode)
	}
	set("sort", p.Sort)
	if p.Bullets {
		v.Set("view", "bullets")
	}
	for _, s := range p.Skills {
		v.Add("skill", s)
	}
	for _, s := range p.Company {
		v.Add("company", s)
	}
	for _, s := range p.Role {
		v.Add("role", s)
	}
	set("since", p.Since)
	set("until", p.Until)
	if p.Page > 1 {
		v.Set("page", strconv.Itoa(p.Page))
	}
	if p.Blind {
		v.Set("blind", "1")
	}
	return v
}

// URL is the search page for p.
func (p searchParams) URL() string { return "/?" + p.values().Encode() }

// Encoded is p as a query string, for "back".
func (p searchParams) Encoded() string { return p.values().Encode() }

// ExportURL is the link that exports p's search in format (csv or json),
// typed as a URL so that the template does not escape its query string
// as one value ("/export?q%3d…" answered 400).
func (p searchParams) ExportURL(format string) template.URL {
	v := p.values()
	v.Set("format", format)
	return template.URL("/export?" + v.Encode())
}

func (p *searchParams) list(param string) *[]string {
	switch param {
	case "skill":
		return &p.Skills
	case "company":
		return &p.Company
	}
	return &p.Role
}

// toggle returns p with value added to or removed from a facet, back on
// page 1.
func (p searchParams) toggle(param, value string) searchParams {
	q := p
	q.Skills, q.Company, q.Role = slices.Clone(p.Skills), slices.Clone(p.Company), slices.Clone(p.Role)
	q.Page = 1
	l := q.list(param)
	if i := slices.IndexFunc(*l, func(x string) bool { return strings.EqualFold(x, value) }); i >= 0 {
		*l = slices.Delete(*l, i, i+1)
	} else {
		*l = append(*l, value)
	}
	return q
}

func (p searchParams) active(param, value string) bool {
	return slices.ContainsFunc(*p.list(param), func(x string) bool { return strings.EqualFold(x, value) })
}

// filters are the engine's filters: skills as any-of (the page then keeps
// candidates who have all of them), companies and roles any-of.
func (p searchParams) filters() vitae.Filters {
	return vitae.Filters{Skill: p.Skills, Company: p.Company, Role: p.Role, Since: p.Since, Until: p.Until}
}

func (p searchParams) filtered() bool {
	return len(p.Skills)+len(p.Company)+len(p.Role) > 0 || p.Since != "" || p.Until != ""
}

// withoutFilters is p's search without its filters, the page's and the
// query's own (role:PM), on page 1.
func (p searchParams) withoutFilters() searchParams {
	q := p
	q.Query = search.WithoutFilters(p.Query)
	q.Skills, q.Company, q.Role, q.Since, q.Until, q.Page = nil, nil, nil, "", "", 1
	return q
}

// chip is one active filter, with the link that removes it.
type chip struct {
	Label, Remove string
}

func (p searchParams) chips() []chip {
	var out []chip
	for _, f := range facetParams {
		for _, v := range *p.list(f.param) {
			out = append(out, chip{Label: f.facet + ": " + v, Remove: p.toggle(f.param, v).URL()})
		}
	}
	if p.Since != "" {
		q := p
		q.Since, q.Page = "", 1
		out = append(out, chip{Label: "since " + p.Since, Remove: q.URL()})
	}
	if p.Until != "" {
		q := p
		q.Until, q.Page = "", 1
		out = append(out, chip{Label: "until " + p.Until, Remove: q.URL()})
	}
	return out
}
