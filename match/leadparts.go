package match

import "strings"

// A generic requirement to lead ("Experience leading a team", "Team
// leadership experience", "people management", "Managed a team") names
// leading people in words a bullet that leads people seldom repeats:
// "Led a team of 5 engineers" says no "leadership" and no "management",
// and the lexicon reads "leading a team" as one verb phrase that
// swallows the team, so the requirement kept no part at all and nothing
// could meet it. Two readings mend it:
//
//   - the team a requirement's lead phrase swallows is one of its parts
//     (swallowedTeam), as leadTeam gives it back to a bullet;
//   - in a requirement that asks to lead people (asksToLead), the parts
//     that name leading people — the team concept, people management,
//     leadership — and the lead act are met by a bullet that leads people
//     (leadsPeople), whatever its words (reqParts.led).
//
// The team of such a requirement is the team led: a bullet that leads no
// one does not meet it by naming a team ("Managed team schedules", "Built
// the team wiki", "Worked on a team of 6"). People management and
// leadership it meets by its words as well; for a requirement whose own
// words lead people ("leading a team of SREs") it is never strong
// (mayBeStrong). A bullet that leads people also shows two parts, the
// act and the people led, so a requirement that asks for more beside
// leading is met in part, not dismissed as one word of many
// (judgeParts); a leadership title is partial for a requirement that
// asks for leading alone (leadsOnly, leadRole).

// leadGroups are the lexicon groups (canonical names) that name leading
// people in a requirement that asks for it, each true when only a bullet
// that leads people meets it (the team led).
var leadGroups = map[string]bool{"team": true, "people management": false, "People Management": false, "leadership skills": false,
	"Engineering Management": false} // "team lead", "engineering manager" as a role asked

// ledKeys is leadGroups by the keys the analyzer gives them (the strict
// rules fold a group's case).
func (z *analyzer) ledKeys() map[string]bool {
	out := make(map[string]bool, len(leadGroups))
	for g, only := range leadGroups {
		if z.strict {
			g = strings.ToLower(g)
		}
		out["g:"+g] = only
	}
	return out
}

// teamWord reports whether a word is "team" or "teams".
func teamWord(w string) bool { return w == "team" || w == "teams" }

// swallowedTeam is the team concept's token for the team word of a lead
// verb's phrase ("leading a team", "managed the team"), which the phrase
// reads as its act; ok is false for any other token.
func (z *analyzer) swallowedTeam(t token) (token, bool) {
	if t.kind != "verb" || t.key != "lead" || !teamWord(t.word) {
		return token{}, false
	}
	ts := z.tokens(t.word)
	if len(ts) != 1 || ts[0].kind != "concept" {
		return token{}, false
	}
	return ts[0], true
}

// ledBy reports whether a bullet carries key for requirement r: it leads
// people and key names leading people in a requirement that asks for it,
// or it writes key and key is not the team led.
func ledBy(r *reqParts, b *textParts, key string) bool {
	only, lead := r.led[key]
	return lead && b.leads || b.keys[key] && !only
}

// leadShown reports whether a bullet shows the lead act a requirement to
// lead people asks for by leading people without a lead verb ("Ran a
// team of 8", the lexicon's people management phrase).
func leadShown(r *reqParts, b *textParts, action string) bool {
	return action == "lead" && b.leads && r.led != nil
}

// ledSkill is the skill of a requirement to lead people that names
// leading people ("people management") when a bullet leads people
// without naming it.
func ledSkill(r *reqParts, b *textParts) (string, bool) {
	if !b.leads {
		return "", false
	}
	for k := range r.skills {
		if _, ok := r.led[k]; ok {
			return k, true
		}
	}
	return "", false
}

// leadsOnly reports whether a requirement to lead people asks for
// nothing but leading ("Experience leading a team", "people management"),
// not for leading people of a kind ("Supervised nurses") or work beside
// it: a leadership title alone is partial evidence for it (leadRole).
func (r *reqParts) leadsOnly() bool {
	if r.led == nil {
		return false
	}
	for k := range r.skills {
		if _, ok := r.led[k]; !ok {
			return false
		}
	}
	for _, u := range r.objects {
		if _, ok := r.led[u.key]; !ok && u.weight >= 1 {
			return false
		}
	}
	return true
}
