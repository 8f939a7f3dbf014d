package match

import (
	"math"
	"strings"
	"time"

	"vitae"
	"vitae/index"
)

// roleFit scores each résumé's best role title against the role the JD's
// title names (roleTitles: without employer, team and level, or any of
// its other names in parentheses, whichever fits best): the IDF-weighted
// share of the role's terms the role title carries, IDF taken over the
// role titles of these résumés (so "engineer" counts for little and
// "reliability" for much), and only the terms some role of theirs
// carries counted. A role that ended long ago counts a little less, as
// evidence does: × 1 − w.Recency × (1 − 0.5^(t / w.RecencyHalfLife)) for
// a role that ended t years ago. Titles are analysed as the index
// analyses bullets (index.Terms), so "engineers" and "engineering" meet
// as search meets them, and a role title named by its short or its long
// name carries the terms of the other (nameTerms: "Product Manager" is a
// PM, a DevOps engineer does operations).
// names false reads the titles' words alone (the role-names ablation).
// share is how much of the role's words (IDF-weighted, the best of its
// names) some role of theirs carries: 1 when every word is carried or
// the JD has no title, 0 when none is (roleFitOf).
func roleFit(title string, resumes map[string]*vitae.Resume, w Weights, now time.Time, names bool) (fit map[string]float64, share float64) {
	return roleWords(title, resumes, w, now, names, nil)
}

// roleWords is roleFit; byTitle, when not nil, also gets each role
// title's words before the role's recency (roleevidence.go).
func roleWords(title string, resumes map[string]*vitae.Resume, w Weights, now time.Time, names bool, byTitle map[string]float64) (fit map[string]float64, share float64) {
	fit = map[string]float64{}
	alts := roleTitles(title)
	if len(alts) == 0 {
		return fit, 1 // no role to read: no word of it is missing
	}
	agent := map[string]string{} // agentStem of each term read, once: the pool's titles repeat their words
	stem := func(t string) string {
		s, ok := agent[t]
		if !ok {
			s = agentStem(t)
			agent[t] = s
		}
		return s
	}
	for _, a := range alts {
		for i, t := range a {
			a[i] = stem(t)
		}
	}
	type role struct {
		terms map[string]bool
		age   float64 // factor for how long ago the role ended
		title string
	}
	roles := map[string][]role{}
	df := map[string]int{}
	for id, rr := range resumes {
		add := func(held string, age float64, again bool) {
			terms := map[string]bool{}
			ts := index.Terms(held)
			for _, t := range ts {
				terms[stem(t)] = true
			}
			if names {
				add, misread := nameTerms(held, ts)
				for _, t := range misread {
					delete(terms, t) // "PM Shift", "Co-op": no role's word
				}
				for _, t := range add {
					terms[t] = true
				}
				dropFields(terms, held, title)
			}
			roles[id] = append(roles[id], role{terms, age, held})
			if again {
				return // a title counted once in the pool's document frequencies
			}
			for t := range terms {
				df[t]++
			}
		}
		seen := map[string]bool{}
		for _, b := range rr.Bullets {
			if b.Role == "" || seen[b.Role] {
				continue
			}
			seen[b.Role] = true
			add(b.Role, 1-w.Recency*(1-recency(vitae.PeriodOf(b), w.RecencyHalfLife, now)), false)
		}
		// The headline ("Backend Engineer") is the role they give
		// themselves now: a title as current as their latest, even when
		// an old role had the same title.
		if rr.Label != "" {
			add(rr.Label, 1, seen[rr.Label])
		}
	}
	places := placeTerms(title)
	n := float64(len(resumes))
	idf := func(t string) float64 { return math.Log(1 + (n+1)/(1+float64(df[t]))) }
	for _, want := range alts {
		// A title term no role of the pool carries ("(m/w/d)" of a German
		// posting, a level no one's title states) tells no candidate from
		// another: it only shrinks every role fit alike, and with it role
		// fit's part in the ranking. But when it is a word of the role
		// ("analytics" of "Analytics Engineer"), the words left read less
		// of the role: share says how much.
		carried := want[:0:0]
		var all, got float64
		for _, t := range want {
			if df[t] == 0 && places[t] {
				continue // a place no one carries: no word of the role missing
			}
			all += idf(t)
			if df[t] > 0 {
				carried = append(carried, t)
				got += idf(t)
			}
		}
		if all > 0 {
			share = max(share, got/all)
		}
		if len(carried) == 0 {
			continue
		}
		var total float64
		for _, t := range carried {
			total += idf(t)
		}
		for id, rs := range roles {
			for _, r := range rs {
				var got float64
				for _, t := range carried {
					if r.terms[t] {
						got += idf(t)
					}
				}
				fit[id] = math.Max(fit[id], r.age*got/total)
				if byTitle != nil {
					byTitle[r.title] = math.Max(byTitle[r.title], got/total)
				}
			}
		}
	}
	return fit, share
}

// agentStem reads a role title's agent noun as the work it names, where
// the stemmer leaves them apart: "trainer" as "train" (of "Head of
// Training"), "leader" as "lead", "tester" as "test". A term is read so
// when dropping its "er" leaves the stem of the "-ing" word.
func agentStem(t string) string {
	base, ok := strings.CutSuffix(t, "er")
	if !ok || len(base) < 3 {
		return t
	}
	if ts := index.Terms(base + "ing"); len(ts) == 1 && ts[0] == base {
		return base
	}
	return t
}

// dedupe keeps the first occurrence of each string, in order.
func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := xs[:0:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
