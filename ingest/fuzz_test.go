package ingest

import (
	"os"
	"testing"

	"vitae"
)

// fuzzParse checks the one property every parser owes hostile input: an
// answer or a coded error, never a panic, never an uncoded failure.
func fuzzParse(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(name, data, Options{MaxBullets: 500})
		if err != nil {
			if vitae.ErrorCode(err) == vitae.EINTERNAL {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		for _, b := range r.Bullets {
			if b.ID == "" || b.ResumeID != r.ID || b.Text == "" {
				t.Fatalf("incomplete bullet %+v", b)
			}
		}
	})
}

func FuzzParseJSON(f *testing.F) { fuzzParse(f, "f.json", "../data/ana-silva.json") }
func FuzzParseYAML(f *testing.F) { fuzzParse(f, "f.yaml", "../data/sam-ortiz.yaml") }
func FuzzParseText(f *testing.F) {
	fuzzParse(f, "f.txt", "../data/000_e069679e7ee00913.txt", "../data/002_6ca7291b08ba563c.txt", "../data/jordan-lee.md")
}
func FuzzParseHTML(f *testing.F) { fuzzParse(f, "f.html", "../data/priya-natarajan.html") }
func FuzzParseDOCX(f *testing.F) { fuzzParse(f, "f.docx", "../data/morgan-blake.docx") }
func FuzzParsePDF(f *testing.F)  { fuzzParse(f, "f.pdf", "../data/riley-chen.pdf") }
