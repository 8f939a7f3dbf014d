package match

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"vitae"
)

// Years of a skill (stop 28): "At least 5 years experience with
// Kubernetes" asks for years of Kubernetes, not of a career. Such a
// requirement counts the years of the dated roles that show the skill —
// a bullet of the role, or its title, names it — merged as leadership
// years are (rolesWhere). A skill is named when the years phrase's
// clause writes a lexicon skill as a name: "Python", "AWS", "k8s",
// "C++". A skill written in lower case is a field ("5+ years in software
// engineering", "5+ years hardware development experience"): done under
// many words no bullet need say, so it counts the whole career, as a
// field of roles does (namedRoles), and so does "Python or similar".

// yearsSkills is the lexicon skills (keys and names) a years requirement
// names as tools, in the clause its years phrase governs (yearsClauses);
// nil when it names none, allows similar ones, or is written in Title
// Case, where a capital tells no tool from a field.
func (z *analyzer) yearsSkills(text string) (map[string]bool, []string) {
	text = z.plain(text)
	clauses, sentence := yearsClauses(text)
	if reOrSimilar.MatchString(sentence) {
		return nil, nil
	}
	first, title := firstWord(sentence), titleCase(sentence)
	for i, clause := range clauses {
		if i == 0 {
			clause = z.ownPart(clause)
		}
		written := map[string]string{} // lower case → as written
		for _, w := range reName.FindAllString(clause, -1) {
			written[strings.ToLower(w)] = w
		}
		var keys map[string]bool
		var names []string
		for _, t := range z.tokens(clause) {
			if t.kind != "skill" || t.name == "" || keys[t.key] {
				continue
			}
			as, capital := written[t.word]
			if !toolShaped(t.word) && !(capital && hasInnerCapital(as)) && !(capital && !title && as != first) {
				continue
			}
			if keys == nil {
				keys = map[string]bool{}
			}
			keys[t.key] = true
			names = append(names, t.name)
		}
		if keys != nil {
			return keys, names
		}
	}
	return nil, nil
}

// yearsClauses is the parts of a requirement its first years phrase may
// govern, nearest first, and the sentence they are in. First the phrase
// up to the next years phrase of the sentence ("5+ years of Go, 2+ years
// of Kafka" asks years of Go against 5), or to the sentence's end ("5+
// years of Go; Kafka a plus" asks years of Go only), short of an aside
// (reYearsAside: "5+ years of backend development, ideally with Kafka"
// asks no years of Kafka); then, with one years phrase, the sentence
// before it ("Strong Python skills (5+ years)").
func yearsClauses(text string) (clauses []string, sentence string) {
	at := reYears.FindAllStringIndex(text, -1)
	if len(at) == 0 {
		return nil, ""
	}
	from, to := sentenceAround(text, at[0][0])
	sentence = text[from:to]
	if len(at) > 1 && at[1][0] < to {
		to = at[1][0]
	}
	after := text[at[0][1]:to]
	if m := reYearsAside.FindStringIndex(after); m != nil {
		after = after[:m[0]]
	}
	if len(at) > 1 {
		return []string{after}, sentence
	}
	return []string{after, text[from:at[0][0]]}, sentence
}

// ownPart is the part of the clause after a years phrase that says what
// the years are of: up to the first comma after it names a skill or a
// role, unless what follows goes on with a list of skills ("with Python,
// Go or Java"); "5+ years in software engineering, running Kubernetes"
// asks years of software engineering, not of Kubernetes.
func (z *analyzer) ownPart(clause string) string {
	pieces := strings.Split(clause, ",")
	end, named := len(pieces[0]), z.namesThing(pieces[0])
	for _, p := range pieces[1:] {
		if named && !z.startsWithSkill(p) {
			break
		}
		end += 1 + len(p)
		named = named || z.namesThing(p)
	}
	return clause[:end]
}

// namesThing reports whether text names a lexicon skill or role.
func (z *analyzer) namesThing(text string) bool {
	for _, t := range z.tokens(text) {
		if t.kind == "skill" || t.kind == "role" {
			return true
		}
	}
	return false
}

// startsWithSkill reports whether text's first word, after "and" or
// "or", is of a lexicon skill: a list of skills goes on.
func (z *analyzer) startsWithSkill(text string) bool {
	for _, t := range z.tokens(text) {
		if t.word == "and" || t.word == "or" {
			continue
		}
		return t.kind == "skill"
	}
	return false
}

// reYearsAside opens an aside after a years phrase: examples, wishes and
// extras, not what the years are of.
var reYearsAside = regexp.MustCompile(`(?i)(?:[,(]\s*|\s)(?:ideally|preferably|including|especially|particularly|e\.g\.?|eg\b|i\.e\.?|such as|for example|for instance|plus|bonus|nice to have)\b`)

// sentenceAround is the bounds of the sentence of text holding i: cut at
// ";" and at a stop before a space (". ", "! ", "? ").
func sentenceAround(text string, i int) (from, to int) {
	from, to = 0, len(text)
	for j := i - 1; j >= 0; j-- {
		if text[j] == ';' || j+1 < len(text) && strings.IndexByte(".!?", text[j]) >= 0 && text[j+1] == ' ' {
			from = j + 1
			break
		}
	}
	for j := i; j < len(text); j++ {
		if text[j] == ';' || j+1 < len(text) && strings.IndexByte(".!?", text[j]) >= 0 && text[j+1] == ' ' {
			to = j
			break
		}
	}
	return from, to
}

// firstWord is text's first word as written: a capital there may be the
// sentence's, not a name's ("Security: 5+ years").
func firstWord(text string) string {
	f := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// titleCase reports whether most words of text (three or more) begin
// with a capital, as a heading's do ("5+ Years Of Hardware Experience").
func titleCase(text string) bool {
	words, caps := 0, 0
	for _, w := range strings.Fields(text) {
		r := []rune(w)
		if !unicode.IsLetter(r[0]) {
			continue
		}
		words++
		if unicode.IsUpper(r[0]) {
			caps++
		}
	}
	return words >= 3 && caps*2 > words
}

// toolShaped reports whether a word (lower case) is written as only a
// tool is: with a digit or a sign ("k8s", "c++", "node.js", "c#").
func toolShaped(w string) bool {
	return strings.ContainsFunc(w, unicode.IsDigit) || strings.ContainsAny(w, "+#.") && strings.ContainsFunc(w, unicode.IsLetter)
}

// hasInnerCapital reports whether a word has a capital after its first
// letter ("AWS", "GitHub"): a name, wherever it stands.
func hasInnerCapital(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// skillYears is the years and roles (rolesWhere) of the dated work roles
// that show one of the skills (keys): a bullet names it, not only as the
// skill of people hired or led ("Hired 3 Python engineers"), or the
// role's title does ("Python Developer"). Bullet.Skills is not read: a
// JSON Resume's skills section is appended to every bullet, so it would
// credit every role with every skill listed.
func (z *analyzer) skillYears(bullets []vitae.Bullet, now time.Time, keys map[string]bool) (float64, []string) {
	names := perTitle(func(title string) bool {
		for _, t := range z.tokens(title) {
			if t.kind == "skill" && keys[t.key] {
				return true
			}
		}
		return false
	})
	return rolesWhere(bullets, now, func(b vitae.Bullet) bool {
		if names(b.Role) {
			return true
		}
		p := z.bullet(b.Text)
		for k := range keys {
			if p.keys[k] && !p.staff[k] {
				return true
			}
		}
		return false
	})
}
