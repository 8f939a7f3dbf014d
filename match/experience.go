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
