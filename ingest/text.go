package ingest

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"vitae"
)

func parseText(name string, data []byte, o Options) (*vitae.Resume, error) {
	if err := checkBinary(data); err != nil {
		return nil, err
	}
	return parseLines(strings.Split(string(data), "\n"))
}

func parseMarkdown(name string, data []byte, o Options) (*vitae.Resume, error) {
	return parseText(name, data, o)
}

// checkBinary refuses data that is not text: NUL bytes mean a binary file
// under a text extension.
func checkBinary(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return vitae.Errorf(vitae.EINVALID, "binary content (NUL byte at offset %d) in a text file", i)
	}
	return nil
}

var (
	reMDHead   = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	reRoleSep  = regexp.MustCompile(`\s+(?:[-–—|•·@]|at)\s+|,\s+`)
	reRuler    = regexp.MustCompile(`^\s*(?:[-=_*]\s*){3,}$`)
	reSkillSep = regexp.MustCompile(`[,;|•·]`)
)

// sectionNames maps headings to bullet sections; "" marks sub-headings that
// keep the current company and role (Objectives, Outcomes, …).
var sectionNames = map[string]string{
	"experience": vitae.SectionWork, "work experience": vitae.SectionWork, "professional experience": vitae.SectionWork,
	"employment": vitae.SectionWork, "employment history": vitae.SectionWork, "work history": vitae.SectionWork,
	"career history": vitae.SectionWork, "relevant experience": vitae.SectionWork, "work": vitae.SectionWork,
	"projects": vitae.SectionProject, "open source projects": vitae.SectionProject, "smaller notable projects": vitae.SectionProject,
	"open source": vitae.SectionProject, "side projects": vitae.SectionProject, "personal projects": vitae.SectionProject,
	"selected projects": vitae.SectionProject, "notable projects": vitae.SectionProject,
	"volunteer": vitae.SectionVolunteer, "volunteering": vitae.SectionVolunteer, "volunteer experience": vitae.SectionVolunteer,
	"education": vitae.SectionEducation, "certifications": vitae.SectionEducation, "licenses and certifications": vitae.SectionEducation,
	"awards": vitae.SectionAward, "honors": vitae.SectionAward, "honors and awards": vitae.SectionAward, "awards and honors": vitae.SectionAward,
	"summary": vitae.SectionSummary, "profile": vitae.SectionSummary, "about": vitae.SectionSummary, "about me": vitae.SectionSummary,
	"professional summary": vitae.SectionSummary, "objective": vitae.SectionSummary,
	"skills": "skills", "technical skills": "skills", "core skills": "skills", "core competencies": "skills", "technologies": "skills",
	"technology stack": "stack", "tech stack": "stack",
	"objectives": "", "outcomes": "", "responsibilities": "", "achievements": "", "key achievements": "",
	"highlights": "", "accomplishments": "", "key accomplishments": "", "selected achievements": "", "results": "", "impact": "",
	"contact": "contact", "references": "contact", "interests": "contact", "languages": "contact", "publications": vitae.SectionOther,
}

// roleWords mark the side of "X — Y" that is the job title.
var roleWords = regexp.MustCompile(`(?i)\b(engineer|engineering|developer|manager|director|lead|leader|head|vp|vice president|president|chief|cto|ceo|cfo|coo|officer|analyst|designer|architect|scientist|consultant|intern|specialist|administrator|coordinator|associate|founder|co-founder|owner|representative|executive|accountant|recruiter|nurse|teacher|instructor|professor|tutor|assistant|technician|sre|devops|programmer|researcher|advisor|partner|principal|staff|senior|junior|product|marketing|sales|support|agent|clerk|supervisor|fellow|contractor|freelance|freelancer)\b`)

// textParser walks lines keeping where in the résumé it is.
type textParser struct {
	r       *vitae.Resume
	section string // current bullet section
	mode    string // "", "skills", "stack", "contact": lines there are not bullets
	company string
	role    string
	start   string
	end     string
	pending string // a heading not yet known to be company or project
	para    []lineText
	lastBul int // index in r.Bullets of the bullet continuation lines join, or -1
	sawName bool
}

type lineText struct {
	line int
	text string
}

func parseLines(lines []string) (*vitae.Resume, error) {
	p := &textParser{r: &vitae.Resume{}, section: vitae.SectionWork, lastBul: -1}
	for i, raw := range lines {
		p.line(i+1, strings.TrimRight(raw, "\r"), lines, i)
	}
	p.flushPara()
	p.r.Email, p.r.Phone = contacts(lines)
	return p.r, nil
}

func (p *textParser) line(n int, raw string, lines []string, i int) {
	trimmed := strings.TrimSpace(raw)
	item, isItem := ListItem(raw)
	if trimmed == "" || reRuler.MatchString(trimmed) && !isItem {
		p.flushPara()
		p.lastBul = -1
		return
	}
	if m := reMDHead.FindStringSubmatch(raw); m != nil {
		p.flushPara()
		p.lastBul = -1
		p.heading(stripEmphasis(m[2]), len(m[1]))
		return
	}
	if isItem {
		p.flushPara()
		text := stripEmphasis(item)
		if text == "" {
			p.lastBul = -1 // a lone "-" separates paragraphs
			return
		}
		p.bullet(n, text)
		return
	}
	// A wrapped bullet continues on an indented or lower-case line.
	if p.lastBul >= 0 && (StartsLower(trimmed) || IndentWidth(raw) >= 2) {
		b := &p.r.Bullets[p.lastBul]
		b.Text += " " + stripEmphasis(trimmed)
		return
	}
	p.lastBul = -1
	text := stripEmphasis(trimmed)
	if isHeading(text) {
		p.flushPara()
		p.heading(text, 0)
		return
	}
	if s, e, rest, ok := findRange(text); ok && len(strings.Fields(rest)) <= 12 {
		p.flushPara()
		p.dated(s, e, rest)
		return
	}
	p.para = append(p.para, lineText{n, text})
}

// heading handles a title line: a section name, the person's name, a
// "Role — Company" line, or a company/project name to confirm later.
func (p *textParser) heading(text string, level int) {
	key := strings.ToLower(strings.Trim(text, " :"))
	if sec, ok := sectionNames[key]; ok {
		switch sec {
		case "":
			// a sub-heading within a role (Objectives, Outcomes): back to
			// achievements under the same company and role
			p.mode = ""
		case "skills", "stack", "contact":
			p.mode = sec
		default:
			p.mode = ""
			p.section = sec
			p.pending, p.company, p.role, p.start, p.end = "", "", "", "", ""
		}
		return
	}
	if !p.sawName && len(p.r.Bullets) == 0 && p.company == "" && looksLikeName(text) && (level <= 1) {
		p.sawName = true
		p.r.Person = text
		return
	}
	if level == 1 && !p.sawName && looksLikeName(text) {
		p.sawName = true
		p.r.Person = text
		return
	}
	if s, e, rest, ok := findRange(text); ok {
		p.dated(s, e, rest)
		return
	}
	if role, company, ok := splitRoleCompany(text); ok && p.section != vitae.SectionProject {
		p.mode = ""
		p.role, p.company, p.start, p.end, p.pending = role, company, "", "", ""
		return
	}
	if p.mode == "skills" || p.mode == "contact" {
		return
	}
	p.mode = ""
	p.pending = text
	if p.section == vitae.SectionProject || p.section == vitae.SectionEducation || p.section == vitae.SectionAward {
		p.company, p.role, p.start, p.end = text, "", "", ""
	}
}

// dated handles "Role • Dec 2018 — Present" or a bare date range.
func (p *textParser) dated(start, end, rest string) {
	p.mode = ""
	rest = strings.Trim(strings.TrimSpace(rest), "•·|-–—,()[] \t")
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), ","))
	p.start, p.end = start, end
	switch {
	case rest == "":
		if p.pending != "" {
			if role, company, ok := splitRoleCompany(p.pending); ok {
				p.role, p.company = role, company
			} else {
				p.company = p.pending
			}
		}
	case p.pending != "":
		p.company, p.role = p.pending, rest
	case p.company != "" && strings.Contains(strings.ToLower(rest), strings.ToLower(p.company)):
		// "Software Developer, Rackspace Email & Apps" under "Rackspace":
		// the same employer, another role.
		p.role = rest
	default:
		if role, company, ok := splitRoleCompany(rest); ok {
			p.role, p.company = role, company
		} else {
			p.role = rest
		}
	}
	p.pending = ""
}

func (p *textParser) bullet(n int, text string) {
	if p.mode == "skills" || p.mode == "stack" {
		p.r.Skills = append(p.r.Skills, skillItems(text)...)
		return
	}
	if p.mode == "contact" {
		return
	}
	p.confirmPending()
	// One- and two-word items ("Secrets", "S3 buckets") are inventory, not
	// achievements.
	if len(strings.Fields(text)) < 3 {
		return
	}
	p.add(n, text)
	p.lastBul = len(p.r.Bullets) - 1
}

// confirmPending treats a heading followed directly by content as the
// company (work) or project name.
func (p *textParser) confirmPending() {
	if p.pending == "" {
		return
	}
	p.company, p.role, p.start, p.end = p.pending, "", "", ""
	p.pending = ""
}

func (p *textParser) add(n int, text string) {
	p.r.Bullets = append(p.r.Bullets, vitae.Bullet{
		Section: p.section, Company: p.company, Role: p.role,
		Start: p.start, End: p.end, Text: text, Ref: "L" + strconv.Itoa(n),
	})
}

// flushPara splits the pending prose paragraph into sentences, one bullet
// each, referenced by the line each sentence starts on.
func (p *textParser) flushPara() {
	if len(p.para) == 0 {
		return
	}
	para := p.para
	p.para = nil
	if p.mode == "skills" || p.mode == "stack" {
		for _, l := range para {
			p.r.Skills = append(p.r.Skills, skillItems(l.text)...)
		}
		return
	}
	if p.mode == "contact" {
		return
	}
	// Lines before any heading or role (name, contact details) are not
	// achievements unless they read as sentences.
	if !p.sawName && p.r.Person == "" && len(p.r.Bullets) == 0 && p.company == "" && p.pending == "" && len(para) == 1 && looksLikeName(para[0].text) {
		p.r.Person, p.sawName = para[0].text, true
		return
	}
	p.confirmPending()
	var b strings.Builder
	var starts []lineText // byte offset in the joined paragraph, line number
	for _, l := range para {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		starts = append(starts, lineText{line: b.Len(), text: strconv.Itoa(l.line)})
		b.WriteString(l.text)
	}
	perLine := map[string]int{}
	for _, s := range Sentences(b.String()) {
		line := starts[0].text
		for _, st := range starts {
			if st.line <= s.Offset {
				line = st.text
			}
		}
		perLine[line]++
		if !isAchievement(s.Text) {
			continue
		}
		// The first sentence of a line is "L7", later ones "L7.2", "L7.3".
		ref := "L" + line
		if k := perLine[line]; k > 1 {
			ref += "." + strconv.Itoa(k)
		}
		p.r.Bullets = append(p.r.Bullets, vitae.Bullet{
			Section: p.section, Company: p.company, Role: p.role,
			Start: p.start, End: p.end, Text: s.Text, Ref: ref,
		})
	}
}

// isAchievement drops short list intros ("Some of my notable achievements
// include:") and fragments.
func isAchievement(s string) bool {
	words := len(strings.Fields(s))
	if strings.HasSuffix(s, ":") && words <= 12 {
		return false
	}
	return words >= 4
}

// isHeading: a short line without sentence punctuation.
func isHeading(s string) bool {
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?,;") {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 8 {
		return false
	}
	if strings.HasSuffix(s, ":") {
		return len(words) <= 4
	}
	return startsUpperOrDigit(s) || len(words) <= 3
}

func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 || roleWords.MatchString(s) {
		return false
	}
	if _, ok := sectionNames[strings.ToLower(s)]; ok {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' {
				return false
			}
		}
	}
	return true
}

// splitRoleCompany reads "Role — Company", "Role at Company", "Company |
// Role": the side with a job-title word is the role.
func splitRoleCompany(s string) (role, company string, ok bool) {
	loc := reRoleSep.FindStringIndex(s)
	if loc == nil {
		return "", "", false
	}
	a, b := strings.TrimSpace(s[:loc[0]]), strings.TrimSpace(s[loc[1]:])
	if a == "" || b == "" {
		return "", "", false
	}
	sep := strings.TrimSpace(s[loc[0]:loc[1]])
	if sep == "," && !roleWords.MatchString(a) && !roleWords.MatchString(b) {
		return "", "", false
	}
	if roleWords.MatchString(b) && !roleWords.MatchString(a) {
		return b, a, true
	}
	if !roleWords.MatchString(a) && sep != "at" && sep != "@" {
		return "", "", false
	}
	return a, b, true
}

func skillItems(s string) []string {
	if _, v, ok := strings.Cut(s, ":"); ok {
		s = v
	}
	var out []string
	for _, part := range reSkillSep.Split(s, -1) {
		if t := strings.TrimSpace(part); t != "" && len(strings.Fields(t)) <= 3 {
			out = append(out, t)
		}
	}
	return out
}

func stripEmphasis(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = strings.ReplaceAll(s, "__", "")
	s = strings.Trim(s, "*_` ")
	return strings.TrimSpace(s)
}

func startsUpperOrDigit(s string) bool {
	r := []rune(s)
	return len(r) > 0 && (unicode.IsUpper(r[0]) || unicode.IsDigit(r[0]))
}
