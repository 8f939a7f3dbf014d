package match

import (
	"strings"
	"unicode"

	"vitae/index"
)

// A role has a short name and a long one ("SRE", "site reliability
// engineer"; "Ops", "operations"), and the index reads them as unrelated
// terms: a "DevOps Engineer" shared no role word with an "Operations" JD,
// a "Lead Product Manager" none with a "Director of PM". A résumé's role
// title that says a role in either form carries the terms of both, so
// role words meet a JD title written in the other. A "…Ops" compound
// (DevOps, SysOps, SecOps) is operations work of its kind: it carries
// "ops" and "operations", but an operations title is not thereby DevOps,
// so the JD's compound is not widened.

// shortNames are the short names of roles and of the words of role
// titles, with their long forms, as recruiters write them (the lexicon's
// role names, docs/matching.md §2 step 7).
var shortNames = []struct{ short, long string }{
	{"ops", "operations"},
	{"pm", "product manager"},
	{"pm", "product management"},
	{"sre", "site reliability"},
	{"qa", "quality assurance"},
	{"ux", "user experience"},
	{"ui", "user interface"},
	{"ml", "machine learning"},
	{"ai", "artificial intelligence"},
	{"bi", "business intelligence"},
	{"hr", "human resources"},
	{"vp", "vice president"},
	{"cto", "chief technology officer"},
	{"swe", "software engineer"},
}

// opsPrefixes are the kinds of operations a compound "…Ops" names.
var opsPrefixes = map[string]bool{
	"dev": true, "devsec": true, "sec": true, "sys": true, "ml": true, "ai": true, "data": true, "net": true,
	"it": true, "biz": true, "fin": true, "rev": true, "cloud": true, "git": true, "infra": true, "llm": true,
}

// nameForm is one form of a short name, as the index reads it.
type nameForm struct{ short, long []string }

var nameForms = func() []nameForm {
	out := make([]nameForm, len(shortNames))
	for i, n := range shortNames {
		out[i] = nameForm{index.Terms(n.short), index.Terms(n.long)}
	}
	return out
}()

// nameTerms are the terms a role title (its terms as the index reads
// them, and as written) adds for naming a role in its other form: those
// of "operations" for "Ops" or a "…Ops" compound, of "pm" for "Product
// Manager", of "site reliability" for "SRE"; none for a title that names
// none.
func nameTerms(terms []string, title string) []string {
	var out []string
	for _, f := range nameForms {
		switch {
		case hasRun(terms, f.short):
			out = append(out, f.long...)
		case hasRun(terms, f.long):
			out = append(out, f.short...)
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if strings.HasSuffix(w, "ops") && opsPrefixes[strings.TrimSuffix(w, "ops")] {
			out = append(out, nameForms[0].short...)
			out = append(out, nameForms[0].long...)
			break
		}
	}
	return dedupe(out)
}

// hasRun reports whether run occurs in terms as consecutive terms.
func hasRun(terms, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(terms); i++ {
		match := true
		for j, t := range run {
			if terms[i+j] != t {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
