package ingest

import "testing"

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
