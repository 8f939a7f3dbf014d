package index

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// On small and odd indexes the exact top-k answers as bleve does, or
// leaves the query to bleve: an empty index, bullets without roles
// (bleve scores a field without length by tf-idf), repeated words, more
// terms than it takes.
func TestExactTopKOddIndexes(t *testing.T) {
	noRoles := func() []*vitae.Resume {
		return []*vitae.Resume{
			resume("a", "A", "Acme", "", "2020", "", nil, "Ran the data team", "Built data pipelines"),
			resume("b", "B", "Acme", "", "2020", "", nil, "Led a team of nurses"),
		}
	}
	tests := []struct {
		name    string
		resumes []*vitae.Resume
		text    string
		plan    bool // the top-k ranks it (else bleve does)
	}{
		{"empty index", nil, "team", false},
		{"no roles", noRoles(), "data team", false},
		{"roles", rolesCorpus(), "devops engineer team", true},
		{"repeated word", rolesCorpus(), "team team kubernetes", true},
		{"unknown word", rolesCorpus(), "zzz team", true},
		{"eleven terms", rolesCorpus(), "led devops team kubernetes migration managed data engineers pipelines mentored hiring", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := open(t, Options{RoleDepth: -1})
			if len(tt.resumes) > 0 {
				if _, err := ix.Upsert(context.Background(), tt.resumes); err != nil {
					t.Fatal(err)
				}
			}
			req := LexicalRequest{Text: tt.text, Size: 10}
			was := exactTopKOn
			defer func() { exactTopKOn = was }()
			exactTopKOn = false
			want := lexicalRun(t, ix, req)
			exactTopKOn = true
			got := lexicalRun(t, ix, req)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-bleve +top-k):\n%s", diff)
			}
			_, ok, err := ix.exactTopK(context.Background(), Terms(tt.text), 10, 0, nil)
			if err != nil || ok != tt.plan {
				t.Errorf("exactTopK ranked it: %v (err %v), want %v", ok, err, tt.plan)
			}
		})
	}
}
