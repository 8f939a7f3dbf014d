package search

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"vitae"
	"vitae/lexicon"
)

// JobDescription is a parsed job posting.
type JobDescription struct {
	Title         string        `json:"title,omitempty"`
	Requirements  []Requirement `json:"requirements"`
	YearsRequired float64       `json:"years_required,omitempty"`
	Seniority     string        `json:"seniority,omitempty"`
	Skills        []string      `json:"skills,omitempty"`
}

const maxJDChars = 50000

var (
	reJDHeading = regexp.MustCompile(`^\s*(?:#{1,6}\s*)?\**([^*#:]{2,60}?)\**\s*:?\s*$`)
	reJDItem    = regexp.MustCompile(`^\s*(?:[-*+•·▪◦]|\d{1,2}[.)])\s+(.*)$`)
	reYears     = regexp.MustCompile(`(?i)(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+|plus)?\s*(?:-\s*\d{1,2}\s*)?(?:\+\s*)?years?`)
	reMust      = regexp.MustCompile(`(?i)\b(required|must|minimum|at least|requirements?|qualifications?|you have|you bring|what you need|essential)\b`)
	reNice      = regexp.MustCompile(`(?i)\b(preferred|bonus|plus|nice to have|nice-to-have|desired|ideally|a plus|good to have|optional)\b`)
	reLead      = regexp.MustCompile(`(?i)\b(lead|leading|led|manage|managing|mentor|mentoring|supervis\w*|head|direct reports|people manager|team lead)\b`)
	reSeniority = regexp.MustCompile(`(?i)\b(intern|junior|mid-level|senior|staff|principal|lead|manager|director|head)\b`)
)

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// sectionKind classifies a JD heading.
func sectionKind(h string) string {
	h = strings.ToLower(h)
	switch {
	case strings.Contains(h, "nice") || strings.Contains(h, "bonus") || strings.Contains(h, "preferred") || strings.Contains(h, "plus"):
		return "nice"
	case strings.Contains(h, "require") || strings.Contains(h, "qualif") || strings.Contains(h, "looking for") || strings.Contains(h, "you have") || strings.Contains(h, "you bring") || strings.Contains(h, "skills") || strings.Contains(h, "experience") || strings.Contains(h, "about you") || strings.Contains(h, "who you are"):
		return "must"
	case strings.Contains(h, "responsib") || strings.Contains(h, "you will") || strings.Contains(h, "you'll") || strings.Contains(h, "what you") || strings.Contains(h, "duties") || strings.Contains(h, "role") || strings.Contains(h, "job description") || strings.Contains(h, "day to day"):
		return "resp"
	case strings.Contains(h, "benefit") || strings.Contains(h, "perks") || strings.Contains(h, "about us") || strings.Contains(h, "about the company") || strings.Contains(h, "who we are") || strings.Contains(h, "equal") || strings.Contains(h, "salary") || strings.Contains(h, "compensation") || strings.Contains(h, "apply") || strings.Contains(h, "location") || strings.Contains(h, "summary") || strings.Contains(h, "overview") || strings.Contains(h, "why"):
		return "skip"
	}
	return ""
}

// boilerplate marks sentences that are never requirements.
var boilerplate = regexp.MustCompile(`(?i)(equal opportunity|without regard to|race, color|401\(k\)|health insurance|dental|paid time off|pto\b|we offer|salary range|compensation|apply now|to apply|visa sponsorship|reasonable accommodation|benefits)`)

// ParseJD splits a job description into requirements.
func ParseJD(text, format string) (*JobDescription, error) {
	if strings.TrimSpace(text) == "" {
		return nil, vitae.Errorf(vitae.EINVALID, "job description is empty")
	}
	if utf8.RuneCountInString(text) > maxJDChars {
		return nil, vitae.Errorf(vitae.ETOOLARGE, "job description is longer than %d characters", maxJDChars)
	}
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
	switch format {
	case "json":
		return parseJobJSON(text)
	case "html":
		lines, err := htmlLines(text)
		if err != nil {
			return nil, err
		}
		return parseJDLines(lines), nil
	case "text", "markdown":
		return parseJDLines(strings.Split(text, "\n")), nil
	}
	return nil, vitae.Errorf(vitae.EINVALID, "format %q: want text, markdown, html or json", format)
}

func parseJDLines(lines []string) *JobDescription {
	jd := &JobDescription{}
	kind := "resp"
	var para []string
	addText := func(t string, k string) {
		for _, s := range sentences(t) {
			jd.add(s.text, k)
		}
	}
	flush := func() {
		if len(para) > 0 {
			addText(strings.Join(para, " "), kind)
			para = nil
		}
	}
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			flush()
			continue
		}
		if m := reJDItem.FindStringSubmatch(line); m != nil {
			flush()
			jd.add(strings.Trim(m[1], "* "), kind)
			continue
		}
		if m := reJDHeading.FindStringSubmatch(line); m != nil && len(strings.Fields(m[1])) <= 7 {
			flush()
			if jd.Title == "" && strings.HasPrefix(line, "#") {
				jd.Title = strings.TrimSpace(m[1])
			}
			if k := sectionKind(m[1]); k != "" {
				kind = k
			}
			continue
		}
		para = append(para, line)
	}
	flush()
	jd.finish()
	return jd
}

// add records one candidate requirement from a section of kind k.
func (jd *JobDescription) add(text, k string) {
	text = strings.TrimSpace(strings.Trim(text, "*_ "))
	if k == "skip" || len(strings.Fields(text)) < 2 || boilerplate.MatchString(text) {
		return
	}
	r := Requirement{Text: text}
	switch {
	case reNice.MatchString(text) || k == "nice":
		r.MustHave = false
	case reMust.MatchString(text) || k == "must":
		r.MustHave = true
	default:
		r.MustHave = false // responsibilities: evidence wanted, not a gate
		if k == "resp" {
			r.MustHave = true
		}
	}
	r.Skills = lexicon.Default().Skills(text)
	if m := reYears.FindStringSubmatch(text); m != nil {
		r.Years = years(m[1])
	}
	r.Leadership = reLead.MatchString(text)
	jd.Requirements = append(jd.Requirements, r)
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
	if len(jd.Requirements) > 40 {
		jd.Requirements = jd.Requirements[:40] // beyond this, requirements are noise
	}
}

// parseJobJSON reads JSON Resume's job schema.
func parseJobJSON(text string) (*JobDescription, error) {
	var j struct {
		Title            string   `json:"title"`
		Description      string   `json:"description"`
		Experience       string   `json:"experience"`
		Responsibilities []string `json:"responsibilities"`
		Qualifications   []string `json:"qualifications"`
		Skills           []struct {
			Name     string   `json:"name"`
			Keywords []string `json:"keywords"`
		} `json:"skills"`
	}
	if err := json.Unmarshal([]byte(text), &j); err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "job description JSON is malformed")
	}
	jd := &JobDescription{Title: j.Title}
	for _, r := range j.Responsibilities {
		jd.add(r, "resp")
	}
	for _, q := range j.Qualifications {
		jd.add(q, "must")
	}
	for _, s := range j.Skills {
		if s.Name != "" {
			jd.add("Experience with "+s.Name+" ("+strings.Join(s.Keywords, ", ")+")", "must")
		}
	}
	if len(jd.Requirements) == 0 && j.Description != "" {
		jd.add(j.Description, "resp")
	}
	jd.finish()
	if j.Experience != "" && jd.Seniority == "" {
		jd.Seniority = strings.ToLower(j.Experience)
	}
	if len(jd.Requirements) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "job description has no responsibilities, qualifications or skills")
	}
	return jd, nil
}

func htmlLines(text string) ([]string, error) {
	doc, err := html.Parse(bytes.NewReader([]byte(text)))
	if err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "malformed HTML")
	}
	var lines []string
	var cur strings.Builder
	prefix := ""
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			lines = append(lines, prefix+t, "")
		}
		cur.Reset()
		prefix = ""
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 256 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "head":
				return
			case "h1", "h2", "h3", "h4", "h5", "h6":
				flush()
				prefix = "## "
				defer flush()
			case "li":
				flush()
				prefix = "- "
				defer flush()
			case "p", "div", "br", "ul", "ol", "section":
				flush()
				defer flush()
			}
		}
		if n.Type == html.TextNode {
			cur.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	flush()
	return lines, nil
}
