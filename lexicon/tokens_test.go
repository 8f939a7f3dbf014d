package lexicon

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// tokensByRune is the rune-by-rune tokenizer tokens replaced; tokens must
// split every text exactly as it did.
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

func TestTokensMatchRuneByRune(t *testing.T) {
	for _, text := range tokenTexts {
		for _, lower := range []bool{true, false} {
			if diff := cmp.Diff(tokensByRune(text, lower), tokens(text, lower)); diff != "" {
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
			if diff := cmp.Diff(tokensByRune(text, lower), tokens(text, lower)); diff != "" {
				t.Errorf("tokens(%q, %v) (-want +got):\n%s", text, lower, diff)
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
