package web

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"vitae"
	"vitae/match"
)

// card is a candidate as the search page, the shortlist and the exports
// show them: who, what they do now, how long, and the evidence.
type card struct {
	ResumeID      string
	Name          string // vitae.Resume.DisplayName: the person's name, or latest role · company
	Title         string // current title
	Location      string
	Years         float64 // total years of work
	RelevantYears float64 // years in the roles with matching bullets
	Skills        []string
	Score         float64
	Hits          []vitae.Hit // best first; the page shows 3, the rest expand
	Why           string      // why it matched, in words
	Note          string      // on a shortlist
	Latest        string      // "YYYY-MM" of the latest matching work, "now" when ongoing
}

func nonBlank(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}

// currentTitle is the headline, or the latest role at its company.
func currentTitle(r *vitae.Resume) string {
	if r.Label != "" {
		return r.Label
	}
	if b, ok := r.LatestWork(); ok && b.Role != "" {
		if b.Company != "" {
			return b.Role + " at " + b.Company
		}
		return b.Role
	}
	return ""
}

// topSkills are the résumé's listed skills, else the skills its bullets
// mention most; wanted ones first.
func topSkills(r *vitae.Resume, wanted []string, n int) []string {
	skills := r.Skills
	if len(skills) == 0 {
		count := map[string]int{}
		for _, b := range r.Bullets {
			for _, s := range b.Skills {
				count[s]++
			}
		}
		for s := range count {
			skills = append(skills, s)
		}
		sort.Slice(skills, func(a, b int) bool {
			if count[skills[a]] != count[skills[b]] {
				return count[skills[a]] > count[skills[b]]
			}
			return skills[a] < skills[b]
		})
	}
	out := []string{}
	for _, w := range wanted {
		if hasSkill(r, w) {
			out = append(out, canonicalSkill(r, w))
		}
	}
	for _, s := range skills {
		if len(out) >= n {
			break
		}
		if !containsFold(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// hasSkill: the résumé lists the skill or one of its bullets mentions it.
func hasSkill(r *vitae.Resume, s string) bool {
	return canonicalSkill(r, s) != ""
}

func canonicalSkill(r *vitae.Resume, s string) string {
	for _, x := range r.Skills {
		if strings.EqualFold(x, s) {
			return x
		}
	}
	for _, b := range r.Bullets {
		for _, x := range b.Skills {
			if strings.EqualFold(x, s) {
				return x
			}
		}
	}
	return ""
}

// newCard builds the card of r with its matching hits (best first).
func newCard(r *vitae.Resume, hits []vitae.Hit, score float64, query string, wanted []string, now time.Time) card {
	c := card{ResumeID: r.ID, Name: r.DisplayName(), Title: currentTitle(r), Location: r.Location, Score: score, Hits: hits,
		Years: round1(match.YearsOfExperience(r.Bullets, now)), Skills: topSkills(r, wanted, 6)}
	roles := map[[2]string]bool{}
	for _, h := range hits {
		roles[[2]string{h.Company, h.Role}] = true
		if r := vitae.PeriodOf(h.Bullet).Recency(); h.Section == vitae.SectionWork && r > c.Latest {
			c.Latest = r
		}
	}
	var inRoles []vitae.Bullet
	for _, b := range r.Bullets {
		if roles[[2]string{b.Company, b.Role}] {
			inRoles = append(inRoles, b)
		}
	}
	c.RelevantYears = round1(match.YearsOfExperience(inRoles, now))
	c.Why = whyMatched(query, hits)
	return c
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

// queryWords are the words of a query worth matching: letters and digits,
// stop words dropped.
func queryWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '#' && r != '.' && r != '/'
	}) {
		w = strings.Trim(w, "./")
		if w != "" && !stopWords[w] && !containsFold(out, w) {
			out = append(out, w)
		}
	}
	return out
}

var stopWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true, "on": true,
	"for": true, "to": true, "with": true, "at": true, "by": true, "from": true, "as": true, "is": true, "was": true, "who": true}

// sameWord: w and a matched term share a stem (the index stems, so
// "led" may come back as "lead" and "teams" as "team").
func sameWord(w, term string) bool {
	w, term = strings.ToLower(w), strings.ToLower(term)
	if w == term {
		return true
	}
	n := min(len(w), len(term), 4)
	return n >= 3 && w[:n] == term[:n]
}

// whyMatched says in words why hits matched query: the query words found
// in them, and whether by keyword, by similar meaning or both.
func whyMatched(query string, hits []vitae.Hit) string {
	words := queryWords(query)
	var found []string
	keyword, meaning := false, false
	for _, h := range hits {
		for _, w := range words {
			for _, t := range h.MatchedTerms {
				if sameWord(w, t) && !containsFold(found, w) {
					found = append(found, w)
				}
			}
		}
		if h.Details != nil {
			keyword = keyword || h.Details.KeywordRank > 0
			meaning = meaning || h.Details.VectorRank > 0
		} else if len(h.MatchedTerms) > 0 {
			keyword = true
		}
	}
	var parts []string
	if len(found) > 0 {
		// keep the query's order
		var ordered []string
		for _, w := range words {
			if containsFold(found, w) {
				ordered = append(ordered, "“"+w+"”")
			}
		}
		parts = append(parts, "matches "+strings.Join(ordered, ", "))
		if len(words) > 1 {
			parts = append(parts, fmt.Sprintf("%d of %d query words", len(found), len(words)))
		}
	}
	switch {
	case keyword && meaning:
		parts = append(parts, "keyword match and similar meaning")
	case keyword:
		parts = append(parts, "keyword match")
	case meaning:
		parts = append(parts, "similar meaning, no shared words")
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, " · ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// hitWhy is whyMatched for one hit.
func hitWhy(query string, h vitae.Hit) string { return whyMatched(query, []vitae.Hit{h}) }

// Best are the three hits a card shows; More the rest, behind a toggle.
func (c card) Best() []vitae.Hit { return c.Hits[:min(3, len(c.Hits))] }

func (c card) More() []vitae.Hit { return c.Hits[min(3, len(c.Hits)):] }
