package weaviate

import (
	"strings"

	"github.com/weaviate/weaviate-go-client/v5/weaviate/filters"

	"vitae"
	"vitae/index"
)

// where is vitae.Filters as a Weaviate where filter, nil when nothing is
// filtered; it reads the filters as the embedded index does (index/filter.go):
//
//   - for each of company, role, person, section and skill given, a bullet
//     has any of the values: a company, role or person by words (the
//     value's index.WordKey inside the stored one: Like "*|sre|*"), a
//     skill whole in any case (the lower-cased copies), a section as
//     written;
//   - its period overlaps [since, until]: it ends at or after since's first
//     instant and starts before until's end; an undated bullet has no dates
//     and matches no window.
//
// Unreadable dates, until before since, or a company, role or person
// without a letter or digit are EINVALID.
func where(f vitae.Filters) (*filters.WhereBuilder, error) {
	from, to, err := vitae.Window(f.Since, f.Until)
	if err != nil {
		return nil, err
	}
	var must []*filters.WhereBuilder
	inWords := func(path, field string, values []string) error {
		keys, err := index.WordKeys(field, values)
		if err != nil || len(keys) == 0 {
			return err
		}
		// Like's '*' is any run of characters; keys hold none of its
		// wildcards ('*', '?').
		alts := make([]*filters.WhereBuilder, len(keys))
		for i, k := range keys {
			alts[i] = filters.Where().WithPath([]string{path}).WithOperator(filters.Like).WithValueText("*" + k + "*")
		}
		must = append(must, or(alts...))
		return nil
	}
	for _, c := range []struct {
		path, field string
		values      []string
	}{{pCompanyW, "company", f.Company}, {pRoleW, "role", f.Role}, {pPersonW, "person", f.Person}} {
		if err := inWords(c.path, c.field, c.values); err != nil {
			return nil, err
		}
	}
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

// or joins filters, any of which must match.
func or(ws ...*filters.WhereBuilder) *filters.WhereBuilder {
	if len(ws) == 1 {
		return ws[0]
	}
	return filters.Where().WithOperator(filters.Or).WithOperands(ws)
}

// idsIn matches the objects whose UUID is one of ids.
func idsIn(ids []string) *filters.WhereBuilder {
	return filters.Where().WithPath([]string{"id"}).WithOperator(filters.ContainsAny).WithValueText(ids...)
}

// textEquals matches the objects whose property path is value.
func textEquals(path, value string) *filters.WhereBuilder {
	return filters.Where().WithPath([]string{path}).WithOperator(filters.Equal).WithValueText(value)
}
