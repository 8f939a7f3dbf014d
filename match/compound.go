package match

import (
	"regexp"
	"strings"

	"vitae/lexicon"
)

// reCompound finds a word joined by a hyphen to one that says how a
// thing is used ("Kubernetes-based", "Python-heavy", "AWS-native").
var reCompound = regexp.MustCompile(`(?i)\b([\p{L}\p{N}+#.]+)-(based|heavy|driven|native|powered|centric|first|focused|enabled|backed|oriented|specific|certified|compatible|savvy|intensive|aware|ready|only|style|related|built|managed|hosted)\b`)

// reWebSite is a closed compound written open: "web site", "web pages".
var reWebSite = regexp.MustCompile(`(?i)\b(web)\s+((?:site|page)s?)\b`)

// plain rewrites what the lexicon cannot read as written: a tool joined
// to such a word is the tool ("Kubernetes-based platforms" asks for
// Kubernetes, as "Kubernetes based platforms" does), unless the lexicon
// knows the compound ("event-driven", "cloud-first"); "web site" is
// "website", so its "site" is no place; a typographic
// apostrophe is the ASCII one ("you’ll" is no word "ll"); a word before an
// elided one names nothing ("Git 'er done"), and an aside naming an owner
// ("now part of Oracle") asks for none.
func (z *analyzer) plain(text string) string { return plainText(z.lex, text) }

// typographic are the marks plainText writes in ASCII: apostrophes and a
// non-breaking hyphen.
var typographic = strings.NewReplacer("’", "'", "‘", "'", "\u2011", "-")

// plainText is plain with lexicon lex, for the JD's own reading of its
// requirements' skills (JobDescription.add).
func plainText(lex *lexicon.Lexicon, text string) string {
	if strings.ContainsAny(text, "’‘\u2011") {
		text = typographic.Replace(text)
	}
	text = joinElided(text) // "Git 'er done" names no Git (unnamed.go)
	text = dropOwners(text) // "Responsys - now part of Oracle" asks for no Oracle
	if strings.Contains(text, "eb ") && reWebSite.MatchString(text) {
		text = reWebSite.ReplaceAllString(text, "${1}${2}") // "web site" is a website, no site a customer has
	}
	if strings.Contains(text, "xcel") && reExcelVerb.MatchString(text) {
		text = reExcelVerb.ReplaceAllStringFunc(text, func(m string) string { return reExcelWord.ReplaceAllString(m, "thrive") })
	}
	if strings.IndexByte(text, '-') < 0 {
		return text // most texts: no hyphen, and the regexp's scan is not free
	}
	return reCompound.ReplaceAllStringFunc(text, func(s string) string {
		if _, ok := lex.Lookup(s); ok {
			return s
		}
		head, tail, _ := strings.Cut(s, "-")
		if g, ok := lex.Lookup(head); !ok || g.Kind != "skill" {
			return s
		}
		return head + " " + tail
	})
}

// reExcelVerb is the verb "excel" before "at" or after "to" ("Excel at
// critical thinking", "a place to excel"): not the spreadsheet, which the
// lexicon would read.
var (
	reExcelVerb = regexp.MustCompile(`(?i)\bexcel(?:s|led|ling)?\s+at\b|\bto\s+excel\b`)
	reExcelWord = regexp.MustCompile(`(?i)\bexcel(?:s|led|ling)?\b`)
)

// markParts reports whether highlight may mark the parts of a hyphenated
// word: the compounds plain reads as a tool ("Kubernetes-based"), not
// "C-level" or "go-to".
func markParts(word string) bool {
	return reCompound.MatchString(word)
}
