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
//     any of the values: a company, role or person by words (words.go:
//     the value's words in a row, "SRE" in "Senior SRE"), a skill whole
//     in any case, a section as written;
//   - its period overlaps [since, until] (vitae.Period.Overlaps: a year
//     is all of it, an open role runs to now, an undated bullet never
//     overlaps a window).
type filter struct {
	company, role, person []string // WordKeys
	section, skill        []string // trimmed; skills lower-cased
	since, until          string   // "YYYY" / "YYYY-MM"; "" open
}

// compileFilter checks f and returns it as a filter, nil when nothing is
// filtered. Unreadable dates, until before since, or a company, role or
// person without a letter or digit are EINVALID.
func compileFilter(f vitae.Filters) (*filter, error) {
	if _, _, err := vitae.Window(f.Since, f.Until); err != nil {
		return nil, err
	}
	c := &filter{section: values(f.Section), skill: values(f.Skill), since: f.Since, until: f.Until}
	var err error
	if c.company, err = WordKeys("company", f.Company); err != nil {
		return nil, err
	}
	if c.role, err = WordKeys("role", f.Role); err != nil {
		return nil, err
	}
	if c.person, err = WordKeys("person", f.Person); err != nil {
		return nil, err
	}
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

// metaOf is what keeps() looks at for a bullet: company, role and person
// as WordKeys, skills lower-cased, the section as written, as bleve
// indexes them.
func metaOf(b vitae.Bullet) vector.Meta {
	m := vector.Meta{Company: WordKey(b.Company), Role: WordKey(b.Role),
		Person: WordKey(b.Person), Section: b.Section, Period: vitae.PeriodOf(b)}
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
	// A key is a substring of the stored key when its words are there in a row.
	inWords := func(keys []string, have string) bool {
		if len(keys) == 0 {
			return true
		}
		for _, k := range keys {
			if strings.Contains(have, k) {
				return true
			}
		}
		return false
	}
	return inWords(f.company, m.Company) && inWords(f.role, m.Role) && inWords(f.person, m.Person) &&
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
	// Words in a row: a phrase over the field's words (filterText).
	inWords := func(field string, keys []string) {
		if len(keys) == 0 {
			return
		}
		qs := make([]query.Query, len(keys))
		for i, k := range keys {
			qs[i] = bleve.NewPhraseQuery(keyWords(k), field)
		}
		must = append(must, bleve.NewDisjunctionQuery(qs...))
	}
	inWords(fCompanyWords, f.company)
	inWords(fRoleWords, f.role)
	inWords(fPersonWords, f.person)
	anyOf(fSkillsLC, f.skill)
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
