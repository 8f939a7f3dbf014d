package ingest

import (
	"strconv"
	"strings"
	"testing"
)

// TestRanges counts the date ranges a résumé dates roles with, on a line
// or a résumé flattened to one; a lone year or a span of years asked is
// none.
func TestRanges(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Jan 2020 – Present", 1},
		{"SRE Manager — Northwind Cloud, Mar 2020 - Present", 1},
		{"2016 - 2020", 1},
		{"Nov 2022 - Present Columba, Oct 2021 – Nov 2022 SecureOps", 2},
		{"January 2017 to January 2018 PGDM, then Jan 2013 – Dec 2016 BEng, and 2010 - 2012", 3},
		{"Founded in 2009", 0},
		{"3-5 years of experience with Go", 0},
		{"$120,000 - $150,000", 0},
	}
	for _, tt := range tests {
		if got := Ranges(tt.text); got != tt.want {
			t.Errorf("Ranges(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestOnlyRange: a line that is one date range and punctuation, as a
// résumé dates a role, and no line that says more.
func TestOnlyRange(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Mar 2020 – Present", true},
		{"Jun 2016 – Feb 2020", true},
		{"(2016 - 2020)", true},
		{"**Jan 2019 to Dec 2021**", true},
		{"SRE Manager — Northwind Cloud, Mar 2020 - Present", false},
		{"Mar 2020 – Present · 4 yrs", false},
		{"2020", false}, // a lone date is no range
		{"3-5 years", false},
		{"Kubernetes since 2020", false},
	}
	for _, tt := range tests {
		if got := OnlyRange(tt.line); got != tt.want {
			t.Errorf("OnlyRange(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestRangesLongLine: a client's long line of ranges (a request body is
// one JD) is counted whole. Ranges reads it once; counting by removing
// one range and reading the line again took 12.5 s of CPU for 49 KB
// (review of stop 24): BenchmarkRangesLong measures it.
func TestRangesLongLine(t *testing.T) {
	if got := Ranges(strings.Repeat("Jan 2019 - Present, ", 2500)); got != 2500 {
		t.Errorf("Ranges of 2,500 ranges on a line = %d", got)
	}
}

func BenchmarkRangesLong(b *testing.B) {
	for _, n := range []int{250, 2500} {
		line := strings.Repeat("Jan 2019 - Present, ", n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				Ranges(line)
			}
		})
	}
}
