package match

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae/ingest"
	"vitae/lexicon"
)

// Warning is something a job description was read with but that looks
// wrong: the match goes on, and the person is told why the ranking may
// be poor. Code is stable for programs; Message is for people.
//
// On the wire a warning is its message, as the API's "warnings" were
// strings before they had codes; the codes travel beside them, in the
// same order, as "warning_codes" (Result, JobDescription), so no
// client of v1 reads a changed shape.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MarshalJSON writes the warning as its message (see Warning).
func (w Warning) MarshalJSON() ([]byte, error) { return json.Marshal(w.Message) }

// Codes is the codes of ws, in their order: "warning_codes".
func Codes(ws []Warning) []string {
	if len(ws) == 0 {
		return nil
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Code
	}
	return out
}

// withCodes gives ws the codes read beside them ("warning_codes") where
// a warning came as a bare string.
func withCodes(ws []Warning, codes []string) {
	for i := range ws {
		if ws[i].Code == "" && i < len(codes) {
			ws[i].Code = codes[i]
		}
	}
}

// UnmarshalJSON reads a warning as a bare string (its wire shape) or as
// an object {code, message}.
func (w *Warning) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*w = Warning{}
		return json.Unmarshal(b, &w.Message)
	}
	type plain Warning
	return json.Unmarshal(b, (*plain)(w))
}

// The warning codes.
const (
	// WarnResume: the text reads as a résumé (dated roles, past-tense
	// achievements, no requirements), not as a job.
	WarnResume = "looks_like_resume"
	// WarnNotEnglish: the text is mostly in another language; requirements
	// are read with English rules and an English lexicon.
	WarnNotEnglish = "not_english"
)

// jsonResumeWarning is the warning for a JSON Resume (basics and work)
// sent as the job description.
var jsonResumeWarning = Warning{WarnResume, `the job description looks like a résumé (JSON Resume, with "basics" and "work"): its requirements are one person's skills, not a job's`}

// Warnings reads the lines of a job description (text, Markdown, or an
// HTML page's or PDF's text) for signs that it is not an English job
// description. It never changes what the match reads.
func Warnings(lines []string) []Warning {
	var out []Warning
	if w, ok := resumeWarning(lines); ok {
		out = append(out, w)
	}
	if w, ok := languageWarning(strings.Join(lines, "\n")); ok {
		out = append(out, w)
	}
	return out
}

// resumeSigns counts what a résumé has and a job description has not,
// and the other way round.
type resumeSigns struct {
	dated    int // date ranges ("Jan 2020 – Present")
	items    int // lines of three words or more, list items or not
	achieved int // of those, the ones that open with a past-tense verb ("Led …")
	sections int // distinct résumé section headings (Experience, Education …)
	firstPer int // first-person words ("I built", "my team")
	asks     int // the words of a job's asking ("must", "you will", "requirements")
	words    int // all words: a long résumé may ask now and then
}

// score is how much the text reads as a résumé: each sign counts once
// or twice, so one odd line in a JD (a dated history of the company, a
// "Skills" heading) is never enough.
func (s resumeSigns) score() int {
	n := 0
	n += min(s.dated, 3)
	switch {
	case s.achieved >= 6:
		n += 3
	case s.achieved >= 3:
		n += 2
	case s.achieved >= 2:
		n++
	}
	switch {
	case s.sections >= 3:
		n += 2
	case s.sections >= 2:
		n++
	}
	switch {
	case s.firstPer >= 8:
		n += 2
	case s.firstPer >= 3:
		n++
	}
	return n
}

// looksLikeResume: résumé signs of at least two kinds (score 4 needs
// two) and few of a job's words, at most 3 (one more for each point of
// score past 4) or one in 200 words; or signs worth 3 and none of a
// job's words. A JD asks in most sections (dev and train: 3 to 22 times,
// once in 55 to 190 words); a résumé may say "responsibilities" or
// "required" now and then.
func (s resumeSigns) looksLikeResume() bool {
	// A job has headings a résumé has ("Experience", "Skills") and may
	// list deeds; what it has not is a person: a dated role or "I",
	// several of them when it also asks (review of stop 24).
	n := s.score()
	if s.asks == 0 {
		return n >= 3 && (s.dated >= 1 || s.firstPer >= 1)
	}
	return n >= 4 && (s.dated >= 2 || s.firstPer >= 2) && (s.asks <= 3+n-4 || 200*s.asks < s.words)
}

var (
	// reAsks are the words a job description asks with.
	reAsks = regexp.MustCompile(`(?i)\b(must|required|requirements?|responsibilities|qualifications?|you will|you'll|you have|you are|you're|your|we are|we're|we offer|our team|join us|join our|looking for|ideal candidate|preferred|nice to have|what you)\b`)
	// reFirstPerson: "I" before a lower-case word ("I built"), not a job
	// level ("Engineer I"); "my", "I'm", "I've".
	reFirstPerson = regexp.MustCompile(`(?:^|[\s(])I [a-z]|\b(?:[Mm]y|I'm|I've|I’m|I’ve)\b`)
	// reResumeSection is a heading a résumé has and a job rarely does as
	// a heading of its own.
	reResumeSection = regexp.MustCompile(`(?i)^(?:work |professional |relevant |career |personal )?(experience|employment(?: history)?|work history|education|skills|technical skills|projects|certifications|publications|awards|interests|languages|profile|summary|objective|accomplishments|achievements|company|skill)(?: details| used)?$`)
)

// edAdjectives open JD items and end in "-ed" without telling of a deed
// ("Proven track record", "Experienced in Go").
var edAdjectives = map[string]bool{
	"proven": true, "experienced": true, "demonstrated": true, "skilled": true,
	"advanced": true, "motivated": true, "self-motivated": true, "related": true,
	"required": true, "preferred": true, "desired": true, "based": true,
	"focused": true, "dedicated": true, "seasoned": true, "talented": true,
	"detailed": true, "detail-oriented": true, "qualified": true, "certified": true,
	"licensed": true, "established": true, "accomplished": true, "distributed": true,
	"applied": true, "embedded": true, "limited": true, "interested": true,
	"excited": true, "expected": true,
	"solid": true, "structured": true, "unstructured": true, "regulated": true,
	// a JD's perks and company blurb ("Catered lunch", "Founded in 2009")
	"unlimited": true, "catered": true, "subsidized": true, "subsidised": true,
	"opinionated": true, "founded": true, "located": true, "headquartered": true,
	"trusted": true, "funded": true, "backed": true, "stocked": true,
	"paid": true, "varied": true, "fixed": true,
}

// achievement reports whether a list item opens with a past-tense verb,
// as a résumé's bullets do ("Led the migration …", "Cut paging by 45%").
func achievement(item string) bool {
	words := strings.Fields(item)
	if len(words) < 2 || !unicode.IsUpper([]rune(words[0])[0]) {
		return false
	}
	w := strings.ToLower(strings.TrimRight(words[0], ",:;"))
	// "Led by repeat entrepreneurs", "Marketer-focused products": a
	// passive or a compound adjective, not a deed.
	if edAdjectives[w] || strings.Contains(w, "-") || strings.EqualFold(words[1], "by") {
		return false
	}
	return ownWork(w)
}

// readResumeSigns counts the signs line by line.
func readResumeSigns(lines []string) resumeSigns {
	var s resumeSigns
	sections := map[string]bool{}
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		s.words += len(strings.Fields(line))
		s.asks += len(reAsks.FindAllStringIndex(line, -1))
		s.firstPer += len(reFirstPerson.FindAllStringIndex(line, -1))
		// A résumé pasted from a PDF or a page often loses its bullets'
		// markers: its achievements are plain lines then.
		text, item := ingest.ListItem(line)
		if !item {
			text = line
		}
		text = unmark(text)
		s.dated += ingest.Ranges(text) // a flattened résumé has them all on one line
		if m := reResumeSection.FindStringSubmatch(strings.Trim(text, "#=:- ")); !item && m != nil {
			sections[strings.ToLower(m[1])] = true
			continue
		}
		if len(strings.Fields(text)) < 3 {
			continue // a heading, a skill, a lone marker
		}
		s.items++
		if achievement(text) {
			s.achieved++
		}
	}
	s.sections = len(sections)
	return s
}

// reBulletLabel is a bullet's bold label ("**Data Governance:** Conducted …").
var reBulletLabel = regexp.MustCompile(`^[^:]{1,40}:\s+`)

// unmark drops Markdown emphasis ("_Nov 2022 - Present_" must read as a
// date range) and a bullet's leading label, so its verb comes first.
func unmark(text string) string {
	text = strings.TrimSpace(strings.NewReplacer("**", "", "__", "", "*", " ", "_", " ", "`", "").Replace(text))
	if loc := reBulletLabel.FindStringIndex(text); loc != nil && loc[1] < len(text) {
		text = text[loc[1]:]
	}
	return text
}

// resumeWarning warns when the lines read as a résumé.
func resumeWarning(lines []string) (Warning, bool) {
	s := readResumeSigns(lines)
	if !s.looksLikeResume() {
		return Warning{}, false
	}
	var why []string
	if s.dated > 0 {
		why = append(why, "dated roles")
	}
	if s.achieved > 0 {
		why = append(why, "past-tense achievements")
	}
	if s.sections >= 2 {
		why = append(why, "résumé sections")
	}
	if s.firstPer >= 3 {
		why = append(why, "first-person sentences")
	}
	return Warning{WarnResume, "the job description looks like a résumé (" + strings.Join(why, ", ") +
		", few requirements): candidates are ranked against one person's history, not a job's requirements; paste the job posting instead"}, true
}

// englishWords are English function words: a third or more of an English
// job description's words, a handful of a German or Spanish one's.
var englishWords = setOf(`the and of to for with you we our is are will be on or your this that at by from
	have has it its who what all can more about into through their they us not other such than these them
	which while who how when where also any each should would could must may were was been being
	if do does our ours you'll we're you're able well within across both own`)

// foreignWords are the function words of the languages job descriptions
// come in besides English, and the words their JDs ask with (German
// "Erfahrung", "Kenntnisse", "Anforderungen"); none is an English word (no
// "in", "an", "die", "as", "on", "a", "e", "per", "do", "met", "con",
// "van", "par"), nor a stack's or a place's capitals read lower-case
// ("DI", "AU").
var foreignWords = map[string]map[string]bool{
	"German":     setOf(`und der das mit für ist sind wir sie ihre ihr unsere unser eine einen einem einer auf von zu dem des im bei oder nicht auch werden wird über sowie du dich dein deine uns als wie aus nach sich erfahrung kenntnisse anforderungen aufgaben voraussetzungen`),
	"French":     setOf(`le la les des du et est une un pour dans sur avec nous vous votre vos notre nos aux qui que ce cette ses être sont chez très expérience compétences connaissances exigences`),
	"Spanish":    setOf(`el los las del es una para por como su sus nuestro nuestra nuestros que se al más tu tus experiencia somos buscamos requisitos conocimientos`),
	"Portuguese": setOf(`os da das dos uma para com em não nossa nosso você é são buscamos experiência requisitos conhecimentos`),
	"Italian":    setOf(`il gli della delle con che una nel nella sono siamo esperienza cerchiamo requisiti conoscenza`),
	"Dutch":      setOf(`het een en voor zijn wij je jouw onze ons niet ook bij naar ervaring kennis vereisten`),
}

// minLanguageWords is the fewest words the language of a text is judged
// on by counts alone: a short list of skills ("Kubernetes, Terraform,
// Go") has no function words in any language. A shorter text is judged
// on its foreign words that cannot be part of a name (languageSigns.plain).
const minLanguageWords = 30

// minScriptLetters is the fewest letters a text's script is judged on.
const minScriptLetters = 10

// languageSigns counts a text's words: English function words, each
// other language's, and letters of other scripts than Latin.
type languageSigns struct {
	words, english int
	foreign        map[string]int
	// plain counts the foreign words that are no part of a name: written
	// lower-case ("mit", "und"), or capitalised and of five letters or
	// more ("Erfahrung"); "Los Angeles", "Des Moines" and "La Jolla" are
	// places in an English JD.
	plain          map[string]int
	letters, other int // letters, and of them not Latin (Cyrillic, CJK …)
}

func readLanguageSigns(text string) languageSigns {
	s := languageSigns{foreign: map[string]int{}, plain: map[string]int{}}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		s.letters++
		switch {
		case lexicon.Unspaced(r):
			// A character of Chinese or Japanese is a syllable or a word,
			// about as much as two Latin letters say.
			s.letters++
			s.other += 2
		case !unicode.Is(unicode.Latin, r):
			s.other++
		}
	}
	if s.other > 0 {
		// A tool's name is no word of any language: "Kubernetes、Terraform、
		// AWSの経験" is Japanese. (Read only when another script is there.)
		lex := lexicon.Default()
		for _, w := range lexicon.Tokenize(text) {
			if g, ok := lex.Lookup(w); ok && g.Kind == "skill" {
				for _, r := range w {
					if unicode.IsLetter(r) {
						s.letters-- // Latin: the lexicon's names are
					}
				}
			}
		}
	}
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	})
	for _, written := range words {
		n := utf8.RuneCountInString(written)
		if n < 2 { // "e.g." is not Italian's "e"
			continue
		}
		w := strings.ToLower(written)
		s.words++
		if englishWords[w] {
			s.english++
		}
		for lang, set := range foreignWords {
			if set[w] {
				s.foreign[lang]++
				if w == written || n >= 5 {
					s.plain[lang]++
				}
			}
		}
	}
	return s
}

// language is the likeliest other language by counts and its count.
func language(counts map[string]int) (string, int) {
	langs := make([]string, 0, len(counts))
	for l := range counts {
		langs = append(langs, l)
	}
	sort.Strings(langs) // ties go the same way every time
	best, n := "", 0
	for _, l := range langs {
		if counts[l] > n {
			best, n = l, counts[l]
		}
	}
	return best, n
}

// languageWarning warns when the text is mostly another script (of its
// letters outside tools' names, the unspaced scripts' counted twice,
// minScriptLetters or more), or when one other language's words
// outnumber the English function words: in a text of minLanguageWords or
// more, 8 of them and twice the English ones; in a shorter one ("##
// Anforderungen" / "- Mehrjährige Erfahrung mit Kubernetes und
// Terraform"), 2 of them that are no part of a name (plain) and more than
// twice the English ones.
func languageWarning(text string) (Warning, bool) {
	s := readLanguageSigns(text)
	if s.letters >= minScriptLetters && 2*s.other >= s.letters {
		return Warning{WarnNotEnglish, "the job description does not look like English (most of its letters are not Latin): requirements are read with English rules, so the ranking may be poor; match an English version of the posting"}, true
	}
	lang, n := language(s.foreign)
	if s.words < minLanguageWords {
		if lang, n = language(s.plain); n < 2 || n <= 2*s.english {
			return Warning{}, false
		}
	} else if n < 8 || n < 2*s.english {
		return Warning{}, false
	}
	return Warning{WarnNotEnglish, "the job description does not look like English (it reads as " + lang +
		"): requirements are read with English rules, so the ranking may be poor; match an English version of the posting"}, true
}
