package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
)

// words is six people whose company, role and name test word matching:
// punctuation, word order, prefixes, digits and letters beyond ASCII.
func words() []*vitae.Resume {
	return []*vitae.Resume{
		resume("ana", "Ana María Núñez", "BMC Software.", "Senior SRE", "2019", "", []string{"Go"}, "Ran the team's on-call"),
		resume("ben", "Ben O'Neil", "Google", "Lead Product Manager - Design", "2018", "", []string{"Google Cloud"}, "Led a design team"),
		resume("cy", "Cy Park", "Go Daddy", "Engineer", "2017", "", nil, "Shipped with the team"),
		resume("dee", "Dee Shah", "AT&T", "Product Manager", "2016", "", nil, "Grew the team"),
		resume("eli", "Eli Ōta", "Zürich Versicherung AG", "C++ Developer", "2015", "", nil, "Mentored the team"),
		resume("fay", "Fay Lund", "Web3 Labs", "Site Reliability Engineer (SRE)", "2014", "", nil, "Built the team's alerts"),
	}
}

// testWordFilters: company, role and person filters match when their
// words (letters and digits, any case) appear in the stored value in a
// row, in both retrievers; skills still match whole.
func testWordFilters(t *testing.T, h *harness) {
	h.upsert(words()...)
	h.embedAll("m1")
	tests := []struct {
		name string
		f    vitae.Filters
		want []string
	}{
		{"a word of the role", vitae.Filters{Role: []string{"SRE"}}, []string{"ana-0", "fay-0"}},
		{"words in a row", vitae.Filters{Role: []string{"Product Manager"}}, []string{"ben-0", "dee-0"}},
		{"punctuation in the filter ignored", vitae.Filters{Role: []string{"product-manager"}}, []string{"ben-0", "dee-0"}},
		{"the whole value", vitae.Filters{Role: []string{"lead product manager - design"}}, []string{"ben-0"}},
		{"an abbreviation is not its words", vitae.Filters{Role: []string{"PM"}}, nil},
		{"words out of order", vitae.Filters{Role: []string{"manager product"}}, nil},
		{"words not in a row", vitae.Filters{Role: []string{"product design"}}, nil},
		{"symbols split words", vitae.Filters{Role: []string{"c++"}}, []string{"eli-0"}},
		{"any of the values", vitae.Filters{Role: []string{"pm", "senior sre"}}, []string{"ana-0"}},
		{"punctuation in the stored value ignored", vitae.Filters{Company: []string{"BMC Software"}}, []string{"ana-0"}},
		{"stored punctuation in the filter too", vitae.Filters{Company: []string{"bmc software."}}, []string{"ana-0"}},
		{"a word, not a prefix", vitae.Filters{Company: []string{"Go"}}, []string{"cy-0"}},
		{"digits are word letters", vitae.Filters{Company: []string{"web"}}, nil},
		{"a word with digits", vitae.Filters{Company: []string{"WEB3"}}, []string{"fay-0"}},
		{"words joined by a symbol", vitae.Filters{Company: []string{"at&t"}}, []string{"dee-0"}},
		{"letters beyond ASCII, any case", vitae.Filters{Company: []string{"ZÜRICH"}}, []string{"eli-0"}},
		{"a surname", vitae.Filters{Person: []string{"núñez"}}, []string{"ana-0"}},
		{"accents ignored", vitae.Filters{Company: []string{"zurich"}}, []string{"eli-0"}},
		{"accents ignored in a name", vitae.Filters{Person: []string{"Nunez"}}, []string{"ana-0"}},
		{"accents in the filter ignored", vitae.Filters{Person: []string{"Éli ota"}}, []string{"eli-0"}},
		{"an apostrophe splits a name", vitae.Filters{Person: []string{"O'Neil"}}, []string{"ben-0"}},
		{"given names", vitae.Filters{Person: []string{"ana maría"}}, []string{"ana-0"}},
		{"company and role", vitae.Filters{Company: []string{"labs"}, Role: []string{"engineer"}}, []string{"fay-0"}},
		{"a skill matches whole", vitae.Filters{Skill: []string{"GO"}}, []string{"ana-0"}},
		{"not a word of a skill", vitae.Filters{Skill: []string{"cloud"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, h.lexical("team", tt.f)); diff != "" {
				t.Errorf("lexical (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, h.nearest(tt.f)); diff != "" {
				t.Errorf("vector (-want +got):\n%s", diff)
			}
		})
	}
	// A value without a letter or digit could match nothing: EINVALID.
	for _, f := range []vitae.Filters{{Role: []string{"--"}}, {Company: []string{"acme", "&"}}, {Person: []string{"."}}} {
		if _, err := h.s.Lexical(h.ctx, index.LexicalRequest{Text: "team", Filters: f, Size: 10}); vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("lexical with %+v: %v, want EINVALID", f, err)
		}
		if _, err := h.s.Nearest(h.ctx, query(), 10, f); vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("nearest with %+v: %v, want EINVALID", f, err)
		}
	}
}
