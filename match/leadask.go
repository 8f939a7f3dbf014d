package match

import (
	"regexp"
	"strings"
)

// A requirement asks for leadership (years counted as "leading") when it
// asks to lead PEOPLE: "leading a team of SREs", "people management",
// "team leadership", "in a leadership role". A lead verb on something
// else ("5+ years managing cloud infrastructure") asks for years of that
// work, counted over the whole career (review 17).

// reLeadNoun names leading people as a noun phrase.
var reLeadNoun = regexp.MustCompile(`(?i)\b(?:people manage(?:r|ment)|line manage(?:r|ment)|managing (?:teams|people|engineers|staff|managers)|leading (?:teams|people|engineers|staff)|direct reports|team lead|engineering manager|supervisory (?:experience|roles?|skills|responsibilit(?:y|ies)|positions?))\b`)

// reLeadership finds "leadership" and the word before it.
var reLeadership = regexp.MustCompile(`(?i)(\w*)\W+leadership\b|^leadership\b`)

// notPeopleLeadership are the words before "leadership" that lead
// something other than people.
var notPeopleLeadership = setOf(`technical tech thought market architectural architecture product cost price senior executive company`)

// asksToLead reports whether a requirement asks to lead people.
func asksToLead(text string) bool {
	if leadsPeople(text) || reLeadNoun.MatchString(text) {
		return true
	}
	for _, m := range reLeadership.FindAllStringSubmatch(text, -1) {
		if !notPeopleLeadership[strings.ToLower(m[1])] {
			return true
		}
	}
	for _, t := range lexTokens(text) {
		if _, ok := ledKey(t); ok && leadGroups[strings.ToLower(t.name)].asks {
			return true // "Team management", "Staff management", "people management"
		}
	}
	return false
}
