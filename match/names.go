package match

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae/ingest"
	"vitae/lexicon"
)

// reSlashed finds words joined by slashes ("Kubernetes/Mesos"); they are
// split unless the lexicon knows the whole ("CI/CD", "UI/UX").
var reSlashed = regexp.MustCompile(`[\p{L}\p{N}+#.]+(?:/[\p{L}\p{N}+#.]+)+`)

// reRate is a rate ("1M ops/s", "req/sec"): one unit, not a list whose
// "ops" is the operations role.
var reRate = regexp.MustCompile(`(?i)/(s|sec|second|min|minute|h|hr|hour|day|month|yr|year)$`)

// unslash spaces the slashes of a slashed list so that each of its words
// reads as a word of its own: a requirement's tools after a slash are
// names like those after a space ("Kubernetes/Mesos/CloudFoundry" lists
// three alternatives).
func (z *analyzer) unslash(text string) string { return unslashText(z.lex, text) }

// unslashText is unslash with lexicon lex, for the JD's own reading of
// its requirements' skills (JobDescription.add).
func unslashText(lex *lexicon.Lexicon, text string) string {
	if strings.IndexByte(text, '/') < 0 {
		return text // most texts: no slash, and the regexp's scan is not free
	}
	return reSlashed.ReplaceAllStringFunc(text, func(s string) string {
		if _, ok := lex.Lookup(s); ok || reRate.MatchString(s) {
			return s
		}
		return strings.ReplaceAll(s, "/", " / ")
	})
}

// writtenAsNames returns the lower-case words a text writes as names: a
// capital inside the word ("iPad", "DynamoDB", "SQL"), or a capital
// first letter where a sentence does not start ("… with Docker"; not
// "Containerized the …").
func writtenAsNames(text string) map[string]bool {
	out := map[string]bool{}
	text = strings.ReplaceAll(text, "/", " / ") // "C++11/14", "Nagios/Zabbix": each a word
	for _, loc := range wordSpans(text) {
		w := strings.TrimRight(text[loc[0]:loc[1]], ".-'")
		first, n := utf8.DecodeRuneInString(w)
		inner := strings.IndexFunc(w[n:], unicode.IsUpper) >= 0
		if !inner && (!unicode.IsUpper(first) || sentenceStart(text[:loc[0]])) {
			continue
		}
		out[strings.ToLower(w)] = true
	}
	return out
}

// sentenceStart reports whether a word after before starts a sentence,
// a clause or a list item, where any word may be capitalised.
func sentenceStart(before string) bool {
	before = strings.TrimRight(before, " \t")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(".:;!?•*(-–—\"“", r)
}

// saysSkill reports whether the bullet fills the skill slot with key k
// by a word the requirement writes ("MySQL", not "Percona" of its family).
func saysSkill(r *reqParts, b *textParts, k string) bool {
	for _, w := range b.surface[k] {
		if r.said[w] {
			return true
		}
	}
	return false
}

// byFamily reports whether the bullet fills a named skill slot ("Deep
// Docker expertise", "bash") only with a common word of the tool's
// lexicon group ("containerized", "shell scripts"): the kind of work the
// tool does, not the tool, which is partial evidence at most. A bullet
// that writes a name of the group ("iPad" for iOS, "C++11") names it.
func byFamily(r *reqParts, b *textParts, k string) bool {
	if !r.strict || !r.named {
		return false
	}
	if r.fields[k] && !namedIn(b, k) {
		return true // "monitoring" for "monitoring systems like Graphite, Nagios": the field, not a tool
	}
	if saysSkill(r, b, k) {
		return false
	}
	return !namedIn(b, k)
}

// namedIn reports whether the bullet writes key k as a name.
func namedIn(b *textParts, k string) bool {
	for _, w := range b.surface[k] {
		if b.names[w] {
			return true
		}
	}
	return false
}

// bestSkill returns the key by which the bullet fills the requirement's
// skill slot, preferring a key said outside an aside and by name, so
// that the choice does not depend on map order.
func bestSkill(r *reqParts, b *textParts) (string, bool) {
	best, bestQ := "", -1
	for k := range r.skills {
		if !b.keys[k] || !saysName(r, b, k) {
			continue
		}
		q := 0
		if len(r.skills) > 1 || !b.passing[k] { // in passing counts for a requirement of one skill only
			q += 4
		}
		if !byFamily(r, b, k) {
			q += 2
		}
		if saysSkill(r, b, k) {
			q++
		}
		if q > bestQ || q == bestQ && k < best {
			best, bestQ = k, q
		}
	}
	return best, bestQ >= 0
}

// wordKeys returns the keys one word of a lexicon phrase has on its own:
// its stem, and its own lexicon group when it has one and it is not the
// phrase's ("data" of "data pipelines"). Verbs are left out: an action
// is read from the whole phrase.
func (z *analyzer) wordKeys(t token) []token {
	var out []token
	if w := z.word(t.word); w.key != "" {
		out = append(out, w)
	}
	if ts := z.tokens(t.word); len(ts) == 1 && ts[0].key != "" && ts[0].key != t.key && ts[0].kind != "verb" {
		out = append(out, ts[0])
	}
	return out
}

// nounOfVerb reports whether a requirement's verb is used as a noun after
// the word it follows: "technology training", "program management",
// "penetration testing". Its verb family ("training" is mentoring, which
// is leading) would lose what is asked, so the word is an object too.
func nounOfVerb(t, before token) bool {
	if before.key == "" || before.kind == "verb" || before.span == t.span && t.span != 0 {
		return false
	}
	for _, end := range []string{"ing", "ment", "tion", "sion"} {
		if strings.HasSuffix(t.word, end) {
			return true
		}
	}
	return false
}

// sentenceParts counts the sentences of a requirement that ask for
// something of their own (parts worth 2 or more): "Working knowledge of
// Linux and/or containers. You need to … deliver training" asks for two
// things, and a bullet that meets one clause of one sentence meets half.
func (z *analyzer) sentenceParts(text string) int {
	n := 0
	// "(e.g. Bash, Ruby)": the splitter knows "e.g." but not "(e.g.", so
	// the bracket is set apart first.
	for _, s := range ingest.Sentences(strings.ReplaceAll(text, "(", "( ")) {
		if z.parts(s.Text).total >= 2 {
			n++
		}
	}
	return n
}

// saysName reports whether the bullet meets part k of r by the word r
// writes, when r is a line of names only (reqParts.asName): "Craft" the
// tool is not "Crafted stories", nor the verb that opens "Craft
// compelling stories". A word r writes as a name inside a sentence
// (reqParts.capital) is met only with its capital.
func saysName(r *reqParts, b *textParts, k string) bool {
	if w, ok := r.capital[k]; ok && !writesCapital(b.text, w) {
		return false
	}
	w, ok := r.asName[k]
	if _, led := r.led[k]; !ok || led {
		return true // "Leadership" is met by leading people (leadparts.go)
	}
	n := 0
	for _, s := range b.surface[k] {
		if s == w || s == w+"s" {
			n++
		}
	}
	if b.lead == w {
		n--
	}
	return n > 0
}

// writesCapital reports whether text writes lower-case word w with a
// capital, anywhere ("Craft CMS", "… with Craft").
func writesCapital(text, w string) bool {
	for _, loc := range wordSpans(text) {
		s := text[loc[0]:loc[1]]
		if r, _ := utf8.DecodeRuneInString(s); unicode.IsUpper(r) && strings.EqualFold(strings.TrimRight(s, ".-'"), w) {
			return true
		}
	}
	return false
}

// allCapitals reports whether every word of four letters or more of
// text starts with a capital ("Strong Communication Skills"): there a
// capital says nothing of a name. A tool list is written in capitals
// but for its other words ("Proficiency with Sketch, … or comparable
// tools").
func allCapitals(text string) bool {
	for _, loc := range wordSpans(text) {
		s := text[loc[0]:loc[1]]
		if r, _ := utf8.DecodeRuneInString(s); utf8.RuneCountInString(s) >= 4 && unicode.IsLower(r) {
			return false
		}
	}
	return true
}
