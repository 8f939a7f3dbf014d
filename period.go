package vitae

import "time"

// Period is the span a bullet's role covers, as résumés give it: Start and
// End are "YYYY-MM" or "YYYY" (the precision the source had); an empty End
// with a Start means the role is ongoing. Every date rule of Vitae — filters,
// years of experience, recency — reads periods through these methods, so
// "2019" means all of 2019 everywhere.
type Period struct {
	Start, End string
}

// PeriodOf returns the period of a bullet.
func PeriodOf(b Bullet) Period { return Period{Start: b.Start, End: b.End} }

// ParseDate reads "YYYY-MM" or "YYYY" into the first instant it covers.
// Years outside 1800–2199 are refused: they are typos, and bleve's date
// fields (nanoseconds since 1970 in an int64) cannot hold them.
func ParseDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, t.Year() >= 1800 && t.Year() < 2200
		}
	}
	return time.Time{}, false
}

// DateEnd is the first instant after a "YYYY-MM" or "YYYY" date: the end of
// the month or year it names, exclusive.
func DateEnd(s string) (time.Time, bool) {
	t, ok := ParseDate(s)
	if !ok {
		return time.Time{}, false
	}
	if len(s) == 4 {
		return t.AddDate(1, 0, 0), true
	}
	return t.AddDate(0, 1, 0), true
}

// Dated reports whether the period has a readable start.
func (p Period) Dated() bool {
	_, ok := ParseDate(p.Start)
	return ok
}

// Recency orders periods as strings: an ongoing role ("9999") is the
// most recent, then by end, then by start; undated last ("").
func (p Period) Recency() string {
	switch {
	case p.Start != "" && p.End == "":
		return "9999"
	case p.End != "":
		return p.End
	}
	return p.Start
}

// Ongoing reports whether the period is dated and has no end.
func (p Period) Ongoing() bool { return p.Dated() && p.End == "" }

// Bounds returns the period as [from, to): to is now for an ongoing role.
// ok is false when the start (or a given end) cannot be read.
func (p Period) Bounds(now time.Time) (from, to time.Time, ok bool) {
	from, ok = ParseDate(p.Start)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	if p.End == "" {
		return from, now, true
	}
	to, ok = DateEnd(p.End)
	return from, to, ok
}

// Overlaps reports whether the period shares any month with the filter
// window [since, until], either side "" for open. Undated periods never
// overlap a window with a side set: they cannot be shown to.
func (p Period) Overlaps(since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	from, ok := ParseDate(p.Start)
	if !ok {
		return false
	}
	if since != "" {
		s, ok := ParseDate(since)
		if !ok {
			return false
		}
		if p.End != "" {
			end, ok := DateEnd(p.End)
			if !ok || !end.After(s) {
				return false
			}
		}
	}
	if until != "" {
		u, ok := DateEnd(until)
		if !ok || !from.Before(u) {
			return false
		}
	}
	return true
}

// Window reads a filter's [since, until] as the instants it spans:
// since's first instant and the one after until's last, zero for an open
// side. Malformed dates, an until before since and a since after the
// current month are EINVALID: no role has begun then, and an ongoing
// role, which runs to now, would otherwise pass a since in the future.
func Window(since, until string) (from, to time.Time, err error) {
	if since != "" {
		var ok bool
		if from, ok = ParseDate(since); !ok {
			return from, to, Errorf(EINVALID, "since %q: want YYYY or YYYY-MM", since)
		}
		// A day's grace: "this month" in a zone ahead of UTC begins
		// before the month's first instant in UTC.
		if from.After(time.Now().Add(24 * time.Hour)) {
			return from, to, Errorf(EINVALID, "since %s is in the future: no role has begun then", since)
		}
	}
	if until != "" {
		var ok bool
		if to, ok = DateEnd(until); !ok {
			return from, to, Errorf(EINVALID, "until %q: want YYYY or YYYY-MM", until)
		}
	}
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		return from, to, Errorf(EINVALID, "until %s is before since %s", until, since)
	}
	return from, to, nil
}
