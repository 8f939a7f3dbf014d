package weaviate

import (
	"strings"

	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"

	"vitae"
)

// where is vitae.Filters as a Weaviate where filter, nil when nothing is
// filtered; it reads the filters as the embedded index does (index/filter.go):
//
//   - for each of company, role, person, section and skill given, a bullet
//     has any of the values (company, role, person and skills in any case,
//     through the lower-cased copies; section as written);
//   - its period overlaps [since, until]: it ends at or after since's first
//     instant and starts before until's end; an undated bullet has no dates
//     and matches no window.
//
// Unreadable dates, or until before since, are EINVALID.
func where(f vitae.Filters) (*filters.WhereBuilder, error) {
	from, to, err := vitae.Window(f.Since, f.Until)
	if err != nil {
		return nil, err
	}
	var must []*filters.WhereBuilder
	anyOf := func(path string, values []string, lower bool) {
		var vs []string
		for _, v := range values {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			if lower {
				v = strings.ToLower(v)
			}
			vs = append(vs, v)
		}
		if len(vs) > 0 {
			must = append(must, filters.Where().WithPath([]string{path}).
				WithOperator(filters.ContainsAny).WithValueText(vs...))
		}
	}
	anyOf(pCompanyLC, f.Company, true)
	anyOf(pRoleLC, f.Role, true)
	anyOf(pPersonLC, f.Person, true)
	anyOf(pSkillsLC, f.Skill, true)
	anyOf(pSection, f.Section, false)
	if !from.IsZero() {
		must = append(must, filters.Where().WithPath([]string{pEnd}).
			WithOperator(filters.GreaterThanEqual).WithValueDate(from))
	}
	if !to.IsZero() {
		must = append(must, filters.Where().WithPath([]string{pStart}).
			WithOperator(filters.LessThan).WithValueDate(to))
	}
	return and(must...), nil
}

// and joins filters, skipping nil ones; nil when none is left.
func and(ws ...*filters.WhereBuilder) *filters.WhereBuilder {
	var keep []*filters.WhereBuilder
	for _, w := range ws {
		if w != nil {
			keep = append(keep, w)
		}
	}
	switch len(keep) {
	case 0:
		return nil
	case 1:
		return keep[0]
	}
	return filters.Where().WithOperator(filters.And).WithOperands(keep)
}

// idsIn matches the objects whose UUID is one of ids.
func idsIn(ids []string) *filters.WhereBuilder {
	return filters.Where().WithPath([]string{"id"}).WithOperator(filters.ContainsAny).WithValueText(ids...)
}

// textEquals matches the objects whose property path is value.
func textEquals(path, value string) *filters.WhereBuilder {
	return filters.Where().WithPath([]string{path}).WithOperator(filters.Equal).WithValueText(value)
}
