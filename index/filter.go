package index

import (
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"vitae"
	"vitae/index/vector"
)

// filter is vitae.Filters as both retrievers apply them, written once:
// lexical search asks bleve for query(), vector search keeps the bullets
// whose metadata keeps() accepts. A bullet passes when
//
//   - for each of company, role, person, section and skill given, it has
//     any of the values (company, role, person and skills in any case);
//   - its period overlaps [since, until] (vitae.Period.Overlaps: a year
//     is all of it, an open role runs to now, an undated bullet never
//     overlaps a window).
type filter struct {
	company, role, person, section, skill []string // trimmed, lower-cased
	since, until                          string   // "YYYY" / "YYYY-MM"; "" open
}

// compileFilter checks f and returns it as a filter, nil when nothing is
// filtered. Unreadable dates, or until before since, are EINVALID.
func compileFilter(f vitae.Filters) (*filter, error) {
	if _, _, err := vitae.Window(f.Since, f.Until); err != nil {
		return nil, err
	}
	c := &filter{company: values(f.Company), role: values(f.Role), person: values(f.Person),
		section: values(f.Section), skill: values(f.Skill), since: f.Since, until: f.Until}
	if len(c.company)+len(c.role)+len(c.person)+len(c.section)+len(c.skill) == 0 && c.since == "" && c.until == "" {
		return nil, nil
	}
	return c, nil
}

// values are a filter's values as compared: trimmed, lower-cased, blanks dropped.
func values(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, strings.ToLower(x))
		}
	}
	return out
}

// metaOf is what keeps() looks at for a bullet, lower-cased as compared;
// the section is kept as written, as bleve indexes it.
func metaOf(b vitae.Bullet) vector.Meta {
	m := vector.Meta{Company: strings.ToLower(b.Company), Role: strings.ToLower(b.Role),
		Person: strings.ToLower(b.Person), Section: b.Section, Period: vitae.PeriodOf(b)}
	for _, s := range b.Skills {
		m.Skills = append(m.Skills, strings.ToLower(s))
	}
	return m
}

// keeps reports whether a vector's bullet passes the filter.
func (f *filter) keeps(m *vector.Meta) bool {
	anyOf := func(want []string, have ...string) bool {
		if len(want) == 0 {
			return true
		}
		for _, h := range have {
			if slices.Contains(want, h) {
				return true
			}
		}
		return false
	}
	return anyOf(f.company, m.Company) && anyOf(f.role, m.Role) && anyOf(f.person, m.Person) &&
		anyOf(f.section, m.Section) && anyOf(f.skill, m.Skills...) &&
		m.Period.Overlaps(f.since, f.until)
}

// query is the filter as a bleve query over the fields toDoc writes.
func (f *filter) query() query.Query {
	var must []query.Query
	anyOf := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		qs := make([]query.Query, len(values))
		for i, v := range values {
			t := bleve.NewTermQuery(v)
			t.SetField(field)
			qs[i] = t
		}
		must = append(must, bleve.NewDisjunctionQuery(qs...))
	}
	anyOf(fCompanyLC, f.company)
	anyOf(fRoleLC, f.role)
	anyOf(fSkillsLC, f.skill)
	anyOf(fPersonLC, f.person)
	anyOf(fSection, f.section)
	// Overlap as Period.Overlaps has it: the period ends after since (the
	// stored end is its last second, so ≥ since) and starts before the
	// end of until. A bullet without a readable start has no dates in
	// bleve and matches neither.
	from, to, _ := vitae.Window(f.since, f.until) // checked by compileFilter
	if !from.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(from, time.Time{}, &inclusive, nil)
		q.SetField(fEnd)
		must = append(must, q)
	}
	if !to.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(time.Time{}, to, nil, &exclusive)
		q.SetField(fStart)
		must = append(must, q)
	}
	if len(must) == 0 {
		return nil
	}
	return bleve.NewConjunctionQuery(must...)
}

var inclusive, exclusive = true, false
