package match

import (
	"regexp"
	"strings"

	"vitae/index"
)

// A JD title names a role, often with more around it: an employer after
// a dash ("Senior Analytics Engineer — The LEGO Group"), a team after a
// comma or in parentheses ("Data Engineer, Traveler Data Engineering";
// "Software Engineering Manager (Marketing Campaigns)"), a marker
// ("(m/w/d)"), other names of the role in parentheses ("Site Reliability
// Engineer (Devops/SRE)"), and a level (senior, staff). Role fit compares
// role titles with the role alone: a candidate who was a marketing
// manager does not fit an engineering manager's job by the team's name,
// a DevOps engineer fits "(Devops/SRE)" as the title says, and a senior
// software engineer fits a senior analytics engineer's job no better than
// a data engineer does because both titles say "senior".

// reTitleTail cuts a title at the first employer, team or location part,
// when a role of two words or more comes before it.
var reTitleTail = regexp.MustCompile(`\s+[—–-]\s+|\s+\|\s+|,\s+|\s+@\s+`)

// reParens finds a title's parenthesised parts.
var reParens = regexp.MustCompile(`\(([^()]*)\)`)

// levelWords say how senior a role is, not which role it is; the years a
// JD asks for check the level. "Lead" is one too: a "Data Engineering
// Lead" is a data engineer who leads, a "Lead Data Scientist" a senior
// data scientist; who leads people is read from dated roles
// (experience.go), not from the title's words.
var levelWords = []string{"senior", "sr", "junior", "jr", "staff", "principal", "lead", "mid", "level", "entry"}

// levelTerms are levelWords as the index analyses them.
var levelTerms = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range levelWords {
		for _, t := range index.Terms(w) {
			m[t] = true
		}
	}
	return m
}()

// titleParts splits a JD title into the role it names (without the
// parenthesised parts, and cut at an employer, team or location when a
// role of two words or more comes before it) and the other names of the
// role a parenthesised slash list gives.
func titleParts(title string) (main string, others []string) {
	for _, m := range reParens.FindAllStringSubmatch(title, -1) {
		items := strings.Split(m[1], "/")
		if len(items) < 2 || isMarker(items) {
			continue // a team or a note, not another name of the role
		}
		where := isWorkPlace(items)
		for _, it := range items {
			if where && !namesRole(it) {
				continue // "Remote-first", "EU", "Berlin": where, not who
			}
			if len(roleTerms(it)) > 0 {
				others = append(others, strings.TrimSpace(it))
			}
		}
	}
	main = reParens.ReplaceAllString(title, " ")
	// "Director, Product Management" inverts the title: a head of one
	// word before the comma is not the whole role.
	if loc := reTitleTail.FindStringIndex(main); loc != nil && len(cutTerms(main[:loc[0]])) >= 2 {
		main = main[:loc[0]]
	}
	return strings.TrimSpace(main), others
}

// roleTitles returns the role a JD title names, as index terms, and its
// other names given in parentheses as a slash-separated list, each as
// terms; level words are left out. A title that is only level words keeps
// them.
func roleTitles(title string) [][]string {
	main, others := titleParts(title)
	var alts [][]string
	for _, o := range others {
		alts = append(alts, roleTerms(o))
	}
	ts := mainTerms(main)
	if len(ts) == 0 {
		ts = dedupe(index.Terms(main))
	}
	if len(ts) == 0 && len(alts) == 0 {
		ts = dedupe(index.Terms(title))
	}
	if len(ts) > 0 {
		alts = append([][]string{ts}, alts...)
	}
	return alts
}

// roleTitleTexts is roleTitles as texts, for the embedding model: the
// role without its level words ("Analytics Engineer" of "Senior
// Analytics Engineer — The LEGO Group"), then its other names.
func roleTitleTexts(title string) []string {
	main, others := titleParts(title)
	var words []string
	fields := strings.Fields(main)
	for _, w := range fields {
		if ts := index.Terms(w); len(ts) == 0 || !levelTerms[ts[0]] || len(ts) > 1 {
			words = append(words, w)
		}
	}
	if len(words) == 1 && endsInLead(main) {
		words = append(words, fields[len(fields)-1]) // "Tech Lead", not "Tech"
	}
	if len(words) > 0 {
		main = strings.Join(words, " ")
	}
	var out []string
	if main != "" {
		out = append(out, main)
	}
	out = append(out, others...)
	if len(out) == 0 && strings.TrimSpace(title) != "" {
		out = append(out, strings.TrimSpace(title))
	}
	return out
}

// roleTerms is s's index terms without level words, grades, ids and
// work places.
func roleTerms(s string) []string {
	var out []string
	for _, t := range dedupe(index.Terms(roleText(s))) {
		if !levelTerms[t] && !notRoleWord(t) {
			out = append(out, t)
		}
	}
	return out
}

// leadTerm is "lead" as the index analyses it.
var leadTerm = index.Terms("lead")[0]

// cutTerms is s's index terms without level words other than "lead": a
// role of one word and "Lead" before an employer or team ("Team Lead —
// Helmes") is a role of two, not a one-word head to keep the rest for.
func cutTerms(s string) []string {
	var out []string
	for _, t := range dedupe(index.Terms(roleText(s))) {
		if (!levelTerms[t] || t == leadTerm) && !notRoleWord(t) {
			out = append(out, t)
		}
	}
	return out
}

// A role that IS a lead ("Tech Lead", "Team Lead", "QA Lead") is not
// its first word: a "Team Assistant" is no team lead. "Lead" is a level
// only when a role of two words or more is left without it ("Data
// Engineering Lead").

// mainTerms is roleTerms of a title's main part, keeping a last "lead"
// when fewer than two role terms remain without it.
func mainTerms(main string) []string {
	ts := roleTerms(main)
	if len(ts) == 1 && endsInLead(main) {
		ts = append(ts, leadTerm)
	}
	return ts
}

// endsInLead reports a text whose last index term is "lead".
func endsInLead(s string) bool {
	ts := index.Terms(s)
	return len(ts) > 0 && ts[len(ts)-1] == leadTerm
}

// isMarker reports a slash list of single letters: "(m/w/d)", "(f/m/x)".
func isMarker(items []string) bool {
	for _, it := range items {
		if len([]rune(strings.TrimSpace(it))) > 1 {
			return false
		}
	}
	return true
}

// reWorkPlace is a slash list's item that says where or how the work
// is: a work mode ("Remote-first", "On site", "WFH", "Contract") or a
// region ("EU", "EMEA").
var reWorkPlace = regexp.MustCompile(`(?i)^(?:(?:remote|hybrid|on[- ]?site|in[- ]?office|wfh|work from home|flexible|contract|freelance|full[- ]?time|part[- ]?time|permanent|temporary)\b|(?:eu|us|usa|uk|emea|apac|latam|amer|americas|europe|asia|worldwide|global|anywhere)$)`)

// isWorkPlace reports a slash list with an item that says where or how
// the work is: "(Remote/EU)" names a region beside it, "(On site/Berlin)"
// a city.
func isWorkPlace(items []string) bool {
	for _, it := range items {
		if reWorkPlace.MatchString(strings.TrimSpace(it)) {
			return true
		}
	}
	return false
}

// namesRole reports an item of a list that says where the work is which
// names a role nonetheless: a short or long name ("SRE", "DevOps") or a
// role's head noun ("Platform Engineer"). The other items there are
// places or modes of work: "Berlin", "Flexible", "New York".
func namesRole(item string) bool {
	if reWorkPlace.MatchString(strings.TrimSpace(item)) {
		return false
	}
	terms := index.Terms(item)
	if add, _ := nameTerms(item, terms); add != nil {
		return true
	}
	for _, t := range terms {
		if roleHeadTerms[t] && !connectives[t] {
			return true
		}
	}
	return false
}
