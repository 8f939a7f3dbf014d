package search

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"vitae"
	"vitae/index"
	"vitae/lexicon"
)

// Syntax is a query as a recruiter writes it, taken apart:
//
//	"exact phrase"     the words must appear together, in order
//	-word, -"phrase"   bullets containing it are left out
//	a OR b             either (words are alternatives anyway; OR is not searched for)
//	skill:Go  company:"Acme Corp"  role:SRE  since:2019  until:2022
//	                   field filters, added to the request's filters;
//	                   company, role and person match by words (role:SRE
//	                   finds "Senior SRE", not "PM" "Product Manager"),
//	                   a skill whole (index/words.go)
//
// Everything else is free text. Quotes that do not close, a lone "-", and
// unknown "name:value" pairs are free text too: a query never fails to
// parse. A field filter without a value ("skill:", `skill:""`) is kept
// aside in NoValue, which the engine refuses (checkFilters).
type Syntax struct {
	// Text is what keyword and vector retrieval read: the free words and
	// the phrases' words, in query order, operators removed.
	Text    string
	Phrases []string
	Exclude []string // words and phrases, as written
	Filters vitae.Filters
	NoValue []string // field filters without a value, as written ("skill")
}

// ParseSyntax takes a query apart. It is total: every input parses.
func ParseSyntax(q string) Syntax {
	var s Syntax
	var text []string
	for _, tok := range splitQuery(q) {
		neg := strings.HasPrefix(tok.s, "-") && len(tok.s) > 1 && !tok.quoted
		raw := tok.s
		if neg {
			raw = raw[1:]
		}
		switch {
		case tok.quoted && tok.neg:
			if p := cleanPhrase(raw); p != "" {
				s.Exclude = append(s.Exclude, p)
			}
		case tok.quoted:
			if p := cleanPhrase(raw); p != "" {
				s.Phrases = append(s.Phrases, p)
				text = append(text, p)
			}
		case tok.field != "" && strings.TrimSpace(tok.s) == "" && isFilter(tok.field):
			s.NoValue = append(s.NoValue, tok.field)
		case tok.field != "":
			if !s.addFilter(tok.field, tok.s) {
				text = append(text, tok.field+":"+tok.s)
			}
		case neg:
			s.Exclude = append(s.Exclude, raw)
		case isOperator(tok.s):
			// alternatives are the default between words
		default:
			text = append(text, tok.s)
		}
	}
	s.Text = strings.Join(text, " ")
	return s
}

// checkWords refuses a query with nothing to search for, saying what it
// has instead: only exclusions or field filters ("-devops", "skill:Go"),
// only operators ("OR"), no words at all (punctuation, symbols, emoji,
// empty quotes), or only common words ("the and of": the keyword side
// found nothing and the meaning side answered the closest bullets).
func (s Syntax) checkWords(q string) error {
	if strings.IndexFunc(s.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
		if onlyCommonWords(s.Text) {
			return vitae.Errorf(vitae.EINVALID, "query %q has only common words, which are not searched; add a word that says what to find", q)
		}
		return nil
	}
	switch {
	case len(s.Exclude) > 0 || !s.Filters.Empty():
		return vitae.Errorf(vitae.EINVALID, "query %q has no words to search for, only exclusions or field filters", q)
	case slices.ContainsFunc(splitQuery(q), func(t queryToken) bool { return !t.quoted && isOperator(t.s) }):
		return vitae.Errorf(vitae.EINVALID, "query %q has no words to search for, only the operator OR", q)
	}
	return vitae.Errorf(vitae.EINVALID, "query %q has no words to search for", q)
}

// onlyCommonWords reports whether every word of text is a common word:
// one the keyword side drops (index.Terms) and the meaning side weighs
// nothing (stopWords). "IT" is dropped by the first, not the second.
func onlyCommonWords(text string) bool {
	if len(index.Terms(text)) > 0 {
		return false
	}
	for _, w := range lexicon.Tokenize(text) {
		if !stopWords[w] {
			return false
		}
	}
	return true
}

// checkFilters refuses a field filter written without a value, which
// would otherwise filter nothing or be searched as the word "skill".
func (s Syntax) checkFilters() error {
	if len(s.NoValue) == 0 {
		return nil
	}
	f := s.NoValue[0]
	return vitae.Errorf(vitae.EINVALID, `the filter "%s:" has no value: write the value right after the colon, %s, or in quotes, %s`,
		f, filterExample(f, false), filterExample(f, true))
}

// filterExample is a filter on field as a query writes it.
func filterExample(field string, quoted bool) string {
	values := map[string][2]string{
		"skill": {"Go", "machine learning"}, "company": {"Acme", "Acme Corp"}, "role": {"SRE", "product manager"},
		"person": {"Smith", "Ada Smith"}, "section": {"work", "work"}, "since": {"2019", "2019-06"}, "until": {"2022", "2022-12"},
	}
	v := values[canonicalField(field)]
	if quoted {
		return fmt.Sprintf(`%s:"%s"`, field, v[1])
	}
	return field + ":" + v[0]
}

func isOperator(s string) bool { return s == "OR" || s == "|" || s == "||" }

// isFilter reports whether field names a field filter.
func isFilter(field string) bool { return canonicalField(field) != "" }

// canonicalField is the filter a field name stands for ("employer" is
// company), "" when it names none.
func canonicalField(field string) string {
	switch strings.ToLower(field) {
	case "skill", "skills":
		return "skill"
	case "company", "employer":
		return "company"
	case "role", "title":
		return "role"
	case "person", "name":
		return "person"
	case "section":
		return "section"
	case "since", "from":
		return "since"
	case "until", "to":
		return "until"
	}
	return ""
}

// addFilter adds a field filter; false for a field Vitae does not filter on.
func (s *Syntax) addFilter(field, value string) bool {
	value = strings.TrimSpace(value)
	if value == "" {
		return false
	}
	f := &s.Filters
	switch canonicalField(field) {
	case "skill":
		f.Skill = append(f.Skill, value)
	case "company":
		f.Company = append(f.Company, value)
	case "role":
		f.Role = append(f.Role, value)
	case "person":
		f.Person = append(f.Person, value)
	case "section":
		f.Section = append(f.Section, strings.ToLower(value))
	case "since":
		f.Since = value
	case "until":
		f.Until = value
	default:
		return false
	}
	return true
}

// Merge adds the query's own filters to the request's: lists are joined,
// a date bound from the query text wins over an empty one.
func (s Syntax) Merge(f vitae.Filters) vitae.Filters {
	f.Company = append(f.Company, s.Filters.Company...)
	f.Role = append(f.Role, s.Filters.Role...)
	f.Skill = append(f.Skill, s.Filters.Skill...)
	f.Person = append(f.Person, s.Filters.Person...)
	f.Section = append(f.Section, s.Filters.Section...)
	if f.Since == "" {
		f.Since = s.Filters.Since
	}
	if f.Until == "" {
		f.Until = s.Filters.Until
	}
	return f
}

// WithoutFilters is q with the field filters ParseSyntax reads taken
// out (skill:Go, company:"Acme Corp"), the rest as written, spaces
// folded: the query to search for without them.
func WithoutFilters(q string) string {
	rs := []rune(q)
	var b strings.Builder
	last := 0
	for _, t := range splitQuery(q) {
		if t.field == "" || !(&Syntax{}).addFilter(t.field, t.s) {
			continue
		}
		b.WriteString(string(rs[last:t.start]))
		b.WriteByte(' ')
		last = t.end
	}
	b.WriteString(string(rs[last:]))
	return strings.Join(strings.Fields(b.String()), " ")
}

type queryToken struct {
	s      string
	field  string // "skill" in skill:Go
	quoted bool
	neg    bool // -"phrase"
	// start and end delimit the token in the query, in runes.
	start, end int
}

// splitQuery splits on spaces, keeping quoted runs (after an optional "-"
// or "field:") whole. An unclosed quote is read as plain words.
func splitQuery(q string) []queryToken {
	var out []queryToken
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		start := i
		for i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '"' {
			i++
		}
		prefix := string(rs[start:i])
		if i < len(rs) && rs[i] == '"' {
			if end := indexRune(rs, i+1, '"'); end >= 0 {
				t := queryToken{s: string(rs[i+1 : end]), quoted: true, start: start, end: end + 1}
				switch {
				case prefix == "-":
					t.neg = true
				case strings.HasSuffix(prefix, ":") && len(prefix) > 1:
					t = queryToken{s: t.s, field: strings.TrimSuffix(prefix, ":"), start: start, end: end + 1}
				case prefix != "":
					out = append(out, plainToken(prefix, start, i))
					t.start = i
				}
				out = append(out, t)
				i = end + 1
				continue
			}
			// unclosed: the quote is dropped, the rest read as words
			if prefix != "" {
				out = append(out, plainToken(prefix, start, i))
			}
			i++
			continue
		}
		out = append(out, plainToken(prefix, start, i))
	}
	return out
}

// plainToken reads an unquoted token, found at runes start..end: a field
// name with its value, or with none when the token ends at the colon.
func plainToken(s string, start, end int) queryToken {
	if k := strings.IndexByte(s, ':'); k > 0 && k < len(s)-1 && isFieldName(s[:k]) {
		return queryToken{s: s[k+1:], field: s[:k], start: start, end: end}
	}
	if k := len(s) - 1; k > 0 && s[k] == ':' && isFilter(s[:k]) {
		return queryToken{field: s[:k], start: start, end: end}
	}
	return queryToken{s: s, start: start, end: end}
}

func isFieldName(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func indexRune(rs []rune, from int, r rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

func cleanPhrase(s string) string { return strings.Join(strings.Fields(s), " ") }

// Keeps reports whether a bullet's text obeys the query's phrases and
// exclusions, read with the index's analyzer (so "-managers" leaves out
// "managed"): bleve applies them to keyword hits; this is for hits that
// came by meaning.
func (s Syntax) Keeps(text string) bool {
	if len(s.Phrases) == 0 && len(s.Exclude) == 0 {
		return true
	}
	terms := index.Terms(text)
	for _, p := range s.Phrases {
		if !containsRun(terms, index.Terms(p)) {
			return false
		}
	}
	for _, x := range s.Exclude {
		if containsRun(terms, index.Terms(x)) {
			return false
		}
	}
	return true
}

// containsRun reports whether run occurs in terms, in order, contiguous.
func containsRun(terms, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(terms); i++ {
		if slices.Equal(terms[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
