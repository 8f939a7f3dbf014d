package ingest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSentences is the one table of the splitter's rules; résumé bullets
// (here) and job requirements (match) both follow it.
func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []Sentence
	}{
		{"two sentences", "Led a team. Shipped the app.", []Sentence{{0, "Led a team."}, {12, "Shipped the app."}}},
		{"before a digit or a quote", "Cut costs! 30% less. \"Best\" team?", []Sentence{{0, "Cut costs!"}, {11, "30% less."}, {21, "\"Best\" team?"}}},
		{"not before lower case", "Used Go, i.e. the language. wrote docs", []Sentence{{0, "Used Go, i.e. the language. wrote docs"}}},
		{"not after an abbreviation", "Worked at Acme Inc. Berlin office. Grew sales.", []Sentence{{0, "Worked at Acme Inc. Berlin office."}, {35, "Grew sales."}}},
		{"e.g. keeps going", "Cloud tools, e.g. Kubernetes and Terraform.", []Sentence{{0, "Cloud tools, e.g. Kubernetes and Terraform."}}},
		{"multi-byte offsets", "Café opened. Über fast.", []Sentence{{0, "Café opened."}, {14, "Über fast."}}},
		{"blank", "   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Sentences(tt.text)); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestHTMLLines pins the walker résumés and job descriptions share.
func TestHTMLLines(t *testing.T) {
	doc := `<html><head><title>x</title></head><body><h2>Experience</h2><p>Acme  <b>Corp</b></p>` +
		`<ul><li>Led a team</li><li>Cut costs</li></ul><script>alert(1)</script><div>Berlin<br>2020</div></body></html>`
	want := []string{"## Experience", "", "Acme Corp", "", "- Led a team", "- Cut costs", "Berlin", "", "2020", ""}
	got, err := HTMLLines([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("HTMLLines (-want +got):\n%s", diff)
	}
}
