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
//     (swallowedTeam), as leadTeam gives it back to a bullet, and so is
//     the team of any phrase of a requirement that asks to lead ("Lead a
//     large team": the team led and its size, each a part);
//   - in a requirement that asks to lead people (asksToLead, which reads
//     the same groups and words, ledKey), the parts that name leading
//     people — the team concept, people management, leadership,
//     "supervisory" — and the lead act are met by a bullet that leads
//     people (leadsPeople), whatever its words (reqParts.led).
//
// The team of such a requirement is the team led: a bullet that leads no
// one does not meet it by naming a team ("Managed team schedules", "Built
// the team wiki", "Worked on a team of 6"), nor does one that leads
// people of another kind than the engineers asked, and a smaller team
// than asked meets it in half (ledteam.go). Mentoring people is leading
// them, but partial at most for a requirement that does not ask to
// mentor (mayBeStrong). People management and
// leadership it meets by its words as well; for a requirement whose own
// words lead people ("leading a team of SREs") it is never strong
// (mayBeStrong). A bullet that leads people also shows two parts, the
// act and the people led, so a requirement that asks for more beside
// leading is met in part, not dismissed as one word of many
// (judgeParts); a leadership title is partial for a requirement that
// asks for leading alone (leadsOnly, leadRole).

// leadGroups are the lexicon groups (lower-case canonical names) that
// name leading people in a requirement that asks for it (asksToLead):
// only when a bullet meets it only by leading people (the team led, of
// the kind and size asked: teamFit); asks when naming it asks to lead
// people by itself ("Team management", "Staff management": the lexicon's
// People Management skill and people management concept fold to one
// name; "team lead", "engineering manager" as a role asked).
var leadGroups = map[string]struct{ only, asks bool }{
	"team":                   {only: true},
	"people management":      {asks: true},
	"engineering management": {asks: true},
	"leadership skills":      {},
}

// leadingWords are the plain words that name leading people in a
// requirement that asks for it ("Leadership", "Supervisory experience");
// asksToLead reads whether they ask (not "technical leadership").
var leadingWords = setOf(`leadership supervisory supervision`)

// ledKey reports whether a requirement's token names leading people
// (leadGroups, leadingWords), and whether only leading meets it.
func ledKey(t token) (only, ok bool) {
	if t.kind == "" || t.kind == "word" || t.kind == "weak" {
		return false, leadingWords[t.word]
	}
	g, ok := leadGroups[strings.ToLower(t.name)]
	return g.only, ok
}

// ledKeys are the keys of a requirement's parts that name leading people
// (ledKey) and the team its lead phrases swallow (swallowedTeam), each
// true when only a bullet that leads people meets it.
func (z *analyzer) ledKeys(toks []token) map[string]bool {
	out := map[string]bool{}
	for i, t := range toks {
		if team, ok := z.swallowedTeam(t, true); ok {
			out[team.key] = true
		}
		if only, ok := ledKey(t); ok && t.key != "" {
			out[t.key] = only
		}
		if t.kind == "skill" && i+1 < len(toks) && teamWord(toks[i+1].word) && toks[i+1].span != t.span {
			// "leading a small QA team": QA is the trade of the people
			// led, as a role is ("a team of QA engineers"), not other
			// work asked; a bullet that writes it carries it.
			if _, ok := out[t.key]; !ok {
				out[t.key] = false
			}
		}
	}
	return out
}

// swallowedTeam is the team concept's token for the team word of a
// lexicon phrase other than the team concept itself: a lead verb's
// ("leading a team", "managed the team"), which the phrase reads as its
// act, and, in a requirement that asks to lead people (asks), any other
// ("Lead a large team", "Lead a remote team", "Team management",
// "Leadership of cross-functional teams"), whose other words say what
// kind of team; a role's ("team lead") is no team led. ok is false for
// any other token.
func (z *analyzer) swallowedTeam(t token, asks bool) (token, bool) {
	if !teamWord(t.word) || t.span == 0 || t.kind == "concept" && t.name == "team" {
		return token{}, false
	}
	if !(t.kind == "verb" && t.key == "lead") && !(asks && (t.kind == "concept" || t.kind == "skill")) {
		return token{}, false
	}
	ts := z.tokens(t.word)
	if len(ts) != 1 || ts[0].kind != "concept" {
		return token{}, false
	}
	return ts[0], true
}

// ledBy is how much of key a bullet carries for requirement r: all of it
// when it leads people and key names leading people in a requirement
// that asks for it (the team led only as teamFit says), or when it writes
// key and key is not the team led; none otherwise.
func ledBy(r *reqParts, b *textParts, key string) float64 {
	only, lead := r.led[key]
	switch {
	case lead && b.leads && only:
		return r.team.fit(b.team)
	case lead && b.leads, b.keys[key] && !only:
		return 1
	}
	return 0
}

// leadShown reports whether a bullet shows the lead act a requirement to
// lead people asks for by leading people without a lead verb ("Ran a
// team of 8", the lexicon's people management phrase).
func leadShown(r *reqParts, b *textParts, action string) bool {
	return action == "lead" && b.leads && r.led != nil
}

// ledSkill is the skill of a requirement to lead people that names
// leading people ("people management") when a bullet leads people
// without naming it; the first in key order when it names two.
func ledSkill(r *reqParts, b *textParts) (string, bool) {
	if !b.leads {
		return "", false
	}
	var out string
	for k := range r.skills {
		if _, ok := r.led[k]; ok && (out == "" || k < out) {
			out = k
		}
	}
	return out, out != ""
}

// leadsOnly reports whether a requirement to lead people asks for
// nothing but leading ("Experience leading a team", "people management"),
// not for leading people of a kind ("Supervised nurses", "Lead a team of
// engineers") or work beside it: a leadership title alone is partial
// evidence for it (leadRole).
func (r *reqParts) leadsOnly() bool {
	if r.led == nil || r.team.engineers {
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

// wordHits are the keys of hit a bullet carries by its words, not by
// leading people: "Leadership skills" met by "Led a team of 5 engineers"
// is no soft skill claimed (claimsOnly).
func wordHits(r *reqParts, b *textParts, hit []string) []string {
	if !b.leads || r.led == nil {
		return hit
	}
	var out []string
	for _, k := range hit {
		if _, ok := r.led[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// byLeading reports whether a bullet carries key by leading people, not
// by a word it says (near: the whole bullet says it; a word said has its
// place, "Coached the support team … and planned the releases").
func byLeading(r *reqParts, b *textParts, key string) bool {
	_, ok := r.led[key]
	return ok && b.leads && len(b.at[key]) == 0
}

// asksToMentor reports whether a requirement asks to mentor or coach
// ("Mentoring junior engineers", "lead and mentor engineers"): a bullet
// that leads people only by mentoring them is strong for it, partial at
// most for a requirement to manage or lead them (mayBeStrong).
func asksToMentor(toks []token) bool {
	for _, t := range toks {
		if t.kind == "verb" && t.name == "mentor" || t.name == "Coaching and Mentoring" || strings.HasPrefix(t.word, "mentor") || strings.HasPrefix(t.word, "coach") {
			return true
		}
	}
	return false
}

// peopleOnly reports whether a requirement whose own words lead people
// ("5+ years leading a team of SREs or DevOps engineers") asks for
// nothing beside: its parts are the team led, the roles of the people
// led and weak words. Only leading people is evidence for it (judge): a
// bullet that does the people's work ("Moved DB clusters to AWS
// Graviton instances … infrastructure") or leads a project ("Led a
// datacentre migration") shows none of it; a manager's title held is
// (leadRole).
func (r *reqParts) peopleOnly() bool {
	if !r.people || r.led == nil {
		return false
	}
	for k := range r.skills {
		if _, ok := r.led[k]; !ok {
			return false
		}
	}
	for _, u := range r.objects {
		if _, ok := r.led[u.key]; !ok && u.weight >= 1 && !u.role {
			return false
		}
	}
	return true
}

// leadCredit is the share of its credit a bullet keeps as evidence for a
// requirement: leadMiss for a requirement whose words lead people when
// the bullet leads no one (it shows the other work asked: "Lead your team
// to evaluate new technology" ← "Evaluated new technology"), or, for one
// that asks for nothing but leading people (peopleOnly), only mentors
// them ("… and mentoring junior engineers": mentoring is a weak partial);
// all of it otherwise.
func leadCredit(r *reqParts, b *textParts) float64 {
	if r.people && !b.leads || r.ledOnly && b.mentors && !r.mentoring {
		return leadMiss
	}
	return 1
}
