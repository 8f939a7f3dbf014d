package match

import (
	"strings"
	"testing"
)

// BenchmarkReadJDLines reads 25k and 50k characters of lines that each
// leave a bracket open, and of lower-case continuation lines: every line
// joins the one before, so when whether a line goes on was read from the
// whole join (not the last raw line) the time grew with the square of the
// length (2.5 s at 50k); read from the last line the 50k run takes about
// twice the 25k one.
func BenchmarkReadJDLines(b *testing.B) {
	for _, tt := range []struct{ name, line string }{
		{"brackets", "Experience with distributed systems and their failure modes ("},
		{"lowercase", "and experience with distributed systems and their failure modes"},
	} {
		for _, n := range []int{25000, 50000} {
			text := "Requirements\n" + strings.Repeat(tt.line+"\n", n/(len(tt.line)+1))
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
