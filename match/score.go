package match

import (
	"html"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"vitae"
	"vitae/lexicon"
)

// scorer turns one résumé into a ranked Candidate for a parsed JD; the
// formula is docs/matching.md §2.
type scorer struct {
	jd       *JobDescription
	reqs     []*reqParts
	w        Weights
	z        *analyzer
	now      time.Time
	levels   bool      // false: the raw evidence score is the credit (ablation)
	gate     *gate     // the strict rules' strong checks (Options.StrongGate); nil: none
	roleCore []bool    // each requirement names a word of the JD's role (rolecore.go); nil: none
	role     roleScore // the résumé being scored's (candidate)
	// yearsCap caps a years requirement's credit at its years fit
	// (Options.YearsCap).
	yearsCap    bool
	careerYears bool // total years for a requirement naming a role (Options.CareerYears)
}

// candidate grades every bullet of r against every requirement and
// scores the best evidence per requirement; ok is false when r shows
// nothing the JD asks for.
func (s scorer) candidate(r *vitae.Resume, role roleScore) (Candidate, bool) {
	roleFit := role.fit
	s.role = role
	c := Candidate{ResumeID: r.ID, Person: r.DisplayName(), Matched: []Evidence{}, Missing: []string{}}
	bullets := withTitles(r)
	parts := make([]*textParts, len(bullets))
	for i, b := range bullets {
		parts[i] = s.z.bullet(b.Text)
	}
	inList := s.skillsList(r)
	pre, buf := s.sensed(bullets, parts)
	if buf != nil {
		defer gradeBufs.Put(buf)
	}
	var sum, wsum float64
	weights := make([]float64, len(s.jd.Requirements))
	for ri, req := range s.jd.Requirements {
		weight := s.weight(ri)
		c.Coverage.Total++
		if req.MustHave {
			c.Coverage.MustTotal++
		} else {
			c.Coverage.NiceTotal++
		}
		wsum += weight
		weights[ri] = weight
		var grades []grade
		if pre != nil {
			grades = pre[ri]
		}
		ev := s.orLeadRole(ri, r.Bullets, s.best(ri, bullets, parts, grades, inList))
		if ev == nil {
			c.Missing = append(c.Missing, req.Text)
			continue
		}
		sum += weight * ev.Credit
		c.Coverage.Met++
		strong := ev.Level == Strong.String()
		if strong {
			c.Coverage.Strong++
		}
		if req.MustHave {
			c.Coverage.MustMet++
			c.Coverage.MustStrong += b2i(strong)
		} else {
			c.Coverage.NiceMet++
			c.Coverage.NiceStrong += b2i(strong)
		}
		c.Matched = append(c.Matched, *ev)
	}
	if c.Coverage.Met == 0 {
		return c, false
	}
	c.YearsExperience = round3(YearsOfExperience(r.Bullets, s.now))
	lead, roles := leadershipYears(r.Bullets, s.now, func(text string) bool { return s.z.bullet(text).leads })
	c.LeadershipYears = round3(lead)
	ex := Explain{Evidence: round3(sum / wsum), RoleFit: round3(roleFit), RoleWords: round3(role.words), RoleWordsShare: round3(role.share), RoleSense: round3(role.sense), TitleSearch: round3(role.search),
		RoleUnknown: role.unknown, YearsFit: 1, MustEvident: c.Coverage.MustMet > 0}
	dated := hasDatedWork(r.Bullets)
	for ri, req := range s.jd.Requirements {
		if req.Years <= 0 {
			continue
		}
		y := YearsCheck{Requirement: req.Text, Asked: req.Years, Have: c.YearsExperience, Kind: "total"}
		if fam := fieldsOf(s.reqs[ri].roles); req.Leadership && len(fam) > 0 {
			have, in := s.z.leadYearsOf(r.Bullets, s.now, fam) // leading people of the fields named
			y.Kind, y.Have, y.Roles, y.Fields = "leadership", round3(have), in, sortedKeys(fam)
		} else if req.Leadership {
			y.Kind, y.Have, y.Roles = "leadership", c.LeadershipYears, roles
		} else if fam := s.z.namedRoles(req.Text); len(fam) > 0 && !s.careerYears {
			have, in := s.z.roleYears(r.Bullets, s.now, fam) // years of the role asked, not the career (roleyears.go)
			y.Kind, y.Have, y.Roles = "role", round3(have), in
		} else if sk := s.reqs[ri].yearsOf; len(sk) > 0 && !s.careerYears {
			have, in := s.z.skillYears(r.Bullets, s.now, sk) // years of the skill asked (skillyears.go)
			y.Kind, y.Have, y.Roles, y.Skills = "skill", round3(have), in, s.reqs[ri].yearsNames
		}
		checks := []YearsCheck{y}
		if req.TotalYears > 0 {
			// "10+ years …, with 3-5 years leading": the career's years too.
			checks = append(checks, YearsCheck{Requirement: req.Text, Asked: req.TotalYears, Have: c.YearsExperience, Kind: "total"})
		}
		fit, notes := 1.0, make([]string, len(checks))
		for i := range checks {
			y := &checks[i]
			y.Fit = round3(math.Min(1, y.Have/y.Asked))
			if !dated {
				// No role has a readable date: the years are not known, not 0.
				y.Unknown, y.Fit = true, unknownYearsFit
			}
			fit, notes[i] = math.Min(fit, y.Fit), y.Note()
		}
		ex.Years = append(ex.Years, checks...)
		ex.YearsFit = math.Min(ex.YearsFit, fit)
		note := strings.Join(notes, ", ")
		if !dated {
			note = UnknownYears(checks) // one note, not one per check
		}
		noteYears(c.Matched, ri, note)
		if dated && y.Kind == "role" && y.Have == 0 {
			sum -= weights[ri] * neverHeld(c.Matched, ri, s.w.PartialCredit, &c.Coverage, req.MustHave)
			ex.Evidence = round3(sum / wsum)
		}
		if s.yearsCap {
			sum -= weights[ri] * capYears(c.Matched, ri, fit)
			ex.Evidence = round3(sum / wsum)
		}
	}
	ex.Bullets = len(r.Bullets)
	ex.Length = round3(lengthFactor(ex.Bullets, s.w))
	ex.Adjustment = round3(adjust(roleFit, ex.YearsFit, s.w) * ex.Length)
	ex.Score = round3(ex.Evidence * ex.Adjustment)
	ex.Formula = formula(ex, s.w)
	c.RoleFit, c.Score, c.Fit, c.Explain = ex.RoleFit, ex.Score, int(math.Round(ex.Score*100)), ex
	return c, true
}

// weight is what requirement ri counts for in the evidence mean: a
// must-have's or a nice-to-have's weight, × Soft when it names no skill,
// tool or role, × the core factor.
func (s scorer) weight(ri int) float64 {
	w := s.w.NiceToHave
	if s.jd.Requirements[ri].MustHave {
		w = s.w.MustHave
	}
	if !s.reqs[ri].specific() {
		w *= s.w.Soft
	}
	return w * s.roleCoreFactor(ri)
}

// best is a candidate's best evidence for requirement ri: the bullet with
// the highest credit, or the skills list (partial) when it names one of
// the requirement's skills and no bullet does better; nil for none.
// grades, when not nil, are the bullets' grades already read (sensed).
func (s scorer) best(ri int, bullets []vitae.Bullet, parts []*textParts, grades []grade, inList map[string]bool) *Evidence {
	req := s.reqs[ri]
	var best *Evidence
	unconfirmed := false // best is a strong the sense check did not confirm
	shown := func(keys []string) bool { return shownElsewhere(keys, parts, inList) }
	for i, b := range bullets {
		var g grade
		if grades != nil {
			g = grades[i]
		} else {
			g = gated(s.gate, ri, req, parts[i], b.Text)
		}
		g = s.z.conjoin(req, parts[i], b.Text, g, shown)
		if req.degree && b.Section == vitae.SectionEducation && g.level == None {
			g = judge(req.field(), parts[i]) // an education entry is study whatever its words ("Computer Science — Stanford")
		}
		if g.level == None {
			continue
		}
		if g.level == Strong && employerNamed(req.names, b.Text, b.Company) {
			// "… derived from Hive thermostat data" at Hive (the company)
			// names the employer, not Apache Hive: partial at most.
			g.level, g.demoted, g.bySense = Partial, false, false
		}
		if b.ID == "" && req.people && !peopleTitle(b.Text) {
			continue // "Site Reliability Engineer" names the field, not a team led (leadRole reads leaders' titles)
		}
		if b.ID == "" && req.act && !req.people {
			continue // a title says the role held, not that the work asked was done ("Agile Developer" for "Implement data quality frameworks")
		}
		rec := 1 - s.w.Recency*(1-recency(vitae.PeriodOf(b), s.w.RecencyHalfLife, s.now))
		credit := s.partialCredit(g.score)
		if s.gate != nil && !g.demoted {
			credit = s.w.PartialCredit // the gate keeps the default rules' flat credit but for a demoted strong
		}
		if g.level == Strong {
			credit = s.w.StrongCredit
		}
		if g.bySense {
			// The sense check says what "strong" may be shown for, not what
			// the evidence is worth: at a lower credit it ranked the
			// training JDs lower (docs/matching.md, "The strong gate,
			// third round: sense").
			credit = s.w.StrongCredit
		}
		if !s.levels {
			credit = g.score
		}
		credit *= rec
		if b.ID != "" {
			credit *= leadCredit(req, parts[i]) // a title here leads people (above)
		}
		if b.ID == "" && (g.level == Strong || g.demoted) {
			credit = s.w.PartialCredit * rec // a title says the role, not what was done in it
		}
		fit := round3(s.fromRole(b))
		credit *= s.roleFactor(fit)
		if best != nil {
			better := credit > best.Credit || credit == best.Credit && g.score > best.Score
			if credit == best.Credit && g.bySense != unconfirmed {
				better = unconfirmed // at one credit, a confirmed strong is shown
			}
			if !better {
				continue
			}
		}
		unconfirmed = g.bySense
		terms := dedupe(g.terms)
		sort.Strings(terms) // the grader walks maps: one order for every answer
		best = &Evidence{BulletID: b.ID, Text: b.Text, Highlight: highlight(b.Text, terms), Terms: terms,
			Company: b.Company, Role: b.Role, Start: b.Start, End: b.End,
			Level: g.level.String(), Score: round3(g.score), Recency: round3(rec), Credit: round3(credit)}
		if s.w.RoleEvidence > 0 {
			f := fit // its own variable: fit would escape to the heap for every bullet
			best.RoleFit = &f
		}
	}
	fit := round3(s.role.fit) // the skills list is no role's: the best role's fit
	listCredit := s.w.PartialCredit * s.roleFactor(fit)
	if req.people {
		listCredit *= leadMiss // a skills list leads no one
	}
	// A skills list names no degree, and leads no one for a requirement
	// that asks for nothing but leading (peopleOnly).
	if !req.degree && !req.ledOnly && (best == nil || best.Level != Strong.String() && !unconfirmed && best.Credit < listCredit) {
		for _, name := range req.names {
			if !inList[strings.ToLower(name)] {
				continue
			}
			if best != nil && best.BulletID != "" {
				// A bullet that shows part of it stays the evidence (a list
				// is a claim, the bullet shows the work); the list's credit,
				// undated, is what it adds.
				best.Credit, best.Listed = round3(listCredit), true
				break
			}
			best = &Evidence{Text: "Skills: " + name, Highlight: "Skills: <mark>" + html.EscapeString(name) + "</mark>",
				Terms: []string{name}, Level: Partial.String(), Score: partialAt, Recency: 1, Credit: round3(listCredit)}
			if s.w.RoleEvidence > 0 {
				f := fit
				best.RoleFit = &f
			}
			break
		}
	}
	if best == nil {
		return nil
	}
	if best.BulletID == "" && best.Level == Strong.String() {
		// A title says the role, not what was done in it: it earns partial
		// credit (above), and is shown so ("Lead Data Engineer" for "Lead,
		// mentor and grow a team of data engineers").
		best.Level = Partial.String()
	}
	rq := s.jd.Requirements[ri]
	best.Requirement, best.RequirementIndex, best.MustHave = rq.Text, ri, rq.MustHave
	best.Plain = plain(best)
	return best
}

// shownElsewhere reports whether a candidate names each of keys in some
// bullet, role title or headline (parts) or in their skills list.
func shownElsewhere(keys []string, parts []*textParts, inList map[string]bool) bool {
	for _, k := range keys {
		if inList[strings.ToLower(strings.TrimPrefix(k, "g:"))] {
			continue
		}
		if !slices.ContainsFunc(parts, func(p *textParts) bool { return p.keys[k] }) {
			return false
		}
	}
	return true
}

// sensed is, with the strong sense check or the learned gate, every
// bullet's grade for every requirement, the model asked once for all the
// bullets the rules call strong (one call per candidate, not one per
// bullet); nil without either. Role titles and the headline (no bullet ID) are not checked: a
// title is partial at the title's credit whatever the model says (best),
// and unchecked it stays strong, so the skills list does not take its
// place and the check moves no ranking.
// The grades' room is buf, from gradeBufs, for the caller to put back.
func (s scorer) sensed(bullets []vitae.Bullet, parts []*textParts) (out [][]grade, buf *[]grade) {
	if s.gate == nil || s.gate.sense == nil && s.gate.learned == nil {
		return nil, nil
	}
	rules := *s.gate
	rules.sense, rules.learned = nil, nil
	buf = gradeBufs.Get().(*[]grade)
	n := len(s.reqs) * len(bullets)
	if cap(*buf) < n {
		*buf = make([]grade, n)
	}
	all := (*buf)[:n]
	out = make([][]grade, len(s.reqs))
	var strong []string
	for ri, req := range s.reqs {
		out[ri] = all[ri*len(bullets) : (ri+1)*len(bullets)]
		for i, b := range bullets {
			out[ri][i] = gated(&rules, ri, req, parts[i], b.Text)
			if out[ri][i].level == Strong && b.ID != "" {
				strong = append(strong, b.Text)
			}
		}
	}
	if s.gate.sense != nil {
		s.gate.sense.embed(strong)
	}
	var places []Place
	if l := s.gate.learned; l != nil {
		l.sense.embed(strong)
		places = placesOf(bullets)
	}
	for ri := range out {
		for i, b := range bullets {
			g := &out[ri][i]
			if g.level != Strong || b.ID == "" {
				continue
			}
			if s.gate.sense != nil && !s.gate.sense.near(ri, b.Text) ||
				s.gate.learned != nil && !s.gate.learned.keeps(ri, s.reqs[ri], *g, parts[i], b.Text, places[i]) {
				g.level, g.demoted, g.bySense = Partial, true, true
			}
		}
	}
	return out, buf
}

// gradeBufs keeps the room of sensed's grades between candidates: a
// match with the check grades every pair of a pool before it scores.
var gradeBufs = sync.Pool{New: func() any { return new([]grade) }}

// partialCredit is the credit of partial evidence of the given score:
// PartialCredit at PartialAt, rising linearly to PartialCreditTop at
// StrongAt. The strict rules call a bullet that fully meets one item of
// a listed requirement partial; at a flat credit it counted no more than
// a bullet sharing one word (docs/matching.md, "Strict evidence as the
// default").
func (s scorer) partialCredit(score float64) float64 {
	span := s.w.StrongAt - s.w.PartialAt
	if span <= 0 {
		return s.w.PartialCredit
	}
	t := math.Max(0, math.Min(1, (score-s.w.PartialAt)/span))
	return s.w.PartialCredit + (s.w.PartialCreditTop-s.w.PartialCredit)*t
}

// withTitles is r's bullets and, as bullets without an ID, its headline
// and each role's title: "Site Reliability Engineer" is partial evidence
// for "a background in SRE".
func withTitles(r *vitae.Resume) []vitae.Bullet {
	out := append([]vitae.Bullet(nil), r.Bullets...)
	seen := map[string]bool{}
	for _, b := range r.Bullets {
		if b.Role != "" && !seen[b.Role] && b.Section == vitae.SectionWork {
			seen[b.Role] = true
			out = append(out, vitae.Bullet{Text: b.Role, Role: b.Role, Company: b.Company, Start: b.Start, End: b.End, Section: b.Section})
		}
	}
	if r.Label != "" && !seen[r.Label] {
		out = append(out, vitae.Bullet{Text: r.Label, Section: vitae.SectionSummary})
	}
	return out
}

// skillsList is the set of skills a résumé's skills list names, as lower-case
// canonical names and words.
func (s scorer) skillsList(r *vitae.Resume) map[string]bool {
	have := map[string]bool{}
	for _, sk := range r.Skills {
		for _, t := range s.z.tokens(sk) {
			if t.key != "" {
				have[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(t.key, "g:"), "w:"))] = true
				have[t.word] = true
			}
		}
	}
	return have
}

// plain says an evidence's level in words for the page.
func plain(e *Evidence) string {
	switch {
	case e.BulletID == "" && strings.HasPrefix(e.Text, "Skills: "):
		return "partial evidence: the skill is in their skills list, no bullet shows it"
	case e.BulletID == "":
		return "partial evidence: a role title says it, no bullet shows it"
	case e.Listed:
		return "partial evidence: this bullet shows part of what the requirement asks, and the skill is in their skills list"
	case e.Level == Strong.String():
		return "strong evidence: this bullet shows what the requirement asks"
	}
	return "partial evidence: this bullet shows part of what the requirement asks"
}

// reLeadTitle marks role titles that lead people.
var reLeadTitle = regexp.MustCompile(`(?i)\b(lead|leader|manager|head|director|vp|vice president|chief|cto|ceo|cio|supervisor|founder|co-founder)\b`)

// reNotPeopleLead marks titles with those words that do not lead people.
var reNotPeopleLead = regexp.MustCompile(`(?i)\b(product manager|account manager|product owner|lead generation)\b`)

// LeadershipYears merges the periods of the roles in which a person led
// people — a title that says so (lead, manager, head, director, …) or a
// bullet that does ("Led a team of five engineers") — and returns their
// length in years and the roles, as "Role, Company (start–end)".
func LeadershipYears(bullets []vitae.Bullet, now time.Time) (float64, []string) {
	return leadershipYears(bullets, now, leadsPeople)
}

// leadershipYears is LeadershipYears with leads in place of leadsPeople
// (a matcher's analyzer remembers it per text).
func leadershipYears(bullets []vitae.Bullet, now time.Time, leads func(text string) bool) (float64, []string) {
	leader := perTitle(peopleTitle)
	return rolesWhere(bullets, now, func(b vitae.Bullet) bool {
		return leader(b.Role) || leads(b.Text) && !onlyMentors(b.Text)
	})
}

func formula(ex Explain, w Weights) string {
	if ex.RoleUnknown {
		return "score " + ftoa(ex.Score) + " = evidence " + ftoa(ex.Evidence) + " × max(0, 1 − " + ftoa(w.RoleFit) + "×(1 − role fit " + ftoa(ex.RoleFit) +
			") − " + ftoa(w.Experience) + "×(1 − years fit " + ftoa(ex.YearsFit) + ")) × length " + ftoa(ex.Length) +
			"; " + lengthFormula(ex.Bullets, w) + "; role fit " + ftoa(unknownRoleFit) + ": the job names no role, so no title is read"
	}
	return "score " + ftoa(ex.Score) + " = evidence " + ftoa(ex.Evidence) + " × max(0, 1 − " + ftoa(w.RoleFit) + "×(1 − role fit " + ftoa(ex.RoleFit) +
		") − " + ftoa(w.Experience) + "×(1 − years fit " + ftoa(ex.YearsFit) + ")) × length " + ftoa(ex.Length) +
		"; " + lengthFormula(ex.Bullets, w) + "; role fit = max(mean(title words " + ftoa(ex.RoleWords) +
		", title sense " + ftoa(ex.RoleSense) + "; weighed " + ftoa(ex.RoleWordsShare) + " : " + ftoa(w.RoleSense) + "), " + ftoa(w.TitleSearch) + "×title search " + ftoa(ex.TitleSearch) + ")"
}

// lengthFormula says how the length factor came about; "length = 1"
// with the reason when it does not apply (no "10 / 0 bullets").
func lengthFormula(bullets int, w Weights) string {
	switch {
	case float64(bullets) <= w.LengthFrom:
		return "length = 1 (" + strconv.Itoa(bullets) + " bullets, at most " + ftoa(w.LengthFrom) + ")"
	case w.Length <= 0 || w.LengthFrom <= 0:
		return "length = 1 (not applied)"
	}
	return "length = min(1, " + ftoa(w.LengthFrom) + " / " + strconv.Itoa(bullets) + " bullets)^" + ftoa(w.Length)
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// employerNamed reports whether a bullet names one of the requirement's
// skills (names, canonical) only with its company's name: at Hive (the
// company) "… derived from Hive thermostat data" names the employer, not
// Apache Hive. The skill must be the company's and no other word of the
// text may name it.
func employerNamed(names []string, text, company string) bool {
	if company == "" || len(names) == 0 {
		return false
	}
	lex := lexicon.Default()
	own := lex.Skills(company)
	if !slices.ContainsFunc(names, func(n string) bool { return slices.Contains(own, n) }) {
		return false
	}
	// Drop the company's name where the text writes it whole ("Go
	// Daddy", not every "Go"), then see whether the rest names the skill.
	name := lexicon.Tokenize(strings.ToLower(company))
	fields := strings.Fields(text)
	bare := make([]string, len(fields))
	for i, w := range fields {
		b := strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		bare[i] = strings.TrimSuffix(strings.TrimSuffix(b, "'s"), "’s") // "Go Daddy's"
	}
	var rest []string
	for i := 0; i < len(fields); i++ {
		if len(name) > 0 && i+len(name) <= len(bare) && slices.Equal(bare[i:i+len(name)], name) {
			i += len(name) - 1
			continue
		}
		rest = append(rest, fields[i])
	}
	other := lex.Skills(strings.Join(rest, " "))
	return !slices.ContainsFunc(names, func(n string) bool { return slices.Contains(other, n) })
}

// MissingNote is what the candidate's years say of a requirement no
// bullet shows (one of Missing): "years met: 4.6 of 2 years in all; no
// bullet shows the rest" when its years are met, else the years counted
// ("0.5 of 5 years leading people"); "" when it asks for no years. One
// requirement may check two ("10+ years …, with 3-5 years leading").
func (c Candidate) MissingNote(requirement string) string {
	var notes []string
	met := true
	for _, y := range c.Explain.Years {
		if y.Requirement != requirement {
			continue
		}
		notes = append(notes, y.Note())
		met = met && !y.Unknown && y.Have >= y.Asked
	}
	switch {
	case len(notes) == 0:
		return ""
	case met:
		return "years met: " + strings.Join(notes, ", ") + "; no bullet shows the rest"
	}
	return strings.Join(notes, ", ")
}
