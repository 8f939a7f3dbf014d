package match

import (
	"strings"
	"testing"
)

// BenchmarkReadJDLines reads 25k and 50k characters of lines that each
// leave a bracket open, of lower-case continuation lines, and of short
// ones cut at a word that cannot end them: every line joins the one
// before, so when whether a line goes on was read from the whole join
// (not the last raw line) the time grew with the square of the length
// (2.5 s at 50k); read from the last line the 50k run takes about twice
// the 25k one. The last case is one line of inline section switches
// ("Go; Nice to have: Rust; …"), each found by one pass over the line.
func BenchmarkReadJDLines(b *testing.B) {
	for _, tt := range []struct{ name, line, sep string }{
		{"brackets", "Experience with distributed systems and their failure modes (", "\n"},
		{"lowercase", "and experience with distributed systems and their failure modes", "\n"},
		{"short", "and run our services on", "\n"},
		{"switches", "Go in production; Nice to have: Rust", "; "},
	} {
		for _, n := range []int{25000, 50000} {
			head := "Requirements\n"
			if tt.sep != "\n" {
				head = "Requirements: " // one line: the heading and its switches
			}
			text := head + strings.Repeat(tt.line+tt.sep, (n-len(head))/(len(tt.line)+len(tt.sep)))
			b.Run(tt.name+map[int]string{25000: "-25k", 50000: "-50k"}[n], func(b *testing.B) {
				for b.Loop() {
					if _, err := ParseJD(text, "text"); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
