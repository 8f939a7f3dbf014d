package match

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae"
	"vitae/ingest"
	"vitae/lexicon"
)

// JobDescription is a parsed job posting.
type JobDescription struct {
	Title         string        `json:"title,omitempty"`
	Requirements  []Requirement `json:"requirements"`
	YearsRequired float64       `json:"years_required,omitempty"`
	Seniority     string        `json:"seniority,omitempty"`
	Skills        []string      `json:"skills,omitempty"`
	// Warnings say what was read but looks wrong (a résumé sent as the
	// job description, one not in English); the match goes on. On the
	// wire each is its message, WarningCodes their codes in order.
	Warnings     []Warning `json:"warnings,omitempty"`
	WarningCodes []string  `json:"warning_codes,omitempty"`
	// Dropped counts the requirements read past MaxRequirements and not
	// matched (those that say least, capRequirements): a result says so,
	// and a warning names them, instead of cutting them silently.
	Dropped int `json:"requirements_dropped,omitempty"`
}

// MaxJDChars is the longest job description a match reads, in characters.
const MaxJDChars = 50000

// MaxRequirements is the most requirements a match scores: each costs
// searches, so the cap bounds a match's latency. Past it the ones that
// say least are counted (JobDescription.Dropped) and named in a warning,
// not matched (capRequirements).
const MaxRequirements = 40

var (
	// reYears reads "5+ years", "3-5 years" (or "3–5"), "five years", "1.5
	// years" and the short forms a JD typed in haste uses ("5 yrs", "1 yr",
	// "5+ yrs."); "years'" is "years" and a possessive. The number is read
	// whole ("100+ years" is 100, not 0 from its last digits), and a number
	// past maxYears is warned of, not checked (warnYears).
	reYears = regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+|plus)?\s*(?:[-–]\s*\d+(?:\.\d+)?\s*)?(?:\+\s*)?(?:years?|yrs?\b)`)
	reMust  = regexp.MustCompile(`(?i)\b(required|must|minimum|at least|requirements?|qualifications?|you have|you bring|what you need|essential)\b`)
	// reNice also reads "is a strong advantage", "would be an asset",
	// "is advantageous", "would be beneficial" (not "be taking advantage
	// of", "mutually beneficial relationships").
	reNice      = regexp.MustCompile(`(?i)\b(preferred|bonus|plus|nice to have|nice-to-have|desired|ideally|a plus|good to have|optional|not (?:strictly )?(?:required|a requirement|mandatory|necessary|essential|needed)|(?:is|are|would be|will be)\s+(?:an?\s+)?(?:(?:strong|real|big|great|clear|definite)\s+)?(?:advantage|asset|advantageous|beneficial))\b`)
	reSeniority = regexp.MustCompile(`(?i)\b(intern|junior|mid-level|senior|staff|principal|lead|manager|director|head)\b`)
)

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// boilerplate marks sentences that are never requirements. A JD's
// disclaimer that it is no complete list ("this job description isn't
// meant to be a complete list of your qualifications") asks nothing
// (tryout: it took a place under MaxRequirements as a must-have).
var boilerplate = regexp.MustCompile(`(?i)((?:isn't|is not|aren't|are not)\s+(?:meant|intended)\s+to\s+be\s+(?:an?\s+)?(?:complete|exhaustive|comprehensive)|equal opportunity|equal employment|without regard to|race, color|401\(?k\)|health insurance|dental|paid time off|pto\b|we offer|salary range|compensation|apply now|to apply|visa sponsorship|reasonable accommodation|benefits|relocat|cover letter|stock options|catered|commuter|https?://)`)

// reMeta matches a posting's metadata line ("**Location:** Berlin").
var reMeta = regexp.MustCompile(`(?i)^\**\s*(url|link|location|work location|seniority(?: level)?|employment type|job type|job id|department|posted|date posted|workplace type|work type|salary|pay|schedule|shift|start date|reports to)\s*:?\**\s*:\s*\**\s*(.*)$`)

// ParseJD splits a job description into requirements.
// A PDF (text beginning "%PDF-") is read as its text, whatever format
// says.
func ParseJD(text, format string) (*JobDescription, error) {
	if err := CheckFormat(format); err != nil {
		return nil, err
	}
	text, err := pdfText(text)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, vitae.Errorf(vitae.EINVALID, "job description is empty")
	}
	if utf8.RuneCountInString(text) > MaxJDChars {
		return nil, vitae.TooLong("job description", MaxJDChars, "characters")
	}
	if err := CheckText(text); err != nil {
		return nil, err
	}
	// Windows ("\r\n") and old Mac ("\r") line ends: every caller's text
	// reads the same, not only what the web path normalised.
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	if format == "" {
		t := strings.TrimSpace(text)
		switch {
		case strings.HasPrefix(t, "{"):
			format = "json"
		case strings.HasPrefix(t, "<"):
			format = "html"
		default:
			format = "text"
		}
	}
	var jd *JobDescription
	if format == "json" {
		jd, err = parseJobJSON(text)
	} else {
		jd, err = parseText(text, format)
	}
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(strings.TrimSpace(text), "{") && isJSONResume(text) {
		jd.Warnings = append(jd.Warnings, jsonResumeWarning)
	}
	if err := checkAsks(jd); err != nil {
		return nil, err
	}
	jd.WarningCodes = Codes(jd.Warnings)
	return jd, nil
}

// parseText reads a JD written as HTML ("html") or as text or Markdown
// (any other format), and warns of what its lines look like.
func parseText(text, format string) (*JobDescription, error) {
	var lines []string
	if format == "html" {
		var err error
		if lines, err = ingest.HTMLLines([]byte(text)); err != nil {
			return nil, err
		}
		// A page's <title> is not read: saved job pages title themselves
		// "Acme Careers" or "Job Application for … at …", and a title
		// feeds role fit (review22b).
	} else {
		lines = strings.Split(text, "\n")
	}
	jd := parseJDLines(lines)
	jd.Warnings = append(Warnings(lines), jd.Warnings...) // finish's, after the text's
	return jd, nil
}

// candidate is a piece of a JD that may become a requirement.
type candidate struct {
	text, kind string
	prose      bool // from a paragraph, not a list item
	marked     bool // a marked list item ("- Terraform"), not a plain line
	item       bool // makes the JD a list JD (see parseJDLines)
}

// parseJDLines reads headings, list items and paragraphs. When the JD has
// list items, marked or plain, its paragraphs are mostly company and role
// blurb, so only paragraph sentences that say what is required ("must",
// "preferred", "3+ years") are kept; a JD written as prose keeps every
// sentence. What a plain line is comes from plainRoles.
func parseJDLines(raw []string) *JobDescription {
	jd := &JobDescription{}
	raw = unfurnish(raw)
	if only, ok := lone(raw); ok && sectionHeading(only) {
		return jd // a section's heading alone ("Requirements:") asks for nothing
	}
	lines := readJDLines(raw)
	title := titleIndex(lines)
	head := -1 // the header's heading that names the role (headerTitle)
	if title < 0 {
		head = headerTitle(lines)
	}
	roles := plainRoles(lines, title)
	kind, known := "resp", false // known: the section was named by a heading
	var sub *itemSection         // the section a label item ("+ Bonus:") opens in a list
	var cands []candidate
	for i, l := range lines {
		switch l.kind {
		case lineBlank:
			continue
		case lineMeta:
			if k := strings.ToLower(l.meta[1]); strings.HasPrefix(k, "seniority") && jd.Seniority == "" {
				jd.Seniority = strings.ToLower(strings.Trim(l.meta[2], "* "))
			}
			continue
		case lineItem:
			if k, ok := labelItem(l.text); ok {
				sub = &itemSection{kind: k, indent: l.indent}
				continue
			}
			k := kind
			if sub.holds(l) {
				k = sub.kind
			} else {
				sub = nil
			}
			cands = append(cands, candidate{text: l.text, kind: k, marked: true, item: true})
			if k != "nice" && hedgedLead(l.text) {
				// "…, preferably with one or more of these areas:" over
				// nested items: they are what it would prefer.
				sub = &itemSection{kind: "nice", indent: l.indent, read: true}
			}
			continue
		}
		sub = nil
		if i == title {
			t := strings.Join(strings.Fields(l.text), " ")
			if h, ok := heading(l.text); ok && !titleLine(l.text) {
				t = h
			}
			if !placeOnly(t) { // a place alone heads the posting but names no role
				jd.Title = t
			}
			continue
		}
		role := roles[i].in(kind, known)
		switch role {
		case roleList:
			// Plain lines outside a named section ("Acme Payments" /
			// "Berlin, Germany (Hybrid)") do not make a prose JD a list;
			// lines after a lead-in ("…people who:") do.
			cands = append(cands, candidate{text: l.text, kind: kind, item: known || roles[i] == roleLed})
		case roleProse:
			for _, s := range ingest.Sentences(l.text) {
				// A requirement is the sentence's words, not its full stop.
				// An inline heading's sentences are its section's content,
				// not blurb a list JD drops ("Requirements: Go. Kubernetes."
				// above "- Terraform", review22b).
				cands = append(cands, candidate{text: strings.TrimRight(s.Text, ".!?"), kind: kind, prose: !l.inline})
			}
		default: // a heading
			read := heading
			if l.kind == linePlain {
				read = plainHeading
			}
			h, _ := read(l.text)
			k := sectionKind(h)
			// The title is the header's heading that names the role, else
			// the first heading that names no section ("## Requirements")
			// and no place ("#### San Francisco, CA").
			if i == head || head < 0 && jd.Title == "" && k == "" && l.kind == lineHeading && !placeOnly(h) {
				jd.Title = h
				continue
			}
			switch {
			case k != "":
				kind, known = k, true
			case kind == "skip":
				kind, known = "resp", false // an unknown heading ends a boilerplate section
			}
		}
	}
	items := 0 // list items that are requirements: a lone "–" or a skipped section's items are not
	for _, c := range cands {
		if _, ok := requirementText(c.text, c.kind, c.marked); ok && c.item {
			items++
		}
	}
	for _, c := range cands {
		if c.prose && items > 0 && !reMust.MatchString(c.text) && !reNice.MatchString(c.text) && !reYears.MatchString(c.text) && !asksFor(c.text) {
			continue
		}
		if c.prose && items == 0 && aboutUs(c.text) {
			continue // a prose JD's blurb: "Acme builds developer tools, and our docs are the first thing customers see"
		}
		jd.add(c.text, c.kind, c.marked)
	}
	if only, ok := lone(raw); ok && len(jd.Requirements) == 0 {
		// A one-line JD ("Kubernetes", "Experience leading a team") asks
		// for that: a requirement, not a title or a heading over nothing.
		// A Markdown heading alone ("# Senior Go Engineer") is the title
		// of a JD that asks nothing yet.
		if markdownHeading(only) {
			jd.finish()
			return jd
		}
		if jd.Title != "" {
			only = jd.Title
		}
		jd.add(strings.TrimLeft(only, "# "), "resp", true)
		jd.Title = ""
	}
	jd.finish()
	return jd
}

// itemSection is the section a label item opens inside a list: "+
// Bonus:" over items nested under it makes them nice-to-haves, as a
// "Bonus" heading would, and the list goes on in its own section after
// them.
type itemSection struct {
	kind   string
	indent int  // the label's
	read   bool // an item after the label was read
	flat   bool // the items after the label are not nested: it holds the rest of the list
}

// holds reports whether item l, after the label, is in its section: it is
// nested deeper than the label, or the label's list goes on flat ("-
// Nice to have:" / "- Rust" / "- Go") and l is one of its items. A nil
// section holds nothing.
func (s *itemSection) holds(l jdLine) bool {
	if s == nil {
		return false
	}
	if !s.read {
		s.read, s.flat = true, l.indent <= s.indent
	}
	return s.flat || l.indent > s.indent
}

// experienceWords say only that years are of experience ("of
// professional experience in the field").
var experienceWords = setOf(`of experience professional work working relevant industry in the field hands-on prior`)

// noMinimum reports whether what a years requirement says beside its
// years, asides left out, is only that they are of experience.
func noMinimum(rest string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(reAside.ReplaceAllString(rest, " ")), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	}) {
		if !experienceWords[w] {
			return false
		}
	}
	return true
}

// reNeedLabel finds a label that says an item's need before it ("MUST
// HAVE: Salesforce", "Bonus - Rust"): the label is no part of what is
// asked, and it decides the need over its section's.
var reNeedLabel = regexp.MustCompile(`(?i)^(?:(must[- ]haves?|must|required|mandatory|essential)|(bonus|nice[- ]to[- ]haves?|nice|preferred|optional|desired|plus|a plus))\s*(?::|\s[-–—])\s*(\S.*)$`)

// needLabel returns the need a leading label names ("must" or "nice")
// and the item without it.
func needLabel(text string) (need, rest string, ok bool) {
	m := reNeedLabel.FindStringSubmatch(text)
	if m == nil {
		return "", text, false
	}
	if m[1] != "" {
		return "must", m[3], true
	}
	return "nice", m[3], true
}

// reHedgedLead finds a list item that leads into a hedged choice of the
// items nested under it ("preferably with one or more of these areas as
// a focus:", "ideally in one of:").
var reHedgedLead = regexp.MustCompile(`(?i)\b(?:preferabl[ey]|ideally|bonus|a plus|nice to have)\b[^:]*:\s*$`)

// hedgedLead reports whether item text ends in a colon after a hedge:
// the items nested under it are nice-to-haves, whatever its section.
func hedgedLead(text string) bool {
	return reHedgedLead.MatchString(strings.TrimRight(text, "*_ "))
}

// labelItem reports whether a list item is a label over the items after
// it ("Bonus:", "**Nice to have:**") and the section it names: a few
// heading words and a colon, with nothing after it. "Bonus: Rust" is an
// item, nice to have by its own words.
func labelItem(text string) (string, bool) {
	label, ok := strings.CutSuffix(strings.TrimSpace(strings.Trim(text, "*_ ")), ":")
	if !ok || !headingLabel(label) {
		return "", false
	}
	k := sectionKind(label)
	return k, k != ""
}

// aboutUs reports whether a sentence of a prose JD speaks of the
// employer and asks nothing of the candidate: it names "we", "our" or
// "us" and no "you", no candidate, no need, no years and no skill. A
// prose JD's sentences are its requirements, so its blurb would be
// must-haves no one can show (a tryout's "Acme Cloud builds developer
// tools …, and our documentation is the first thing most customers see").
func aboutUs(text string) bool {
	us, you := false, false
	for _, w := range strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(text, "\u2019", "'")), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		switch w {
		case "we", "we're", "we've", "our", "ours", "us":
			us = true
		case "you", "your", "you'll", "you're", "you've", "candidate", "candidates", "applicant", "applicants":
			you = true
		}
	}
	return us && !you && !reMust.MatchString(text) && !reNice.MatchString(text) && !reYears.MatchString(text) &&
		!reWeNeed.MatchString(strings.TrimSpace(text)) && len(lexicon.Default().Skills(text)) == 0
}

// reWeNeed finds a sentence in which the employer asks ("We need",
// "we're looking for", "We are seeking", "Looking for").
var reWeNeed = regexp.MustCompile(`(?i)^(?:(?:we|we're|we are)\s+(?:need|are looking for|looking for|seek|are seeking|seeking|want|are hiring|hiring)|looking for|seeking)\b`)

// asksFor reports whether a paragraph sentence of a list JD asks for a
// skill in so many words ("We need a Go developer"): a requirement, not
// blurb, though it says no "must".
func asksFor(text string) bool {
	return reWeNeed.MatchString(strings.TrimSpace(text)) && len(lexicon.Default().Skills(text)) > 0
}

// lone returns the one line of lines that is not blank, if there is one
// and no other.
func lone(lines []string) (string, bool) {
	only, n := "", 0
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			only = t
			n++
		}
	}
	return only, n == 1
}

// add records one candidate requirement from a section of kind k. A
// one-word line is kept when it is a list item ("- Terraform") or names a
// skill: a tool-only requirement is still a requirement.
func (jd *JobDescription) add(text, k string, item bool) {
	text, ok := requirementText(text, k, item)
	if !ok {
		return
	}
	if need, rest, ok := needLabel(text); ok && k != "skip" {
		text, k = rest, need
	}
	if m := reYears.FindStringSubmatch(text); m != nil && strings.TrimSpace(strings.Trim(strings.Replace(text, m[0], "", 1), ".,;")) == "" {
		// A bare "3+ years." says how long, not what: the JD's years, not a
		// requirement no experience can meet.
		if y := years(m[1]); y > maxYears {
			jd.warnYears(text, y)
		} else if y <= 20 {
			jd.YearsRequired = max(jd.YearsRequired, y)
		}
		return
	}
	if m := reYears.FindStringSubmatch(text); m != nil && years(m[1]) == 0 && noMinimum(strings.Replace(text, m[0], "", 1)) {
		// "0-2 years of experience (internships count)" asks for no
		// minimum: the job's level, not what a bullet can show (a
		// tryout saw "mentor interns" as its evidence).
		return
	}
	if k != "nice" && strings.Contains(text, ";") {
		if parts := splitOutside(text, ';'); mixedNeed(parts) {
			// "Undergrad degree required; MBA a plus": a must-have and a
			// nice-to-have, not one nice-to-have for the word "plus".
			for _, p := range parts {
				jd.add(p, k, item)
			}
			return
		}
	}
	if k != "nice" && item && strings.Contains(text, ". ") {
		var parts []string
		for _, sn := range ingest.Sentences(text) {
			parts = append(parts, strings.TrimRight(sn.Text, ".!?"))
		}
		if len(parts) > 1 && mixedNeed(parts) {
			// "- Must have: Kubernetes. Nice to have: Istio.": read as the
			// same words on a line of their own are.
			for _, p := range parts {
				jd.add(p, k, item)
			}
			return
		}
	}
	if k != "nice" && strings.Contains(text, ",") {
		if parts := splitOutside(text, ','); mixedNeed(parts) && !slices.ContainsFunc(parts, func(p string) bool { return !namesDegree(p) }) {
			// "BSME / BSEE degree or equivalent, MS degree preferred": a
			// degree asked for and a higher one preferred.
			for _, p := range parts {
				jd.add(p, k, item)
			}
			return
		}
	}
	r := Requirement{Text: text}
	switch {
	case niceText(text) || k == "nice":
		r.MustHave = false
	case reMust.MatchString(text) || k == "must":
		r.MustHave = true
	default:
		r.MustHave = false // responsibilities: evidence wanted, not a gate
		if k == "resp" {
			r.MustHave = true
		}
	}
	r.Skills = requirementSkills(text)
	if m := reYears.FindStringSubmatch(text); m != nil {
		r.Years = years(m[1])
	}
	r.Leadership = asksToLead(text)
	if r.Leadership {
		if lead, total, ok := leadingYears(text); ok {
			r.Years, r.TotalYears = lead, total
			jd.YearsRequired = max(jd.YearsRequired, total)
		}
	}
	if y := mostYears(text); y > maxYears {
		jd.warnYears(text, y)
		if r.Years > maxYears {
			r.Years, r.TotalYears = 0, 0 // nothing to check against
		}
	}
	jd.Requirements = append(jd.Requirements, r)
}

// requirementSkills returns the skills a requirement names, as the
// lexicon reads its plain text ("Kubernetes-based platforms" names
// Kubernetes) whole and with its slashes spaced: "Java/Golang" names
// Java and Go as "Java, Golang" does (the matcher reads slashes so,
// unslash), while a name the lexicon knows only with its slash ("A/B
// testing", whose "A/B" alone is no term) is still read whole.
func requirementSkills(text string) []string {
	lex := lexicon.Default()
	text = plainText(lex, text)
	skills := lex.Skills(text)
	if split := unslashText(lex, text); split != text {
		for _, s := range lex.Skills(split) {
			if !slices.Contains(skills, s) {
				skills = append(skills, s)
			}
		}
		slices.Sort(skills)
	}
	return skills
}

// splitOutside cuts text at each sep outside brackets: "Experience with
// a cloud (AWS preferred; GCP fine)" is one part.
func splitOutside(text string, sep rune) []string {
	var parts []string
	depth, from := 0, 0
	for i, r := range text {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth = max(0, depth-1)
		case sep:
			if depth == 0 {
				parts = append(parts, text[from:i])
				from = i + utf8.RuneLen(r)
			}
		}
	}
	return append(parts, text[from:])
}

// reAside finds a parenthetical aside.
var reAside = regexp.MustCompile(`\(([^()]*)\)`)

// niceText reports whether a requirement's words hedge it, leaving out
// an aside that hedges a choice of its own: "Experience with BI tools
// (Metabase preferred)" asks for BI tools and prefers one, while "Go
// (preferred)" and "Kubernetes (a plus)" hedge the whole.
func niceText(text string) bool {
	if !reNice.MatchString(text) {
		return false
	}
	rest := reAside.ReplaceAllStringFunc(text, func(a string) string {
		inner := a[1 : len(a)-1]
		if !reNice.MatchString(inner) {
			return a
		}
		left := strings.Fields(reNice.ReplaceAllString(inner, " "))
		left = slices.DeleteFunc(left, func(w string) bool {
			w = strings.ToLower(strings.Trim(w, ",;:.!-–"))
			return w == "" || asideFiller[w]
		})
		if len(left) == 0 || strings.TrimSpace(reAside.ReplaceAllString(text, "")) == "" {
			return a // the hedge alone: it hedges what it follows
		}
		return " " // a choice of its own is preferred
	})
	return reNice.MatchString(rest)
}

// asideFiller are the words an aside hedging the whole adds to its hedge
// ("is a strong plus", "highly desired", "but not required").
var asideFiller = setOf(`is are a an the very highly strongly strong big definite real great but would will be also much`)

// mixedNeed reports whether the parts of a line differ in need: one says
// it is nice to have ("MBA a plus"), another does not.
func mixedNeed(parts []string) bool {
	nice := 0
	for _, p := range parts {
		if reNice.MatchString(p) {
			nice++
		}
	}
	return nice > 0 && nice < len(parts)
}

// requirementText returns a candidate's text as a requirement, and whether
// it is one: not in a skipped section, not boilerplate, with letters, not
// a date range alone, and of two words or more unless it is a list item
// or names a skill.
func requirementText(text, k string, item bool) (string, bool) {
	text = strings.TrimSpace(strings.Trim(inlineMarkup(text), "*_ "))
	if k == "skip" || text == "" || boilerplate.MatchString(text) || !strings.ContainsFunc(text, unicode.IsLetter) {
		return "", false
	}
	if ingest.OnlyRange(text) {
		return "", false // a role's dates ("Mar 2020 – Present": a résumé pasted as a JD) ask nothing
	}
	if len(strings.Fields(text)) < 2 && !item && len(lexicon.Default().Skills(text)) == 0 {
		return "", false
	}
	return text, true
}

// reInlineTag finds the inline HTML a Markdown text may carry ("<b>Go</b>",
// "<br>"); reEmphasis its strong emphasis and code spans ("**Go**", "`kubectl`").
var (
	reInlineTag = regexp.MustCompile(`(?i)</?(?:b|i|u|em|strong|code|span|a|br|small|mark|sup|sub)(?:\s[^<>]*)?/?>`)
	reEmphasis  = regexp.MustCompile("\\*\\*([^*]+)\\*\\*|__([^_]+)__|`([^`]+)`")
)

// inlineMarkup returns a requirement's words without the inline markup
// of its line: "Strong experience with **Go** and <b>PostgreSQL</b> &amp;
// Redis" asks for "Go and PostgreSQL & Redis", as a reader sees it.
func inlineMarkup(text string) string {
	if strings.Contains(text, "<") {
		text = reInlineTag.ReplaceAllString(text, "")
	}
	if strings.ContainsAny(text, "*_`") {
		text = reEmphasis.ReplaceAllString(text, "$1$2$3")
	}
	if strings.Contains(text, "&") && strings.Contains(text, ";") {
		text = html.UnescapeString(text)
	}
	return text
}

// leadingYears reads a requirement that asks to lead and says years more
// than once ("5+ years running production systems, 2+ years leading a
// team"): each years phrase runs to the next one, and the first that asks
// to lead gives the years of leading; the most years of the others are
// the JD's total years, not years of leading. ok is false when the text
// says years once or no phrase of it leads alone.
func leadingYears(text string) (lead, total float64, ok bool) {
	at := reYears.FindAllStringSubmatchIndex(text, -1)
	if len(at) < 2 {
		return 0, 0, false
	}
	found := -1
	for i, m := range at {
		end := len(text)
		if i+1 < len(at) {
			end = at[i+1][0]
		}
		if asksToLead(text[m[0]:end]) {
			found = i
			break
		}
	}
	if found < 0 {
		return 0, 0, false
	}
	for i, m := range at {
		if y := years(text[m[2]:m[3]]); i != found && y <= 20 {
			total = max(total, y)
		}
	}
	return years(text[at[found][2]:at[found][3]]), total, true
}

// maxYears is the most years a requirement can sensibly ask: a working
// life. More ("100+ years of Go") is a typo or a joke; it is not checked,
// and the JD is warned of (WarnYears), not silently read as no years.
const maxYears = 60

// WarnYears: a requirement asks for more years than a working life
// (maxYears); those years are not checked.
const WarnYears = "implausible_years"

// mostYears is the most years any years phrase of text says, 0 for none.
func mostYears(text string) float64 {
	var most float64
	for _, m := range reYears.FindAllStringSubmatch(text, -1) {
		most = max(most, years(m[1]))
	}
	return most
}

// warnYears warns, once per text, that text asks for y years, more than
// maxYears.
func (jd *JobDescription) warnYears(text string, y float64) {
	const width = 60
	quoted := text
	if utf8.RuneCountInString(quoted) > width {
		quoted = truncateRunes(quoted, width) + "…"
	}
	w := Warning{WarnYears, fmt.Sprintf("%q asks for %s years, more than a working life (%d): those years are not checked",
		quoted, strconv.FormatFloat(y, 'f', -1, 64), maxYears)}
	if !slices.Contains(jd.Warnings, w) {
		jd.Warnings = append(jd.Warnings, w)
	}
}

func years(s string) float64 {
	if n, ok := numberWords[strings.ToLower(s)]; ok {
		return n
	}
	n, _ := strconv.ParseFloat(s, 64)
	return n
}

func (jd *JobDescription) finish() {
	seen := map[string]bool{}
	for _, r := range jd.Requirements {
		if r.Years > jd.YearsRequired && r.Years <= 20 {
			jd.YearsRequired = r.Years
		}
		for _, s := range r.Skills {
			if !seen[s] {
				seen[s] = true
				jd.Skills = append(jd.Skills, s)
			}
		}
	}
	if m := reSeniority.FindString(jd.Title); m != "" {
		jd.Seniority = strings.ToLower(m)
	}
	jd.Requirements = saidOnce(jd.Requirements)
	read := len(jd.Requirements)
	var dropped []Requirement
	if jd.Requirements, dropped = capRequirements(jd.Requirements); len(dropped) > 0 {
		jd.Dropped = len(dropped)
		jd.Warnings = append(jd.Warnings, droppedWarning(dropped, read))
	}
}

// saidOnce drops a requirement said again (case, white space and closing
// punctuation aside: a JD that repeats its soft skills under two headings),
// keeping the first, a must-have when either was: said twice, it would
// weigh twice and take a place under MaxRequirements (review22b).
func saidOnce(reqs []Requirement) []Requirement {
	at := map[string]int{}
	out := reqs[:0]
	for _, r := range reqs {
		key := strings.Join(strings.Fields(strings.ToLower(strings.TrimRight(r.Text, ".;:,!? "))), " ")
		if i, ok := at[key]; ok {
			out[i].MustHave = out[i].MustHave || r.MustHave
			continue
		}
		at[key] = len(out)
		out = append(out, r)
	}
	return out
}

// isJSONResume reports whether text is a JSON Resume (an object with
// "basics" and "work"): such a file is a person, not a job, and its
// skills would be read as the job's requirements.
func isJSONResume(text string) bool {
	var keys map[string]json.RawMessage
	return json.Unmarshal([]byte(text), &keys) == nil && keys["basics"] != nil && keys["work"] != nil
}

// jsonTextFields are the fields of a JSON job that hold its posting as
// text, in the order read: JSON Resume's "description", then what job
// boards' exports and this corpus (jobs.jsonl: "text") and the API
// ("job_description") call it.
var jsonTextFields = []string{"description", "text", "body", "job_description"}

// parseJobJSON reads JSON Resume's job schema. Without responsibilities,
// qualifications or skills, the first of jsonTextFields that holds text is
// read as the posting (text, Markdown or HTML), under the JSON's title.
func parseJobJSON(text string) (*JobDescription, error) {
	var j struct {
		Title            string   `json:"title"`
		Experience       string   `json:"experience"`
		Responsibilities []string `json:"responsibilities"`
		Qualifications   []string `json:"qualifications"`
		Skills           []struct {
			Name     string   `json:"name"`
			Keywords []string `json:"keywords"`
		} `json:"skills"`
	}
	var fields map[string]json.RawMessage
	err := json.Unmarshal([]byte(text), &j)
	if err == nil {
		err = json.Unmarshal([]byte(text), &fields)
	}
	if err != nil {
		if isJSONResume(text) {
			// Its "skills" are a person's, often plain strings: say what
			// the file is, not which Go field it failed.
			return nil, vitae.Errorf(vitae.EINVALID, "%s, and it does not read as JSON Resume's job schema", jsonResumeWarning.Message)
		}
		return nil, vitae.Wrap(vitae.EINVALID, err, "job description JSON is malformed")
	}
	jd := &JobDescription{Title: j.Title}
	for _, r := range j.Responsibilities {
		jd.add(r, "resp", true)
	}
	for _, q := range j.Qualifications {
		jd.add(q, "must", true)
	}
	for _, s := range j.Skills {
		switch {
		case s.Name != "" && len(s.Keywords) > 0:
			jd.add("Experience with "+s.Name+" ("+strings.Join(s.Keywords, ", ")+")", "must", true)
		case s.Name != "":
			jd.add("Experience with "+s.Name, "must", true)
		}
	}
	if body := jsonText(fields); len(jd.Requirements) == 0 && body != "" {
		format := "text"
		if strings.HasPrefix(strings.TrimSpace(body), "<") {
			format = "html"
		}
		if jd, err = parseText(NormalizeLines(body), format); err != nil { // finished
			return nil, err
		}
		if j.Title != "" {
			jd.Title = j.Title // the JSON names it; the text's heading is read
			if m := reSeniority.FindString(j.Title); m != "" {
				jd.Seniority = strings.ToLower(m)
			}
		}
	} else {
		jd.finish()
	}
	if j.Experience != "" && jd.Seniority == "" {
		jd.Seniority = strings.ToLower(j.Experience)
	}
	if len(jd.Requirements) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "job description JSON has no requirements: it reads responsibilities, qualifications and skills (JSON Resume's job schema), else the posting's text in %s; none of them holds one", quotedFields())
	}
	return jd, nil
}

// jsonText is the first of jsonTextFields that is a string with text.
func jsonText(fields map[string]json.RawMessage) string {
	for _, f := range jsonTextFields {
		var s string
		if json.Unmarshal(fields[f], &s) == nil && strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// quotedFields lists jsonTextFields as an error names them.
func quotedFields() string {
	q := make([]string, len(jsonTextFields))
	for i, f := range jsonTextFields {
		q[i] = strconv.Quote(f)
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
