package match

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseJDYearsNumbers pins stop 28's reading of the years number: it
// is read whole ("100+ years" said no years at all, from its last digits
// "00"), with a decimal ("1.5 years" was 5), and a number past a working
// life (maxYears) is not checked but warned of (WarnYears), in a
// requirement or a bare years line; up to maxYears it is checked, as
// before (the JD's years_required still only up to 20).
func TestParseJDYearsNumbers(t *testing.T) {
	tests := []struct {
		name, jd string
		years    float64 // the first requirement's
		jdYears  float64
		warned   bool
	}{
		{"a hundred", "- 100+ years of Go experience\n- Rust", 0, 0, true},
		{"ten", "- 10+ years of Go experience\n- Rust", 10, 10, false},
		{"a decimal", "- 1.5 years of Go experience\n- Rust", 1.5, 1.5, false},
		{"sixty", "- 60 years of Go experience\n- Rust", 60, 0, false},
		{"sixty-one", "- 61 years of Go experience\n- Rust", 0, 0, true},
		{"a range past it", "- 5-100 years of Go experience\n- Rust", 5, 5, false},
		{"a bare line", "- 100+ years.\n- Go\n- Rust", 0, 0, true},
		{"a leading clause", "- 100+ years of software, 3+ years leading a team of SREs\n- Rust", 3, 3, true},
		{"no number inside a word", "- x5 years of Go\n- Rust", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.jd, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(jd.Requirements) == 0 {
				t.Fatalf("%q: no requirements", tt.jd)
			}
			if got := jd.Requirements[0].Years; got != tt.years || jd.YearsRequired != tt.jdYears {
				t.Errorf("%q: years %v, years required %v; want %v, %v", tt.jd, got, jd.YearsRequired, tt.years, tt.jdYears)
			}
			var want []string
			if tt.warned {
				want = []string{WarnYears}
			}
			if diff := cmp.Diff(want, jd.WarningCodes); diff != "" {
				t.Errorf("%q: warning codes (-want +got):\n%s", tt.jd, diff)
			}
			if tt.warned && !strings.Contains(jd.Warnings[0].Message, "more than a working life (60): those years are not checked") {
				t.Errorf("%q: warning %q", tt.jd, jd.Warnings[0].Message)
			}
		})
	}
}

// TestParseJDYearsWarnedOnce: a requirement said twice warns once.
func TestParseJDYearsWarnedOnce(t *testing.T) {
	jd, err := ParseJD("## Requirements\n- 100+ years of Go experience\n\n## Nice to have\n- 100+ years of Go experience\n- Rust\n", "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{WarnYears}, jd.WarningCodes); diff != "" {
		t.Errorf("warning codes (-want +got):\n%s", diff)
	}
	if want := `"100+ years of Go experience" asks for 100 years, more than a working life (60): those years are not checked`; jd.Warnings[0].Message != want {
		t.Errorf("warning %q, want %q", jd.Warnings[0].Message, want)
	}
}
