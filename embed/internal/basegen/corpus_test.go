package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGlossDocs(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []string
	}{
		{"licence header skipped", "  1 This software and database is being provided\n", nil},
		{"words then gloss", "00004032 29 v 02 sigh 0 suspire 4 004 @ 00001740 v 0000 | heave or utter a sigh; \"She sighed sadly\"  \n",
			[]string{"sigh suspire heave or utter a sigh; \"She sighed sadly\"  "}},
		{"multi-word lemma, adjective marker", "00001740 00 a 02 able(a) 0 capable_of 0 000 | (usually followed by `to') having the necessary means\n",
			[]string{"able capable of (usually followed by `to') having the necessary means"}},
		{"no gloss", "00001740 00 a 01 able 0 000\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range glossDocs([]byte(tc.data), 3) {
				if d.resume || d.weight != 3 || len(d.units) != 1 {
					t.Errorf("doc %+v: want one unit, weight 3, not a résumé", d)
				}
				got = append(got, d.units...)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("glossDocs (-want +got):\n%s", diff)
			}
		})
	}
}
