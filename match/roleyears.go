package match

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"vitae"
)

// Years and leading read by the role a requirement names (issue 14):
// "5+ years product management experience" counts the years of roles
// whose title is of the product management family, not the whole
// career; a requirement to lead people is met by a dated leadership
// role of the family it names ("Engineering Manager, Infrastructure
// Engineering" for "leading a team of SREs or DevOps engineers").

// rolesOf is the lexicon role families a text names.
func (z *analyzer) rolesOf(text string) map[string]bool {
	var out map[string]bool
	toks := z.tokens(text)
	lower := ""
	for i, t := range toks {
		if t.kind != "role" {
			continue
		}
		if out == nil {
			out = map[string]bool{}
		}
		name := t.name
		if i > 0 && t.span > 0 && toks[i-1].kind == "skill" && toks[i-1].span != t.span && (i+1 == len(toks) || toks[i+1].span != t.span) {
			// A role word after a skill phrase whose last word makes a role
			// with it: "group fitness instructor" is a fitness instructor,
			// not a teacher, though "group fitness" was read as the skill.
			if lower == "" {
				lower = strings.ToLower(text)
			}
			pair := toks[i-1].word + " " + t.word
			if g, ok := z.lex.Lookup(pair); ok && g.Kind == "role" && strings.Contains(lower, pair) {
				name = g.Canonical
			}
		}
		out[name] = true
	}
	return out
}

// anyOf reports whether a and b share a key.
func anyOf(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// roleYears is the years and roles (rolesWhere) of the work roles whose
// title names one of the families.
func (z *analyzer) roleYears(bullets []vitae.Bullet, now time.Time, families map[string]bool) (float64, []string) {
	names := perTitle(func(title string) bool { return anyOf(z.rolesOf(title), families) })
	return rolesWhere(bullets, now, func(b vitae.Bullet) bool { return names(b.Role) })
}

// perTitle remembers test's answer for each role title: a role's bullets
// share its title, and reading a title costs more than a map lookup.
func perTitle(test func(title string) bool) func(title string) bool {
	seen := map[string]bool{}
	return func(title string) bool {
		ok, read := seen[title]
		if !read {
			ok = test(title)
			seen[title] = ok
		}
		return ok
	}
}

// managementFamilies are the role families that name leading people
// itself, not a field: "team lead" asks for a leader, not for a title of
// the family, and an "Engineering Manager" leads engineers of any field.
var managementFamilies = map[string]bool{"Engineering Management": true}

// fieldsOf is families without the management ones: the fields a
// leadership requirement names ("backend engineers"), none for "team lead".
func fieldsOf(families map[string]bool) map[string]bool {
	var out map[string]bool
	for f := range families {
		if !managementFamilies[f] {
			if out == nil {
				out = map[string]bool{}
			}
			out[f] = true
		}
	}
	return out
}

// leadYearsOf is the years and roles of leading people in roles of the
// families (fields) a requirement names (a Marketing Manager has no years
// leading SREs): a role whose title or leading bullet names one of them,
// or a people-leading title that names no other field ("Engineering
// Manager"), and whose title or a bullet leads people (leadRole's test).
func (z *analyzer) leadYearsOf(bullets []vitae.Bullet, now time.Time, families map[string]bool) (float64, []string) {
	leader := perTitle(func(role string) bool {
		title := z.rolesOf(role)
		return peopleTitle(role) && (anyOf(title, families) || len(fieldsOf(title)) == 0)
	})
	return rolesWhere(bullets, now, func(b vitae.Bullet) bool {
		leads := z.bullet(b.Text).leads && !onlyMentors(b.Text)
		return leader(b.Role) || leads && (anyOf(z.rolesOf(b.Role), families) || anyOf(z.rolesOf(b.Text), families))
	})
}

// rolesWhere merges the periods of the dated work roles one of whose
// bullets keep passes and returns their length in years and the roles,
// as "Role, Company (start–end)".
func rolesWhere(bullets []vitae.Bullet, now time.Time, keep func(b vitae.Bullet) bool) (float64, []string) {
	var in []vitae.Bullet
	seen := map[vitae.Period]bool{}
	var roles []string
	for _, b := range bullets {
		p := vitae.PeriodOf(b)
		if b.Section != vitae.SectionWork || p.Start == "" || seen[p] || !keep(b) {
			continue
		}
		seen[p] = true
		in = append(in, b)
		end := b.End
		if end == "" {
			end = "now"
		}
		roles = append(roles, strings.TrimSpace(b.Role+", "+b.Company)+" ("+b.Start+"–"+end+")")
	}
	return YearsOfExperience(in, now), roles
}

// leadRole is, for a requirement to lead people of the role families it
// names, a candidate's most recent dated role whose title leads people
// (reLeadTitle and peopleTitle: "Lead Data Engineer" is a level, not a
// team led) and is of one of those families, as strong evidence
// whose text is the role, or whose title manages people and names no
// other field ("Engineering Manager" for "leading a team of SREs", as
// leadYearsOf counts its years) as partial; for a requirement to lead
// people that names no family ("Experience leading a team", "people
// management"), a dated role whose title leads people ("Engineering
// Manager") as partial evidence: the title says they led, no bullet
// shows it. Nil for none.
func (s scorer) leadRole(ri int, bullets []vitae.Bullet) *Evidence {
	want := s.reqs[ri].roles
	if len(want) > 0 && !s.reqs[ri].people || len(want) == 0 && !s.reqs[ri].leadsOnly() {
		return nil
	}
	level, credit := Strong, s.w.StrongCredit
	if len(want) == 0 {
		level, credit = Partial, s.w.PartialCredit
	}
	var best *Evidence
	for _, b := range bullets {
		p := vitae.PeriodOf(b)
		if b.Section != vitae.SectionWork || p.Start == "" || b.Role == "" ||
			!reLeadTitle.MatchString(b.Role) || reNotPeopleLead.MatchString(b.Role) {
			continue
		}
		level, credit := level, credit
		if len(want) > 0 && !anyOf(s.z.rolesOf(b.Role), want) {
			if !managesPeople(b.Role) || len(fieldsOf(s.z.rolesOf(b.Role))) > 0 {
				continue // "Marketing Manager" led no SREs
			}
			level, credit = Partial, s.w.PartialCredit // "Engineering Manager": people of some field were led
		}
		if !peopleTitle(b.Role) {
			// "Lead Data Engineer" names a level, not people led: shown
			// alone it read as strong evidence for "Lead, mentor and grow
			// a team of data engineers". Its bullets are the evidence,
			// each graded as it reads (best).
			continue
		}
		if level == Partial && !managesPeople(b.Role) {
			continue // "Project Manager", "Founder": the title alone says no one was led
		}
		rec := 1 - s.w.Recency*(1-recency(p, s.w.RecencyHalfLife, s.now))
		if best != nil && rec*credit <= best.Credit {
			continue
		}
		best = &Evidence{Text: b.Role, Highlight: highlight(b.Role, nil), Company: b.Company, Role: b.Role, Start: b.Start, End: b.End,
			Level: level.String(), Score: 1, Recency: round3(rec), Credit: round3(credit * rec)}
	}
	return best
}

// reNotManagingPeople marks titles with a leader's word whose holder
// manages work, a place or a company rather than people: the title alone
// is no evidence for a requirement to lead people (leadRole's partial).
// "Engineering Manager", "Head of Data", "Team Lead", "Nursing
// Supervisor" still are.
var reNotManagingPeople = regexp.MustCompile(`(?i)\b(?:project|program|programme|release|delivery|office|community|events?|social media|content|brand|campaign|case|property|portfolio)\s+(?:manager|lead|leader)\b|\b(?:co-?founder|founder|owner)\b`)

// managesPeople reports whether a leader's title still leads people
// without the kinds that manage work, a place or a company
// (reNotManagingPeople): "Founder & Head of Engineering" does, "Project
// Manager" and "Founder" do not.
func managesPeople(role string) bool {
	return peopleTitle(reNotManagingPeople.ReplaceAllString(role, ""))

}

// reMentorOnly and reLeadsPeople tell a bullet that only mentors, coaches
// or hires ("Mentored application developers", "Helped hire three SREs")
// from one that leads: the first is what senior individual contributors
// do, and alone it does not make their role a leadership role.
var (
	reMentorOnly  = regexp.MustCompile(`(?i)\b(?:mentor\w*|coach\w*|hir(?:e|ed|es|ing)|interview\w*|onboard\w*|train(?:ed|ing|s)?)\b`)
	reLeadsPeople = regexp.MustCompile(`(?i)\b(?:led|lead|leads|leading|manag\w+|supervis\w+|head(?:ed|s|ing)?|direct(?:ed|s|ing)?|oversaw|oversee\w*|built (?:a|the) team|grew (?:a|the) team)\b`)
)

// onlyMentors reports whether a bullet that leadsPeople reads as leading
// does so only by mentoring or hiring (reMentorOnly): it counts toward a
// role's leadership years no more than its title does.
func onlyMentors(text string) bool {
	return reMentorOnly.MatchString(text) && !reLeadsPeople.MatchString(text)
}

// sortedKeys is a set's members in order: one answer for every run.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Note says the years the score counted for a requirement: "2.5 of 5
// years leading DevOps / SRE", "2.1 of 5 years of Kubernetes", "7.0 of 5
// years in all". Evidence rows carry it beside their level, so that
// "strong" is not read as the years met, and a candidate's years line
// says it in place of career years.
func (y YearsCheck) Note() string {
	have := strconv.FormatFloat(y.Have, 'f', 1, 64) + " of " + strconv.FormatFloat(y.Asked, 'f', -1, 64) + " years"
	if y.Unknown {
		return "years unknown: no role is dated (" + strconv.FormatFloat(y.Asked, 'f', -1, 64) + " asked)"
	}
	switch {
	case y.Kind == "leadership" && len(y.Fields) > 0:
		return have + " leading " + strings.Join(y.Fields, "/")
	case y.Kind == "leadership":
		return have + " leading"
	case y.Kind == "role":
		return have + " in such roles"
	case y.Kind == "skill" && y.Have == 0:
		return have + " of " + strings.Join(y.Skills, "/") + ": no dated role shows it"
	case y.Kind == "skill":
		return have + " of " + strings.Join(y.Skills, "/")
	}
	return have + " in all"
}

// UnknownYears says, once, that the years of checks are not known (no
// role of the candidate is dated), with the years each asked: "years
// unknown: no role is dated (2, 5 asked)".
func UnknownYears(checks []YearsCheck) string {
	var asked []string
	for _, y := range checks {
		if a := strconv.FormatFloat(y.Asked, 'f', -1, 64); !slices.Contains(asked, a) {
			asked = append(asked, a)
		}
	}
	return "years unknown: no role is dated (" + strings.Join(asked, ", ") + " asked)"
}

// orLeadRole is ev, or the candidate's leadership role of the family a
// requirement to lead people names when it earns more (leadRole).
func (s scorer) orLeadRole(ri int, bullets []vitae.Bullet, ev *Evidence) *Evidence {
	lr := s.leadRole(ri, bullets)
	if lr == nil || ev != nil && ev.Credit >= lr.Credit {
		return ev
	}
	rq := s.jd.Requirements[ri]
	lr.Requirement, lr.RequirementIndex, lr.MustHave = rq.Text, ri, rq.MustHave
	lr.Plain = "strong evidence: they led people in a role of this kind"
	if lr.Level != Strong.String() {
		lr.Plain = "partial evidence: a role title says they led people, no bullet shows it"
	}
	return lr
}

// noteYears writes a years requirement's years on its evidence, if any.
func noteYears(matched []Evidence, ri int, note string) {
	for i := range matched {
		if matched[i].RequirementIndex == ri {
			matched[i].Years = note
		}
	}
}

// neverHeld makes strong evidence for a requirement of years in a role
// (ri) partial when no dated role of the candidate is of that kind: "Led
// UX efforts" shows the work, not the "4+ years as a product designer"
// asked (tryout). It returns the credit it took off and counts the
// strong no more in cov.
func neverHeld(matched []Evidence, ri int, partial float64, cov *Coverage, must bool) float64 {
	for i := range matched {
		e := &matched[i]
		if e.RequirementIndex != ri || e.Level != Strong.String() {
			continue
		}
		lost := e.Credit - partial*e.Recency
		if lost <= 0 {
			return 0
		}
		e.Level, e.Credit = Partial.String(), round3(partial*e.Recency)
		e.Plain = "partial evidence: the work is shown, no role of this kind is held"
		cov.Strong--
		if must {
			cov.MustStrong--
		} else {
			cov.NiceStrong--
		}
		return lost
	}
	return 0
}

// capYears caps the credit of the evidence for requirement ri at the
// years fit (Options.YearsCap) and returns the credit it took off.
func capYears(matched []Evidence, ri int, fit float64) float64 {
	for i := range matched {
		if e := &matched[i]; e.RequirementIndex == ri && fit < 1 {
			lost := e.Credit * (1 - fit)
			e.Credit = round3(e.Credit * fit)
			return lost
		}
	}
	return 0
}

// peopleTitle reports whether a role title says its holder leads people:
// a manager, head, director, … or a "Team Lead". "Lead" before a role
// word is a level ("Lead DevOps Engineer", roletitle.go), not a team.
func peopleTitle(role string) bool {
	if reNotPeopleLead.MatchString(role) {
		return false
	}
	for _, m := range reLeadTitle.FindAllStringIndex(role, -1) {
		if !strings.EqualFold(role[m[0]:m[1]], "lead") {
			return true
		}
		if rest := strings.TrimLeft(role[m[1]:], " \t"); rest == "" || !unicode.IsLetter(rune(rest[0])) {
			return true // "Team Lead", "Tech Lead, Platform"
		}
	}
	return false
}
