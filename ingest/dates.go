package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var openWords = map[string]bool{"present": true, "current": true, "now": true, "today": true, "ongoing": true, "currently": true, "date": true}

var (
	reISO      = regexp.MustCompile(`^(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?(?:T.*)?$`)
	reMonthNum = regexp.MustCompile(`^(\d{1,2})[/.-](\d{4})$`)
	reMDY      = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	reMonthYr  = regexp.MustCompile(`^([A-Za-z]+)\.?,?(?:\s+|-)(\d{4})$`)
	reYrMonth  = regexp.MustCompile(`^(\d{4}),?\s+([A-Za-z]+)$`)
	// "Sep 1, 2015", "1 Sep 2015", "Aug '16": the day is dropped, a
	// two-digit year read as below.
	reMonthDayYr = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	reDayMonthYr = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$`)
	reMonthYY    = regexp.MustCompile(`^([A-Za-z]+)\.?\s*['’‘](\d{2})['’]?$`)
	reSeason     = regexp.MustCompile(`(?i)^(spring|summer|fall|autumn|winter)\s+(\d{4})$`)
)

// normalizeDate turns a résumé date into "YYYY-MM" or "YYYY". open reports
// "Present" and its synonyms; ok is false when s is not a date at all.
func normalizeDate(s string) (date string, open, ok bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "()[]"))
	// The end of a range written whole in one field: "- 12/2019".
	s = strings.TrimSpace(strings.TrimLeft(s, "-–— "))
	if s == "" {
		return "", false, false
	}
	if openWords[strings.ToLower(s)] {
		return "", true, true
	}
	if m := reISO.FindStringSubmatch(s); m != nil {
		return ym(m[1], m[2])
	}
	if m := reMDY.FindStringSubmatch(s); m != nil {
		return ym(m[3], m[1])
	}
	if m := reMonthNum.FindStringSubmatch(s); m != nil {
		return ym(m[2], m[1])
	}
	for _, f := range monthForms {
		if m := f.re.FindStringSubmatch(s); m != nil {
			if mo, ok := months[strings.ToLower(m[f.month])]; ok {
				y := m[f.year]
				if f.twoDigit {
					y = fullYear(y)
				}
				return ym(y, strconv.Itoa(mo))
			}
		}
	}
	if m := reSeason.FindStringSubmatch(s); m != nil {
		mo := map[string]int{"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}[strings.ToLower(m[1])]
		return ym(m[2], strconv.Itoa(mo))
	}
	return "", false, false
}

// monthForms are the dates that name their month, tried in order: each
// expression's submatches of the year and the month name.
var monthForms = []struct {
	re          *regexp.Regexp
	year, month int
	twoDigit    bool // "Aug '16"
}{
	{reMonthYr, 2, 1, false},
	{reYrMonth, 1, 2, false},
	{reMonthDayYr, 3, 1, false},
	{reDayMonthYr, 3, 2, false},
	{reMonthYY, 2, 1, true},
}

// fullYear reads a two-digit year ("'16"): up to 50 is this century,
// the rest the last, fixed rather than by today's date so that a résumé
// reads the same every year.
func fullYear(yy string) string {
	n, _ := strconv.Atoi(yy)
	if n <= 50 {
		return strconv.Itoa(2000 + n)
	}
	return strconv.Itoa(1900 + n)
}

func ym(year, month string) (string, bool, bool) {
	y, err := strconv.Atoi(year)
	if err != nil || y < 1900 || y > 2100 {
		return "", false, false
	}
	if month == "" {
		return fmt.Sprintf("%04d", y), false, true
	}
	m, err := strconv.Atoi(month)
	if err != nil || m < 1 || m > 12 {
		return fmt.Sprintf("%04d", y), false, true
	}
	return fmt.Sprintf("%04d-%02d", y, m), false, true
}

// dateToken matches one date inside free text: "Dec 2018", "December, 2018",
// "12/2018", "2018-12", "2018", "Present".
const dateToken = `(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{1,2}/\d{4}|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|(?:spring|summer|fall|autumn|winter)\s+\d{4}|\d{4}|present|current|now|today|ongoing)`

// reRange finds "start – end" (any dash, "to", "until") or a lone date.
var reRange = regexp.MustCompile(`(?i)\b(` + dateToken + `)(?:\s*(?:-|–|—|‒|―|to|until|till|through)\s*(` + dateToken + `))?\b`)

// Ranges counts the date ranges in text as a résumé dates a role ("Jan
// 2020 – Present", "2019 - 2022"), each checked as findRange checks one:
// a job description that has several is likely a résumé pasted in its
// place (match). One pass over the text: a client's long line costs
// its length, not its length times its ranges.
func Ranges(text string) int {
	n := 0
	for _, loc := range reRange.FindAllStringSubmatchIndex(text, -1) {
		if _, _, ok := rangeAt(text, loc); ok {
			n++
		}
	}
	return n
}

// OnlyRange reports whether line is a date range and nothing else but
// punctuation ("Mar 2020 – Present", "(2016 - 2020)"), as findRange reads
// one: the dates of a role, which ask nothing of a job's candidate when a
// résumé is pasted as a job description (match).
func OnlyRange(line string) bool {
	// A range has a year's digits and is short ("September 2016 –
	// December 2020" is 31 bytes): longer or digitless lines are refused
	// before the expression, which was an eighth of reading a 25 KB JD.
	if len(line) > 80 || !strings.ContainsFunc(line, unicode.IsDigit) {
		return false
	}
	_, _, rest, ok := findRange(line)
	return ok && !strings.ContainsFunc(rest, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// findRange locates a date range in a line. It returns the normalised dates,
// the line with the range removed, and whether a range (two dates, or one
// date plus "present") was found.
func findRange(line string) (start, end string, rest string, found bool) {
	for _, loc := range reRange.FindAllStringSubmatchIndex(line, -1) {
		if s, e, ok := rangeAt(line, loc); ok {
			return s, e, line[:loc[0]] + line[loc[1]:], true
		}
	}
	return "", "", line, false
}

// rangeAt reads one reRange match (its submatch indexes in line) as a
// range: two dates, the first not open, or a date and "present" (end
// ""). A lone date is too weak: "2019" inside a sentence.
func rangeAt(line string, loc []int) (start, end string, ok bool) {
	if loc[4] < 0 {
		return "", "", false
	}
	s, sOpen, ok1 := normalizeDate(line[loc[2]:loc[3]])
	e, eOpen, ok2 := normalizeDate(line[loc[4]:loc[5]])
	if !ok1 || !ok2 || sOpen {
		return "", "", false
	}
	if eOpen {
		e = ""
	}
	return s, e, true
}
