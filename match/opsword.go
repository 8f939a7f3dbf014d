package match

import (
	"strings"
	"unicode"

	"vitae/index"
)

// "Ops" is the short name of operations, and a DevOps, SysOps or SecOps
// role is operations work of its kind; the index reads "ops", "devops"
// and "operations" as three unrelated terms, so a "DevOps Engineer" shared
// no role word with an "Operations" JD, nor an "Ops Engineer" with an
// "Operations Engineer". A résumé's role title that says ops in either
// form carries both the term of "ops" and that of "operations" (a DevOps
// engineer does operations; an operations manager is not thereby a
// DevOps engineer, so a JD's "DevOps" is not widened).

// opsPrefixes are the kinds of operations a compound "…Ops" names.
var opsPrefixes = map[string]bool{
	"dev": true, "devsec": true, "sec": true, "sys": true, "ml": true, "ai": true, "data": true, "net": true,
	"it": true, "biz": true, "fin": true, "rev": true, "cloud": true, "git": true, "infra": true, "llm": true,
}

var (
	opsTerm  = index.Terms("ops")[0]
	operTerm = index.Terms("operations")[0]
)

// opsTerms are the terms a role title adds for saying ops: "ops" and
// "operations" for a title with "Ops", "…Ops" or "Operations"; none for
// another title.
func opsTerms(title string) []string {
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "ops" || w == "operations" || w == "operation" ||
			strings.HasSuffix(w, "ops") && opsPrefixes[strings.TrimSuffix(w, "ops")] {
			return []string{opsTerm, operTerm}
		}
	}
	return nil
}
