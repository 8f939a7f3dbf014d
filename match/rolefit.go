package match

import (
	"math"
	"strings"

	"vitae"
	"vitae/index"
)

// roleFit scores each résumé's best role title against the JD's title:
// the IDF-weighted share of the title's terms the role carries, IDF taken
// over the role titles of these résumés (so "engineer" counts for little
// and "reliability" for much). Titles are analysed as the index analyses
// bullets (index.Terms), so "engineers" and "engineering" meet as search
// meets them.
func roleFit(title string, resumes map[string]*vitae.Resume) map[string]float64 {
	fit := map[string]float64{}
	want := dedupe(index.Terms(title))
	if len(want) == 0 {
		return fit
	}
	roles := map[string][]map[string]bool{}
	df := map[string]int{}
	for id, rr := range resumes {
		seen := map[string]bool{}
		for _, b := range rr.Bullets {
			if b.Role == "" || seen[b.Role] {
				continue
			}
			seen[b.Role] = true
			terms := map[string]bool{}
			for _, t := range index.Terms(b.Role) {
				terms[t] = true
			}
			roles[id] = append(roles[id], terms)
			for t := range terms {
				df[t]++
			}
		}
	}
	n := float64(len(resumes))
	idf := func(t string) float64 { return math.Log(1 + (n+1)/(1+float64(df[t]))) }
	var total float64
	for _, t := range want {
		total += idf(t)
	}
	for id, rs := range roles {
		for _, terms := range rs {
			var got float64
			for _, t := range want {
				if terms[t] {
					got += idf(t)
				}
			}
			fit[id] = math.Max(fit[id], got/total)
		}
	}
	return fit
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

// listedSkills is the set of canonical skills a résumé lists (lower-cased).
func listedSkills(r *vitae.Resume) map[string]bool {
	have := map[string]bool{}
	if r == nil {
		return have
	}
	for _, sk := range r.Skills {
		have[strings.ToLower(sk)] = true
	}
	for _, b := range r.Bullets {
		for _, sk := range b.Skills {
			have[strings.ToLower(sk)] = true
		}
	}
	return have
}

// skillShare is the share of a requirement's skills the résumé lists.
func skillShare(skills []string, listed map[string]bool) float64 {
	if len(skills) == 0 {
		return 0
	}
	n := 0
	for _, sk := range skills {
		if listed[strings.ToLower(sk)] {
			n++
		}
	}
	return float64(n) / float64(len(skills))
}
