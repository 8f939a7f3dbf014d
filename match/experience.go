package match

import (
	"math"
	"sort"
	"time"

	"vitae"
)

// recency halves a bullet's weight every halfLife years since its role
// ended; ongoing roles, undated bullets and unreadable ends count fully,
// and a halfLife of 0 turns decay off.
func recency(p vitae.Period, halfLife float64, now time.Time) float64 {
	if halfLife <= 0 || p.Start == "" || p.End == "" {
		return 1
	}
	end, ok := vitae.DateEnd(p.End)
	if !ok {
		return 1
	}
	age := now.Sub(end).Hours() / (24 * 365.25)
	if age <= 0 {
		return 1
	}
	return math.Pow(0.5, age/halfLife)
}

// YearsOfExperience merges the work periods of bullets (overlaps counted
// once, ongoing roles up to now) and returns their length in years.
func YearsOfExperience(bullets []vitae.Bullet, now time.Time) float64 {
	type span struct{ a, b time.Time }
	var spans []span
	seen := map[vitae.Period]bool{}
	for _, bl := range bullets {
		p := vitae.PeriodOf(bl)
		if bl.Section != vitae.SectionWork || p.Start == "" || seen[p] {
			continue
		}
		seen[p] = true
		a, b, ok := p.Bounds(now)
		if !ok {
			continue
		}
		if b.After(now) {
			b = now
		}
		if b.After(a) {
			spans = append(spans, span{a, b})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a.Before(spans[j].a) })
	var total time.Duration
	var cur *span
	for i := range spans {
		sp := spans[i]
		if cur == nil || sp.a.After(cur.b) {
			if cur != nil {
				total += cur.b.Sub(cur.a)
			}
			cur = &sp
			continue
		}
		if sp.b.After(cur.b) {
			cur.b = sp.b
		}
	}
	if cur != nil {
		total += cur.b.Sub(cur.a)
	}
	return total.Hours() / (24 * 365.25)
}

// unknownYearsFit is the years fit of a candidate none of whose work
// roles has a readable date: their years are unknown, which is not the
// same as none. Half way: over the 28 dev and train JDs, 0 (as none)
// ranked dev 0.803 / train 0.513, 0.5 0.801 / 0.515, 1 (no penalty)
// 0.792 / 0.520 (docs/matching.md, "Stop 26").
const unknownYearsFit = 0.5

// unknownRoleFit is the role fit of every candidate for a job that names
// no role (Explain.RoleUnknown), as unknownYearsFit is for years. One
// job's candidates all share it, so it orders none of them; it makes a
// job without a role weigh as one whose role a person half fits among
// the jobs a person fits (Fits), where role fit off (1) put a
// "Kubernetes in production" above a personal trainer's own trainer job
// for a personal trainer (a tryout's finding).
const unknownRoleFit = 0.5

// hasDatedWork reports whether any work bullet's role has a readable
// start date, so that years of experience can be counted at all.
func hasDatedWork(bullets []vitae.Bullet) bool {
	for _, b := range bullets {
		if b.Section == vitae.SectionWork && vitae.PeriodOf(b).Dated() {
			return true
		}
	}
	return false
}
