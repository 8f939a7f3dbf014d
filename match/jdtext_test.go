package match

import (
	"math/rand/v2"
	"strings"
	"testing"

	"vitae"
)

// randomBytes is n bytes from a fixed seed, as a file of binary data reads.
func randomBytes(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return string(b)
}

// TestParseJDRefusesWhatIsNotText: binary data, control characters and
// punctuation without words are EINVALID before any requirement is read;
// text in any script, with tabs and CRLF line ends, still parses.
func TestParseJDRefusesWhatIsNotText(t *testing.T) {
	valid := strings.ToValidUTF8(randomBytes(600), "\uFFFD") // as a JSON body carries it
	tests := []struct {
		name, text string
		msg        string // "" = accepted
	}{
		{"random bytes", randomBytes(600), "not UTF-8"},
		{"random bytes made valid UTF-8", valid, "control character"},
		{"a NUL in a line", "- Kubernetes\x00 in production", "U+0000"},
		{"an escape sequence", "- Go\x1b[31m services", "U+001B"},
		{"punctuation and digits", "- 1234 !!!! #### 5678 ??\n" + strings.Repeat("1234 ", 50), "too few letters"},
		{"replacement characters", "- Go " + strings.Repeat("\uFFFD", 40), "U+FFFD"},
		{"a terse JD", "- C++ 11/14/17/20, 5–7 yrs, 99.99%", ""},
		{"tabs and CRLF", "# SRE\r\n## Requirements\r\n-\tKubernetes in production\r\n", ""},
		{"page breaks of pdftotext", "# SRE\n- Kubernetes in production\n\f- Terraform\n\f", ""},
		{"a vertical tab", "- Kubernetes\vin production", ""},
		{"a next line U+0085", "- Kubernetes\u0085- Terraform", ""},
		{"a no-break space", "- Kubernetes\u00a0in production", ""},
		{"CRLF only", "- Kubernetes in production\r\n- Terraform\r\n", ""},
		{"another script", "# Инженер\n## Требования\n- Опыт работы с Kubernetes\n", ""},
		{"symbols of skills", "## Requirements\n- C++, C#, .NET 8\n- Go 1.22\n", ""},
		{"JSON", `{"title":"SRE","skills":[{"name":"Go"},{"name":"Kubernetes"}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJD(tt.text, "")
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("refused text: %v", err)
				}
				return
			}
			if vitae.ErrorCode(err) != vitae.EINVALID || !strings.Contains(vitae.ErrorMessage(err), tt.msg) {
				t.Fatalf("err %v (%s), want EINVALID naming %q", err, vitae.ErrorCode(err), tt.msg)
			}
			if _, err := NewJob("", tt.text, ""); vitae.ErrorCode(err) != vitae.EINVALID {
				t.Errorf("NewJob stored it: %v", err)
			}
		})
	}
}

// The letter share is checked from minLettered characters that are not
// spaces up, and refuses under a quarter of letters: rows at both
// boundaries, so a change of either is seen.
func TestCheckTextLetterShareBoundaries(t *testing.T) {
	digits := func(n int) string { return strings.Repeat("1", n) }
	letters := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name, text string
		ok         bool
	}{
		{"no letters, one under the length", digits(minLettered - 1), true},
		{"no letters, at the length", digits(minLettered), false},
		{"no letters, spaces not counted", strings.Repeat("1 ", minLettered-1), true},
		{"a quarter letters", letters(minLettered/4) + digits(minLettered*3/4), true},
		{"one letter under a quarter", letters(minLettered/4-1) + digits(minLettered*3/4+1), false},
		{"a quarter U+FFFD", strings.Repeat("\uFFFD", 10) + letters(30), true},
		{"one U+FFFD over a quarter", strings.Repeat("\uFFFD", 11) + letters(30), false},
	}
	for _, tt := range tests {
		err := CheckText(tt.text)
		if tt.ok != (err == nil) {
			t.Errorf("%s: CheckText = %v, want ok %v", tt.name, err, tt.ok)
		} else if err != nil && vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("%s: code %s, want EINVALID", tt.name, vitae.ErrorCode(err))
		}
	}
}

// A one-line job description is a requirement, not a title over nothing;
// a title line with requirements below stays the title. A Markdown (or
// HTML) heading alone is a title, marked so: it asks for nothing.
func TestOneLineJDIsARequirement(t *testing.T) {
	tests := []struct {
		text, format, title string
		reqs                []string
	}{
		{"Kubernetes", "", "", []string{"Kubernetes"}},
		{"  Senior Site Reliability Engineer \n\n", "text", "", []string{"Senior Site Reliability Engineer"}},
		{"# Kubernetes in production", "markdown", "Kubernetes in production", nil},
		{"<h1>Senior Go Engineer</h1>", "html", "Senior Go Engineer", nil},
		{"<p>Terraform</p>", "html", "", []string{"Terraform"}},
		{"SRE Manager\n- Kubernetes", "", "SRE Manager", []string{"Kubernetes"}},
	}
	for _, tt := range tests {
		jd, err := ParseJD(tt.text, tt.format)
		if err != nil {
			t.Errorf("%q: %v", tt.text, err)
			continue
		}
		got := requirementTexts(jd)
		if jd.Title != tt.title || strings.Join(got, "|") != strings.Join(tt.reqs, "|") {
			t.Errorf("%q: title %q requirements %q, want %q and %q", tt.text, jd.Title, got, tt.title, tt.reqs)
		}
	}
	if j, err := NewJob("", "Kubernetes", ""); err != nil || j.Title != "Kubernetes" {
		t.Errorf("NewJob of one line: %+v, %v", j, err)
	}
}

// A title given with the job is text too: a control character in it is
// refused, as in the description.
func TestNewJobRefusesAControlCharacterInTheTitle(t *testing.T) {
	for _, title := range []string{"SRE\x00Manager", "SRE\nManager", "\x1b[2J"} {
		if _, err := NewJob(title, "- Kubernetes in production", ""); vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("NewJob(%q) = %v, want EINVALID", title, err)
		}
	}
	if j, err := NewJob("  SRE Manager ", "- Kubernetes in production", ""); err != nil || j.Title != "SRE Manager" {
		t.Errorf("NewJob with a plain title: %+v, %v", j, err)
	}
}

// A job saved from another editor is the same text: CRLF and CR line ends,
// trailing spaces and tabs, blank lines at the end.
func TestNewJobNormalizesLines(t *testing.T) {
	want := "# SRE\n## Requirements\n\n- Kubernetes in production\n- Terraform"
	for _, text := range []string{
		want,
		"# SRE\r\n## Requirements\r\n\r\n- Kubernetes in production\r\n- Terraform\r\n",
		"# SRE  \n## Requirements\t\n \n- Kubernetes in production \n- Terraform\n\n\n",
		"# SRE\r## Requirements\r\r- Kubernetes in production\r- Terraform",
	} {
		j, err := NewJob("", text, "")
		if err != nil || j.JobDescription != want {
			t.Errorf("NewJob(%q) = %q, %v; want %q", text, j.JobDescription, err, want)
		}
	}
}
