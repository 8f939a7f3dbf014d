package search

import (
	"context"
	"errors"
	"testing"

	"vitae"
	"vitae/search/searchtest"
)

// unreadable is a real store whose résumé records cannot be read, as a
// Weaviate cluster short of a quorum answers.
type unreadable struct{ Store }

func (unreadable) Resume(string) (*vitae.Resume, error) {
	return nil, errors.New(`cannot achieve consistency level "QUORUM": read error`)
}

// An unnamed résumé's candidate is named from its record; when the
// record cannot be read the search still answers, the candidate keeping
// its bullets' name.
func TestCandidateNameWithoutRecord(t *testing.T) {
	rs := []*vitae.Resume{
		searchtest.Resume("000_e069679e", "000_e069679e", "Diamanti", "VP, Product", "2018-12", "", "Led a team of product managers"),
		searchtest.Resume("ana", "Ana", "Acme", "SRE", "2019", "", "Led the SRE team"),
	}
	rs[0].Unnamed = true
	emb := searchtest.Trained(t, rs)
	ix := searchtest.Index(t, emb, rs)
	q := vitae.Query{Text: "led team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, GroupBy: "candidate", Limit: 10}
	names := func(st Store) map[string]string {
		t.Helper()
		res, err := New(st, emb, Options{SemanticRatio: 0.5}).Search(context.Background(), q)
		if err != nil {
			t.Fatalf("search: %v", err)
		}
		out := map[string]string{}
		for _, c := range res.Candidates {
			out[c.ResumeID] = c.Person
		}
		return out
	}
	if got := names(ix)["000_e069679e"]; got != "VP, Product · Diamanti" {
		t.Errorf("read: unnamed candidate named %q, want its latest role · company", got)
	}
	got := names(unreadable{ix})
	if got["000_e069679e"] != "000_e069679e" || got["ana"] != "Ana" {
		t.Errorf("unreadable records: names %v, want the bullets' names", got)
	}
}
