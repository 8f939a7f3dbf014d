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

// An abbreviation written with an ampersand or a slash between single
// letters is one term, so "P&L" is never the letters p and l (which
// matched "L&T", "l. Ensuring" and "P&ID"); lists and tech names joined
// by a slash keep their words.
func TestTermsJoinAbbreviations(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Owned a P&L", []string{"own", "p&l"}},
		{"Owned the P & L", []string{"own", "p&l"}},
		{"p&l responsibility", []string{"p&l", "respons"}},
		{"Completed Internship in L&T", []string{"complet", "internship", "l&t"}},
		{"R&D, M&A, Q&A", []string{"r&d", "m&a", "q&a"}},
		{"AT&T's network", []string{"at&t", "network"}},
		{"P&IDs, SG&A, MITRE ATT&CK", []string{"p&ids", "sg&a", "mitr", "att&ck"}}, // joined terms are not stemmed
		{"A/B testing, I/O", []string{"a/b", "test", "i/o"}},
		{"CI/CD, TCP/IP", []string{"ci", "cd", "tcp", "ip"}},
		{"C/C++ and HTML/CSS", []string{"c", "c", "html", "css"}},
		{"Oil&Gas, LAN & WAN", []string{"oil", "ga", "lan", "wan"}},
		{"l. Ensuring travel", []string{"l", "ensur", "travel"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Terms(tt.text)); diff != "" {
				t.Errorf("Terms(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
	frags, matched := Highlight("P&L", "Owned the P & L and a P&L")
	if want := []string{"Owned the <mark>P &amp; L</mark> and a <mark>P&amp;L</mark>"}; !cmp.Equal(want, frags) {
		t.Errorf("Highlight fragments %q, want %q", frags, want)
	}
	if want := []string{"P & L", "P&L"}; !cmp.Equal(want, matched) {
		t.Errorf("Highlight matched %q, want %q", matched, want)
	}
}
