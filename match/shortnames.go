package match

import (
	"regexp"
	"slices"
	"strings"

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
	{"pm", "product manager"}, // "product management" too: the index reads both as product manag
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

// nameForm is one pair of names, as the index reads them.
type nameForm struct{ short, long []string }

var (
	nameForms = func() []nameForm {
		out := make([]nameForm, len(shortNames))
		for i, n := range shortNames {
			out[i] = nameForm{index.Terms(n.short), index.Terms(n.long)}
		}
		return out
	}()
	// byFirst indexes the pairs by the first term of either name: a
	// title is scanned once, not once per pair.
	byFirst = func() map[string][]int {
		m := map[string][]int{}
		for i, f := range nameForms {
			m[f.short[0]] = append(m[f.short[0]], i)
			if f.long[0] != f.short[0] {
				m[f.long[0]] = append(m[f.long[0]], i)
			}
		}
		return m
	}()
	opsTerms  = index.Terms("ops")
	opsStem   = opsTerms[0] // "ops" as the index reads it
	operTerms = index.Terms("operations")
	coTerm    = index.Terms("co")[0]
)

// Words that share a stem or a spelling with a name, and are not it:
// "Co-op" is no operations work; "Operator", "Operating" and
// "Operational" stem to what "Operations" does, but only the noun names
// the role; "Bi-lingual" and "Bi-weekly" are no business intelligence;
// the PM of a "Project Manager (PM)" is the project manager the title
// states, not a product manager.

// "Op-Ed" is an opinion page, the PM of "PM Shift" or "AM/PM" a time of
// day, and "Operations Research" a field of applied mathematics, not
// operations work: none names the role.
var (
	// reOpEd finds each word the index reads as "ops", its first group
	// the "-Ed" of an "Op-Ed" written as one: "Ops, Ed Tech" is
	// operations.
	reOpEd    = regexp.MustCompile(`(?i)\bops?\b(-ed\b)?`)
	pmTerm    = index.Terms("pm")[0]
	shiftTerm = index.Terms("shift")[0]
	reAMPM    = regexp.MustCompile(`(?i)\bam\s*/\s*pm\b|\bpm\s*/\s*am\b`)
	// fieldNames are fields named with a long form's words; fieldRuns
	// are their terms, fieldTexts the names written as one run of words
	// ("Operations, Research" names no field).
	fieldNames = []string{"operations research"}
	fieldRuns  = func() (out [][]string) {
		for _, n := range fieldNames {
			out = append(out, index.Terms(n))
		}
		return out
	}()
	fieldTexts = func() (out []*regexp.Regexp) {
		for _, n := range fieldNames {
			out = append(out, regexp.MustCompile(`(?i)\b`+strings.ReplaceAll(n, " ", `\s+`)+`\b`))
		}
		return out
	}()
)

// startsField reports terms that begin with a field's name.
func startsField(terms []string) bool {
	return slices.ContainsFunc(fieldRuns, func(r []string) bool { return hasRun(terms, r) })
}

// dropFields drops from a role title's terms (its own and those
// nameTerms added) the words of a field the title and the JD's (jd) do
// not both name: an "Operations Manager", an "Ops Manager" and a
// "Research Operations Lead" do no operations research, and an
// "Operations Research Scientist" is no operations manager.
func dropFields(terms map[string]bool, role, jd string) {
	for i, re := range fieldTexts {
		if re.MatchString(role) == re.MatchString(jd) {
			continue
		}
		for _, t := range fieldRuns[i] {
			delete(terms, t)
		}
	}
}

// reOperations is the noun the index stems to operTerms.
var reOperations = regexp.MustCompile(`(?i)\boperations\b`)

// hyphenPrefixes find, as their first group, the short names that are
// also prefixes written as one: "Bi-lingual". Each match is one word the
// index reads as the term, in order. Looked at only when the term is in
// the title.
var hyphenPrefixes = map[string]*regexp.Regexp{index.Terms("bi")[0]: regexp.MustCompile(`(?i)\bbi\b(-\pL)?`)}

// prefixAt reports whether the short name at terms[i] is written as a
// prefix ("Bi-lingual") at its own place in role: "Bi-lingual BI
// Analyst" keeps its BI.
func prefixAt(re *regexp.Regexp, role string, terms []string, i int) bool {
	k := 0 // how many times the term comes before i
	for _, t := range terms[:i] {
		if t == terms[i] {
			k++
		}
	}
	ms := re.FindAllStringSubmatchIndex(role, -1)
	return k < len(ms) && ms[k][2] >= 0
}

// nameTerms are the terms a role title (its terms as the index reads
// them) adds for naming a role in its other form: those of "operations"
// for "Ops" or a "…Ops" compound, of "pm" for "Product Manager", of
// "site reliability" for "SRE"; none for a title that names none.
// misread are the short names it writes that name no role ("Co-op",
// "PM Shift"): not the role's words, though the index reads them so.
func nameTerms(role string, terms []string) (add, misread []string) {
	var out []string
	named := map[string]bool{} // short terms read as the name somewhere
	for i, t := range terms {
		for _, fi := range byFirst[t] {
			f := nameForms[fi]
			switch {
			case hasRun(terms[i:], f.short):
				if notName(f, role, terms, i) {
					misread = append(misread, f.short...)
					continue
				}
				for _, s := range f.short {
					named[s] = true
				}
				if !rivalStated(f, terms) {
					out = append(out, f.long...)
				}
			case hasRun(terms[i:], f.long):
				if (!hasRun(f.long, operTerms) || reOperations.MatchString(role)) && !startsField(terms[i:]) {
					out = append(out, f.short...)
				}
			}
		}
		// A compound's stem ends in that of "ops" ("devop", "sysop").
		if len(t) > len(opsStem) && strings.HasSuffix(t, opsStem) && opsPrefixes[strings.TrimSuffix(t, opsStem)] {
			out = append(out, opsTerms...)
			out = append(out, operTerms...)
		}
	}
	misread = slices.DeleteFunc(misread, func(t string) bool { return named[t] })
	if len(misread) > 0 {
		misread = dedupe(misread)
	} else {
		misread = nil
	}
	if out == nil {
		return nil, misread
	}
	return dedupe(out), misread
}

// rivalForms are the other long forms a short name stands for, by its
// terms: "PM" is a project or program manager as often as a product
// one, and a title that states one of those ("Project Manager (PM)",
// "Technical Program Manager, PM") says which. Only named rivals count:
// a long form's last word alone is no rival, it also comes in a team
// ("UX Researcher, Customer Experience") or another role ("CTO & Chief
// Product Officer").
var rivalForms = map[string][][]string{
	index.Terms("pm")[0]: {index.Terms("project manager"), index.Terms("program manager")},
}

// notName reports a short name at terms[i] that names no role: the "op"
// of "Co-op" or "Op-Ed", the "PM" of a time of day, a prefix
// ("Bi-lingual").
func notName(f nameForm, role string, terms []string, i int) bool {
	if f.short[0] == opsStem && (i > 0 && terms[i-1] == coTerm || prefixAt(reOpEd, role, terms, i)) {
		return true // "Co-op", "Op-Ed"
	}
	if f.short[0] == pmTerm && (i+1 < len(terms) && terms[i+1] == shiftTerm || reAMPM.MatchString(role)) {
		return true // "RN - PM Shift", "AM/PM": a time of day
	}
	re := hyphenPrefixes[f.short[0]]
	return re != nil && prefixAt(re, role, terms, i)
}

// rivalStated reports a short name whose rival long form the title
// states without its own ("Project Manager (PM)": a project manager, not
// a product manager): a name of the role, but not of the long form.
func rivalStated(f nameForm, terms []string) bool {
	if containsRun(terms, f.long) {
		return false
	}
	return slices.ContainsFunc(rivalForms[f.short[0]], func(r []string) bool { return containsRun(terms, r) })
}

// containsRun reports whether run occurs in terms.
func containsRun(terms, run []string) bool {
	for i := range terms {
		if hasRun(terms[i:], run) {
			return true
		}
	}
	return false
}

// hasRun reports whether terms begin with run.
func hasRun(terms, run []string) bool {
	if len(run) > len(terms) {
		return false
	}
	for j, t := range run {
		if terms[j] != t {
			return false
		}
	}
	return true
}
