package lexicon

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// tokensByRune is the rune-by-rune tokenizer scanRaw replaced; scanRaw
// must split every text exactly as it did (tokens then joins
// abbreviations: TestTokenizeJoinsAbbreviations).
func tokensByRune(text string, lower bool) []string {
	var out []string
	var b strings.Builder
	script := 0 // of the word's last Latin or unspaced letter
	flush := func() {
		w := strings.Trim(b.String(), ".-/'")
		if w != "" {
			out = append(out, w)
		}
		b.Reset()
		script = 0
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || scriptDigit(r):
			if s := scriptOf(r); s != 0 {
				if script != 0 && s != script {
					flush()
				}
				script = s
			}
			if lower {
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
		case (r == '+' || r == '#' || r == '.' || r == '-' || r == '/' || r == '\'') && b.Len() > 0:
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

var tokenTexts = []string{
	"",
	"Led a team of 5 engineers building C++ and C# services on Node.js",
	"Built CI/CD pipelines; cut deploys from 2h to 10m.",
	"Wrote services in Go -- and R's tidyverse / 'quoted' ...",
	"ÉCOLE Polytechnique: Straße, İstanbul, ΣΊΣΥΦΟΣ, 東京 2019年",
	"trailing punctuation... a.-/' b+# -lead .start /x",
	"invalid \xff\xfe utf-8 \xe2\x82 and a NUL\x00byte",
	"tabs\tand\nnewlines\r\nand\u00a0nbsp and emoji 🚀rocket",
	"ß ẞ ǅ ǈ Ⅻ ① ٣ 𝟗 x²",
	"Kubernetesの本番運用経験5年以上 チームリーダー経験 C++経験 Node.jsでの開発 Go언어 Python과 경험 2019年",
}

// rawTokens are tokens before abbreviations are joined.
func rawTokens(text string, lower bool) []string {
	var out []string
	scanRaw(text, func(start, end int) {
		w := text[start:end]
		if lower {
			w = strings.ToLower(w)
		}
		out = append(out, w)
	})
	return out
}

func TestTokensMatchRuneByRune(t *testing.T) {
	for _, text := range tokenTexts {
		for _, lower := range []bool{true, false} {
			if diff := cmp.Diff(tokensByRune(text, lower), rawTokens(text, lower)); diff != "" {
				t.Errorf("tokens(%q, %v) (-want +got):\n%s", text, lower, diff)
			}
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, text := range tokenTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lower := range []bool{true, false} {
			raw := tokensByRune(text, lower)
			if diff := cmp.Diff(raw, rawTokens(text, lower)); diff != "" {
				t.Errorf("scanRaw(%q, %v) (-want +got):\n%s", text, lower, diff)
			}
			// Joining merges neighbours across an ampersand, nothing else.
			got := tokens(text, lower)
			if len(got) > len(raw) || !strings.Contains(text, "&") && !slices.Equal(got, raw) {
				t.Errorf("tokens(%q, %v) = %q, raw %q", text, lower, got, raw)
			}
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	text := "Led a team of 5 engineers to migrate 40 services from EC2 to Kubernetes, cutting deploy time by 60%"
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
}

// TestTokenizeSuperscripts: a superscript or subscript digit is part of
// its word, so "R²" (a fit's statistic) is not the R language and "CO₂"
// is one word.
func TestTokenizeSuperscripts(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Raised model R² from 0.6 to 0.8", []string{"raised", "model", "r²", "from", "0.6", "to", "0.8"}},
		{"Cut CO₂ by 10%", []string{"cut", "co₂", "by", "10"}},
		{"Built dashboards in R", []string{"built", "dashboards", "in", "r"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Tokenize(tt.text)); diff != "" {
			t.Errorf("Tokenize(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestTokenizeJoinsAbbreviations: an abbreviation written with an
// ampersand is one word ("P&L", not the letters p and l), written with
// spaces around it too; lists and tech names are not joined.
func TestTokenizeJoinsAbbreviations(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Owned a $40M P&L", []string{"owned", "a", "40m", "p&l"}},
		{"Managed the P & L of the region", []string{"managed", "the", "p&l", "of", "the", "region"}},
		{"Led R&D, M&A and Q&A", []string{"led", "r&d", "m&a", "and", "q&a"}},
		{"AT&T's network, SG&A costs, MITRE ATT&CK", []string{"at&t's", "network", "sg&a", "costs", "mitre", "att&ck"}},
		{"Internship in L&T", []string{"internship", "in", "l&t"}},
		{"Oil&Gas, LAN & WAN, sales & marketing", []string{"oil", "gas", "lan", "wan", "sales", "marketing"}},
		{"CI/CD, TCP/IP, A/B tests, C/C++", []string{"ci/cd", "tcp/ip", "a/b", "tests", "c/c++"}},
		{"P&L&X", []string{"p&l", "x"}},
		{"P&L.", []string{"p&l"}},
		{"&L P& &", []string{"l", "p"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Tokenize(tt.text)); diff != "" {
			t.Errorf("Tokenize(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestJoined is the rule every tokenizer joins abbreviations by.
func TestJoined(t *testing.T) {
	tests := []struct {
		text string // two words and what is between them
		want bool
	}{
		{"P&L", true}, {"p&l", true}, {"R&D", true}, {"AT&T", true}, {"AT&T's", true}, {"SG&A", true},
		{"ATT&CK", true}, {"P&ID", true}, {"P & L", true}, {"r & d", true}, {"A/B", true}, {"I/O", true},
		{"oil&gas", false},   // three and three letters: a list
		{"LAN & WAN", false}, // spaced: single letters only
		{"PR & DR", false},
		{"CI/CD", false}, {"TCP/IP", false}, {"HTML/CSS", false}, // both words stay terms
		{"C/C++", false}, {"C/C#", false},
		{"P  &  L", false}, {"P-L", false}, {"B2&B", false}, {"3&4", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			spans := wordRuns(tt.text) // as bleve's tokenizer splits
			if len(spans) < 2 {
				t.Fatalf("wordRuns(%q) = %v, want two words", tt.text, spans)
			}
			a, b := spans[0], spans[1]
			if got := Joined(tt.text, a[0], a[1], b[0], b[1]); got != tt.want {
				t.Errorf("Joined(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// wordRuns are the spans of text's runs of letters, digits and
// apostrophes followed by a letter ("T's").
func wordRuns(text string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range text {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' && start >= 0
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}
