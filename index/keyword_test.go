package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// lexicalPage is what a keyword search returns, to compare two rankings.
type lexicalPage struct {
	Total int
	Hits  []string // id:score
}

func lexicalRun(tb testing.TB, ix *Index, req LexicalRequest) lexicalPage {
	tb.Helper()
	res, err := ix.Lexical(context.Background(), req)
	if err != nil {
		tb.Fatal(err)
	}
	p := lexicalPage{Total: res.Total}
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, fmt.Sprintf("%s:%.9f@%d", h.Bullet.ID, h.Score, h.Rank))
	}
	return p
}

// twoStepsAtAnySize lets the small test indexes rank in two steps, and
// turns off the exact top-k, which ranks plain queries before them.
func twoStepsAtAnySize(tb testing.TB) {
	was, exact := twoStepsFrom, exactTopKOn
	twoStepsFrom, exactTopKOn = 0, false
	tb.Cleanup(func() { twoStepsFrom, exactTopKOn = was, exact })
}

// rolesCorpus is résumés whose roles share words with their bullets, so
// the role clause changes scores.
func rolesCorpus() []*vitae.Resume {
	roles := []string{"DevOps Engineer", "Engineering Manager", "Data Engineer", "Team Lead", "Nurse"}
	texts := []string{
		"Led the DevOps team through a Kubernetes migration",
		"Managed a team of data engineers",
		"Built data pipelines on Kubernetes",
		"Mentored engineers and ran the hiring loop",
		"Supervised a team of nurses on night shifts",
	}
	var rs []*vitae.Resume
	for i := range 30 {
		var ts []string
		for j := range 3 {
			ts = append(ts, fmt.Sprintf("%s, project %d", texts[(i+j)%len(texts)], i*3+j))
		}
		rs = append(rs, resume(fmt.Sprintf("r%02d", i), "P", "Acme", roles[i%len(roles)], "2020", "", []string{"Go"}, ts...))
	}
	return rs
}

// With every match a candidate, the two steps give the one query's
// ranking, scores, ranks and total, whatever the filters, syntax or page.
func TestKeywordTwoStepsMatchOneQuery(t *testing.T) {
	twoStepsAtAnySize(t)
	ix := open(t, Options{})
	if _, err := ix.Upsert(context.Background(), rolesCorpus()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  LexicalRequest
	}{
		{"one common word", LexicalRequest{Text: "team", Size: 10}},
		{"words in roles", LexicalRequest{Text: "devops engineer team", Size: 10}},
		{"second page", LexicalRequest{Text: "data engineers kubernetes", Size: 5, From: 5}},
		{"page past the matches", LexicalRequest{Text: "nurses", Size: 10, From: 40}},
		{"filter", LexicalRequest{Text: "team lead", Size: 10, Filters: vitae.Filters{Role: []string{"team lead", "nurse"}}}},
		{"phrase and exclusion", LexicalRequest{Text: "team engineers", Phrases: []string{"data engineers"}, Exclude: []string{"nurses"}, Size: 10}},
		{"ids only", LexicalRequest{Text: "kubernetes engineer", Size: 20, IDsOnly: true}},
		{"no match", LexicalRequest{Text: "astronaut", Size: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix.opts.RoleDepth = -1
			want := lexicalRun(t, ix, tt.req)
			ix.opts.RoleDepth = 1000
			got := lexicalRun(t, ix, tt.req)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-one query +two steps):\n%s", diff)
			}
		})
	}
}

// The role reorders the candidates; a bullet below them stays below
// however well its role matches (the trade RoleDepth sets).
func TestKeywordRoleDepth(t *testing.T) {
	twoStepsAtAnySize(t)
	ix := open(t, Options{})
	var rs []*vitae.Resume
	for i := range 5 {
		rs = append(rs, resume(fmt.Sprintf("plain%d", i), "P", "Acme", "Accountant", "2020", "", nil, "Ran Kubernetes clusters"))
	}
	rs = append(rs, resume("role", "P", "Acme", "Kubernetes Administrator", "2020", "", nil,
		"Ran Kubernetes clusters for the payments and the search teams in two regions"))
	if _, err := ix.Upsert(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	top := func(depth int) string {
		ix.opts.RoleDepth = depth
		res, err := ix.Lexical(context.Background(), LexicalRequest{Text: "kubernetes", Size: 1, IDsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 6 || len(res.Hits) != 1 {
			t.Fatalf("depth %d: total %d, %d hits; want 6 and 1", depth, res.Total, len(res.Hits))
		}
		return res.Hits[0].Bullet.ID
	}
	if got := top(-1); got != "role-0" {
		t.Errorf("one query: top %s, want role-0 (its role lifts it over shorter texts)", got)
	}
	if got := top(10); got != "role-0" {
		t.Errorf("depth 10: top %s, want role-0", got)
	}
	if got := top(1); got == "role-0" {
		t.Errorf("depth 1: role-0 reached the page from below the candidates")
	}
	twoStepsFrom = 7 // more bullets than the index has: one query
	if got := top(1); got != "role-0" {
		t.Errorf("small index, depth 1: top %s, want role-0", got)
	}
	twoStepsFrom, exactTopKOn = 0, true // the exact top-k ranks as one query
	if got := top(1); got != "role-0" {
		t.Errorf("exact top-k, depth 1: top %s, want role-0", got)
	}
}
