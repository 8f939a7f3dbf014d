package match

import (
	"regexp"
	"strings"
	"unicode"

	"vitae/ingest"
)

// reJDHeading matches a short line that may be a heading: "Requirements:",
// "**What you'll do**", "## Nice to have".
var reJDHeading = regexp.MustCompile(`^\s*(?:#{1,6}\s*)?\**([^*#:]{2,60}?)\**\s*:?\s*$`)

// Heading vocabulary, checked in order: nice-to-have first ("Preferred
// qualifications"), then the sections that are plainly boilerplate
// ("What we offer"), then requirements, responsibilities, and last the
// weaker boilerplate words ("About us", "Overview"). Each list holds the
// headings of the languages JDs come in besides English (German, French,
// Spanish, Portuguese, Italian, Dutch; Japanese, Chinese, Korean), so
// "## Anforderungen" opens requirements and is never a title.
var (
	headNice = []string{"nice", "bonus", "preferred", "plus", "beneficial", "desired", "desirable", "optional", "would be great", "ideally",
		"von vorteil", "wünschenswert", "idealerweise", "atout", "souhaité", "apprécié", "deseable", "se valora", "valorable", "diferenciais", "gewenst",
		"歓迎", "尚可", "优先", "加分", "우대"}
	headSkip = []string{"benefit", "perks", "we offer", "do we offer", "in it for you", "compensation", "salary", "equal", "interview", "how to apply", "apply", "life with us", "life at", "work with us", "our culture", "commitment",
		"wir bieten", "bieten wir", "bieten dir", "bieten ihnen", "vorteile", "nous offrons", "nous proposons", "avantages", "ofrecemos", "oferecemos", "beneficios", "benefícios", "offriamo", "wij bieden", "bieden wij",
		"福利", "待遇", "복지"}
	headMust = []string{"require", "qualif", "looking for", "look for", "you have", "you bring", "bring to", "skills", "experience", "about you", "who you are", "profile", "what you need", "what it takes", "must",
		"anforderung", "voraussetzung", "kenntnisse", "erfahrung", "mitbring", "bringst du mit", "profil", "perfil", "buscamos", "exigence", "compétence", "expérience", "requisit", "competencia", "experiencia", "experiência", "esperienza", "ervaring", "wij vragen", "functie-eisen", "vereisten",
		"要件", "必須", "資格", "资格", "要求", "자격"}
	headResp = []string{"responsib", "you will", "you'll", "what you", "duties", "role", "job description", "day to day", "day-to-day", "working on", "work on", "opportunity", "impact", "doing this", "tasks",
		"aufgabe", "tätigkeit", "vos missions", "tes missions", "tâches", "responsab", "tareas", "funciones", "atividades", "mansioni", "werkzaamheden",
		"仕事内容", "業務内容", "职责", "工作内容", "업무"}
	headSkipWeak = []string{"about", "who we are", "company", "summary", "overview", "why", "location", "notes", "additional", "details", "contact",
		"über uns", "wer wir sind", "unternehmen", "à propos", "qui sommes", "sobre nosotros", "quiénes somos", "sobre nós", "chi siamo", "over ons",
		"会社概要", "公司介绍"}
)

// A heading may say that its items are optional or examples rather than
// asked for ("Relevant skills/experience may include", "You might also
// have", "Not required:"). Such a heading of requirements, or of nothing
// named, lists nice-to-haves; one of duties ("What you might work on",
// "Responsibilities may include") lists duties as every duties heading
// does. Both are read as whole words.
var (
	headOptional = []string{"may", "might", "could", "not required", "not necessary", "not essential", "not mandatory"}
	headDuties   = []string{"responsibilities", "responsibility", "duties", "tasks", "task", "role", "day", "work on", "working on", "opportunity", "opportunities", "impact", "do", "doing", "project", "projects", "build", "building", "involve", "involves"}
)

// sectionKind classifies a JD heading: "must", "nice", "resp", "skip", or
// "" when the heading says nothing about its section.
func sectionKind(h string) string {
	h = strings.ToLower(strings.ReplaceAll(h, "\u2019", "'"))
	k := namedKind(h)
	if (k == "must" || k == "resp" || k == "") && hasWords(h, headOptional) && (k == "must" || !hasWords(h, headDuties)) {
		return "nice"
	}
	return k
}

// namedKind is the section the vocabulary names in h, a lower-case
// heading, before headOptional is read.
func namedKind(h string) string {
	if strings.HasSuffix(h, "you get") || strings.HasSuffix(h, "you'll get") || strings.HasSuffix(h, "you will get") {
		return "skip" // "What you'll get" lists benefits; "What you'll get to do" does not end there
	}
	for _, g := range []struct {
		kind  string
		words []string
	}{{"nice", headNice}, {"skip", headSkip}, {"must", headMust}, {"resp", headResp}, {"skip", headSkipWeak}} {
		for _, w := range g.words {
			if strings.Contains(h, w) {
				if g.kind == "nice" && bothNeeds(h) {
					return "must"
				}
				return g.kind
			}
		}
	}
	return ""
}

// bothNeeds reports whether a heading of nice-to-haves names must-haves
// too ("Requirements (must have / bonus)"): its items are asked for
// unless their own words (or a "Bonus:" label) hedge them.
func bothNeeds(h string) bool {
	return hasWords(h, []string{"must", "mandatory"}) && !hasWords(h, []string{"not a must", "no must", "not mandatory"})
}

// hasWords reports whether h holds one of phrases as whole words: "may"
// in "skills may include", not in "maybe".
func hasWords(h string, phrases []string) bool {
	words := " " + strings.Join(strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }), " ") + " "
	for _, p := range phrases {
		if strings.Contains(words, " "+p+" ") {
			return true
		}
	}
	return false
}

// titleLine reports whether a JD's first line reads as its title: short,
// not a sentence, and not a section heading ("Responsibilities").
func titleLine(line string) bool {
	n := len(strings.Fields(line))
	return n > 0 && n <= 12 && !strings.ContainsAny(line[len(line)-1:], ".!?:;,") && sectionKind(line) == "" && !sentenceLike(line)
}

// A sentence names who acts and the act ("We need a Go developer", "You
// will run Kubernetes"); a title may hold one of the two ("Hiring
// Coordinator", "Senior Engineer, Our Platform Team", review22b). "I" and
// "US" are no pronoun here: they end titles ("Software Engineer I",
// "Sales Engineer, US").
var (
	sentencePeople = setOf(`we you your our`)
	sentenceActs   = setOf(`is are was will need needs seek seeks seeking looking hiring join want wants`)
	// sentenceBoth say both at once; sentenceOpens open a sentence that
	// leaves its subject out ("Looking for a Go developer", "Join us").
	sentenceBoth  = setOf(`we're we've you'll you're`)
	sentenceOpens = setOf(`looking seeking join`)
)

// sentenceLike reports whether a short line without a full stop is a
// sentence, not a title: it names its people and their act, or opens with
// an act that needs no subject.
func sentenceLike(line string) bool {
	people, acts := false, false
	for i, w := range strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(line, "\u2019", "'")), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		people = people || sentencePeople[w]
		acts = acts || sentenceActs[w]
		if sentenceBoth[w] || people && acts || i == 0 && sentenceOpens[w] {
			return true
		}
	}
	return false
}

// heading reports whether a line is a heading and returns its words: a
// Markdown heading of any length, or a short line without sentence
// punctuation ("Requirements:", "**What you'll do**").
func heading(line string) (string, bool) {
	clean := func(h string) string {
		h = strings.TrimSpace(strings.Trim(h, "*_ \t"))
		h = strings.TrimRight(h, ":?!. ")
		return strings.TrimSpace(strings.Trim(h, "*_ "))
	}
	if markdownHeading(line) {
		h := clean(strings.TrimLeft(line, "#"))
		return h, h != ""
	}
	if m := reJDHeading.FindStringSubmatch(line); m != nil && len(strings.Fields(m[1])) <= 7 {
		return clean(m[1]), true
	}
	return "", false
}

// markedHeading reports whether a short plain line says itself that it is
// a heading: it ends with a colon or a question mark ("Requirements:",
// "Why us?"), is all bold ("**What you'll do**"), or is in capitals of
// more than one word ("WHAT WE OFFER"; "AWS" is a skill, not a heading).
func markedHeading(line string) bool {
	t := strings.TrimRight(line, " ")
	switch e := bare(t); {
	case strings.HasSuffix(e, ":"), strings.HasSuffix(e, "?"):
		return true
	case len(t) > 4 && (strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") || strings.HasPrefix(t, "__") && strings.HasSuffix(t, "__")):
		return true
	}
	return capitals(t)
}

// capitals reports whether a line is in capitals of more than one word,
// not a list of them ("AWS, GCP").
func capitals(t string) bool {
	return isCaps(t) && len(strings.Fields(t)) > 1 && !strings.ContainsAny(t, ",/")
}

// capsOnly reports whether a line is marked a heading by its capitals
// alone, not by a colon, a question mark or bold.
func capsOnly(line string) bool {
	t := strings.TrimRight(line, " ")
	e := bare(t)
	return capitals(t) && !strings.HasSuffix(e, ":") && !strings.HasSuffix(e, "?") && !strings.HasPrefix(t, "**") && !strings.HasPrefix(t, "__")
}

// headingWords are the words a section heading is made of: the stems of
// the heading vocabulary (sectionKind) and the small words around them.
// "Technical skills" and "What we offer" are all heading words; "Strong
// scripting experience" and "Terraform is a plus" are requirements that
// happen to hold one.
var headingWords = func() []string {
	w := strings.Fields("a an the and or & / of to for in on at with we you your our us i is are be do will would can what who how why this it its that which " +
		"key main core primary basic minimum additional technical professional general other ideal candidate position team education knowledge " +
		"abilities competencies expectations have haves nice good great bonus points plus extra looking need needed want must may might could should " +
		"get like day life culture values things include including own job work role your you'll you're we're what's it's there here " +
		"quick short brief glance")
	for _, g := range [][]string{headNice, headSkip, headMust, headResp, headSkipWeak, headOptional} {
		for _, p := range g {
			w = append(w, strings.Fields(p)...)
		}
	}
	return w
}()

// headingPhrase reports whether h, a short line's words, is a section
// heading by its vocabulary: it names a section (sectionKind) and every
// word of it is a heading word, or it opens with "About" or "Why" and
// names little else ("About Riverty", "Why Acme").
func headingPhrase(h string) bool {
	if sectionKind(h) == "" {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(h, "\u2019", "'")), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("()[],-–—", r)
	})
	if len(words) > 0 && len(words) <= 3 && (words[0] == "about" || words[0] == "why") {
		return true
	}
	for _, w := range words {
		if !isHeadingWord(w) {
			return false
		}
	}
	return true
}

func isHeadingWord(w string) bool {
	for _, s := range headingWords {
		if w == s || len(s) >= 4 && strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// plainHeading is heading for a plain line: a short line that does not end
// a sentence ("We are hiring." is prose).
func plainHeading(line string) (string, bool) {
	if endsStatement(line) {
		return "", false
	}
	if h, ok := heading(line); ok {
		return h, true
	}
	// A heading with a note in brackets: "About You (Must Haves -
	// characteristics … the person in this role must have)".
	if i := strings.Index(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		if h, ok := heading(line[:i]); ok && headingPhrase(h) {
			return h, true
		}
	}
	// A bold label with its colon inside ("**Nice to have:**") is a
	// heading when its words are a heading's; "**Class size:**" is a label
	// within a section (below).
	for _, mark := range []string{"**", "__"} {
		if inner, ok := strings.CutPrefix(line, mark); ok && strings.HasSuffix(inner, ":"+mark) {
			if h := strings.TrimSpace(strings.TrimSuffix(inner, ":"+mark)); headingPhrase(h) {
				return h, true
			}
		}
	}
	// A longer plain line that ends with a colon or a question mark and
	// holds no sentence before it ("Any of the following would be
	// additionally beneficial:", "What are you looking for in a team
	// member?"). Emphasis marks Markdown, read by heading alone:
	// "**Class size:**" and "**Flipped classroom in practice:**" are labels
	// within a section.
	if (strings.HasSuffix(line, ":") || strings.HasSuffix(line, "?")) && !strings.ContainsAny(line, "*_") && len(strings.Fields(line)) <= maxLongHeading && len(ingest.Sentences(line)) == 1 {
		return strings.TrimRight(line, ":? "), true
	}
	return "", false
}

// markdownHeading reports whether a line is a Markdown heading: one to
// six "#" and a space or nothing after them. "#golang" and "#1 priority"
// are a hashtag and a rank, words of the line (review22b).
func markdownHeading(line string) bool {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}

// sectionHeading reports whether a line is a section's heading: it names
// a section, and its words are a heading's ("## Nice to have", "What you
// will do") or a plain line's marks say it is one ("Requirements:").
// "Experience leading a team" and "# Requirements Engineer" name a
// section but are a requirement and a title (a title alone asks nothing).
func sectionHeading(line string) bool {
	if markdownHeading(line) {
		h, ok := heading(line)
		return ok && headingPhrase(h)
	}
	h, ok := plainHeading(strings.Trim(line, "*_ ")) // "**What you'll do:**" ends in a colon
	return ok && sectionKind(h) != "" && (markedHeading(line) || headingPhrase(h))
}

// maxLongHeading is the most words of a line ending in a colon or a
// question mark that is read as a heading; a longer one is the lead-in
// sentence of a list, or a question in a paragraph.
const maxLongHeading = 12

// titleNouns name a role when a heading holds one ("Developer Experience
// Engineer", "Head of Support"): roleNouns and the head nouns of other
// titles.
var titleNouns = func() map[string]bool {
	m := setOf(`manager managers director head officer advocate evangelist coordinator recruiter representative
		intern associate technician writer editor marketer strategist accountant nurse teacher lecturer professor
		instructor trainer executive president vp cto ceo cfo cio ciso`)
	for w := range roleNouns {
		m[w] = true
	}
	return m
}()

// headingNamesRole reports whether a heading names a role: one of its words is
// a title noun.
func headingNamesRole(h string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if titleNouns[w] {
			return true
		}
	}
	return false
}

// placeOnly reports whether a heading says only where or how the work is
// ("San Francisco, CA", "Berlin, Germany (Hybrid)", "Remote", "Berlin"):
// no role, and each of its parts a mode of work, a place placeNames knows
// or a name of one to three capitalised words, with a mode, a known place
// or more than one part (another name alone may be a title: "Product
// Marketing").
func placeOnly(h string) bool {
	if headingNamesRole(h) {
		return false
	}
	parts := strings.FieldsFunc(strings.ReplaceAll(h, " or ", ","), func(r rune) bool { return strings.ContainsRune(",;/|()·•–—", r) })
	n, known := 0, false
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		n++
		if reWorkPlace.MatchString(p) || isPlaceName(p) {
			known = true
			continue
		}
		words := strings.Fields(p)
		if len(words) > 3 {
			return false
		}
		for _, w := range words {
			if !unicode.IsUpper([]rune(w)[0]) {
				return false
			}
		}
	}
	return known || n > 1
}

// headerTitle is the index of a JD's title among the Markdown headings
// that open it, before its first other line: the highest-level one (the
// fewest "#") that names a role, though it holds a section's word
// ("## Developer Experience Engineer" is no "Experience" section), and is
// no section's heading phrase and no place; -1 when none does.
func headerTitle(lines []jdLine) int {
	best, level := -1, 7
	for i, l := range lines {
		switch l.kind {
		case lineBlank, lineMeta:
			continue
		case lineHeading:
		default:
			return best
		}
		h, ok := heading(l.text)
		if !ok || headingPhrase(h) || !headingNamesRole(h) || placeOnly(h) {
			continue
		}
		if n := len(l.text) - len(strings.TrimLeft(l.text, "#")); n < level {
			best, level = i, n
		}
	}
	return best
}
