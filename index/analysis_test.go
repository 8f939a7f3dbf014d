package index

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Terms and Highlight analyse as the index does, with no index open.
func TestAnalysisWithoutIndex(t *testing.T) {
	tests := []struct {
		query, text string
		terms       []string // of text
		fragments   []string
		matched     []string
	}{
		{"managing teams", "Managed the DevOps team", []string{"manag", "devop", "team"},
			[]string{"<mark>Managed</mark> the DevOps <mark>team</mark>"}, []string{"Managed", "team"}},
		{"wiki", "Wrote <b>docs</b> & the wiki", []string{"wrote", "b", "doc", "b", "wiki"},
			[]string{"Wrote &lt;b&gt;docs&lt;/b&gt; &amp; the <mark>wiki</mark>"}, []string{"wiki"}},
		{"the of", "The team of nurses", []string{"team", "nurs"}, nil, nil},
		{"kubernetes", "", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if diff := cmp.Diff(tt.terms, Terms(tt.text)); diff != "" {
				t.Errorf("Terms(%q) (-want +got):\n%s", tt.text, diff)
			}
			frags, matched := Highlight(tt.query, tt.text)
			if diff := cmp.Diff(tt.fragments, frags); diff != "" {
				t.Errorf("fragments (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.matched, matched); diff != "" {
				t.Errorf("matched terms (-want +got):\n%s", diff)
			}
		})
	}
}
