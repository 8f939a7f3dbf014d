package weaviate_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/index"
	"vitae/index/weaviate"
	"vitae/index/weaviate/weaviatetest"
)

// TestStore runs the backend against one real node, beside the embedded
// backend on the same data where answers must agree.
func TestStore(t *testing.T) {
	node := weaviatetest.Start(t)
	t.Run("records", func(t *testing.T) { testRecords(t, openStore(t, node, weaviate.Options{})) })
	t.Run("same answers as embedded", func(t *testing.T) { testSameAnswers(t, openStore(t, node, weaviate.Options{})) })
	t.Run("vectors", func(t *testing.T) { testVectors(t, openStore(t, node, weaviate.Options{})) })
	t.Run("bad input", func(t *testing.T) { testBadInput(t, openStore(t, node, weaviate.Options{})) })
}

func testRecords(t *testing.T, s *weaviate.Store) {
	ctx := context.Background()
	rs := demo(t)
	ch, err := s.Upsert(ctx, rs)
	if err != nil {
		t.Fatal(err)
	}
	bullets := 0
	for _, r := range rs {
		bullets += len(r.Bullets)
	}
	if want := (index.Changes{Added: len(rs), Bullets: bullets}); ch != want {
		t.Errorf("first upsert: %+v, want %+v", ch, want)
	}
	if ch, err = s.Upsert(ctx, rs); err != nil || ch.Unchanged != len(rs) || ch.Bullets != 0 {
		t.Errorf("second upsert: %+v, %v; want all unchanged", ch, err)
	}
	for _, r := range rs {
		got, err := s.Resume(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r, got); diff != "" {
			t.Errorf("Resume(%s) (-want +got):\n%s", r.ID, diff)
		}
	}
	list, total, err := s.Resumes(1, 3)
	if err != nil || total != len(rs) || len(list) != 3 {
		t.Fatalf("Resumes(1, 3) = %d résumés, total %d, %v", len(list), total, err)
	}
	var want []string
	for _, r := range rs {
		want = append(want, r.ID)
	}
	slices.Sort(want)
	for i, r := range list {
		if r.ID != want[i+1] || len(r.Bullets) != 0 {
			t.Errorf("Resumes(1, 3)[%d] = %s with %d bullets, want %s without", i, r.ID, len(r.Bullets), want[i+1])
		}
	}
	all, _, err := s.Resumes(0, 0)
	if err != nil || len(all) != len(rs) {
		t.Errorf("Resumes(0, 0) = %d, %v; want all %d", len(all), err, len(rs))
	}
	src, err := s.Sources()
	if err != nil || len(src) != len(rs) || src[rs[0].Source] != rs[0].ID {
		t.Errorf("Sources = %v, %v", src, err)
	}

	// An update drops the bullets that are gone and keeps the others.
	r := *rs[0]
	r.Hash += "-edited"
	r.Bullets = r.Bullets[:1]
	if ch, err := s.Upsert(ctx, []*vitae.Resume{&r}); err != nil || ch.Updated != 1 {
		t.Fatalf("update: %+v, %v", ch, err)
	}
	gone := rs[0].Bullets[1].ID
	got, err := s.Bullets([]string{r.Bullets[0].ID, gone, "no-such-bullet"})
	if err != nil || len(got) != 1 || got[r.Bullets[0].ID].Text != r.Bullets[0].Text {
		t.Errorf("Bullets after update = %v, %v; want only the kept one", got, err)
	}

	// Erasure: nothing of the person is retrievable afterwards.
	victim := rs[1]
	if err := s.Delete(ctx, victim.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resume(victim.ID); !errors.Is(err, vitae.ErrNotFound) && vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("Resume after Delete: %v, want not found", err)
	}
	if err := s.Delete(ctx, victim.ID); vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("second Delete: %v, want not found", err)
	}
	res, err := s.Lexical(ctx, index.LexicalRequest{Text: victim.Bullets[0].Text, Size: 1000,
		Filters: vitae.Filters{Person: []string{victim.Person}}})
	if err != nil || res.Total != 0 {
		t.Errorf("Lexical for an erased person: total %d, %v", res.Total, err)
	}
	var ids []string
	for _, b := range victim.Bullets {
		ids = append(ids, b.ID)
	}
	if got, err := s.Bullets(ids); err != nil || len(got) != 0 {
		t.Errorf("Bullets of an erased person: %d, %v", len(got), err)
	}
}

// filterCases are the filters both backends must read alike.
var filterCases = []struct {
	name string
	f    vitae.Filters
}{
	{"none", vitae.Filters{}},
	{"two companies", vitae.Filters{Company: []string{"Initech", "GLOBEX"}}},
	{"person", vitae.Filters{Person: []string{"ana silva", "Nobody"}}},
	{"skill", vitae.Filters{Skill: []string{"kubernetes"}}},
	{"skills any of", vitae.Filters{Skill: []string{"Python", "Go", "SQL"}}},
	{"section", vitae.Filters{Section: []string{vitae.SectionProject, vitae.SectionEducation}}},
	{"since year", vitae.Filters{Since: "2021"}},
	{"until month", vitae.Filters{Until: "2015-06"}},
	{"window", vitae.Filters{Since: "2018-03", Until: "2019"}},
	{"skill and window", vitae.Filters{Skill: []string{"Kubernetes", "AWS"}, Since: "2020"}},
}

var queries = []string{"kubernetes", "led teams of engineers", "reduced latency", "patients nurses", "machine learning models"}

func testSameAnswers(t *testing.T, s *weaviate.Store) {
	ctx := context.Background()
	rs := demo(t)
	cases := slices.Clone(filterCases)
	for _, r := range rs { // a company of the data, upper-cased
		if b := r.Bullets[0]; b.Company != "" {
			cases = append(cases, struct {
				name string
				f    vitae.Filters
			}{"company upper-cased", vitae.Filters{Company: []string{strings.ToUpper(b.Company), "no such company"}}})
			break
		}
	}
	ix := embedded(t, rs)
	if _, err := s.Upsert(ctx, rs); err != nil {
		t.Fatal(err)
	}
	e := newEmbedder()
	embedAll(t, e, rs, ix, s)
	matches, neighbours := 0, 0
	defer func() {
		t.Logf("compared %d keyword matches and %d neighbours", matches, neighbours)
		if matches == 0 || neighbours == 0 {
			t.Error("nothing was compared: the cases match no bullet")
		}
	}()
	for _, fc := range cases {
		t.Run(fc.name, func(t *testing.T) {
			for _, q := range queries {
				req := index.LexicalRequest{Text: q, Filters: fc.f, Size: 1000, Highlight: true, Facets: true}
				want, err := ix.Lexical(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.Lexical(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				matches += want.Total
				if got.Total != want.Total {
					t.Errorf("Lexical(%q) total %d, embedded %d", q, got.Total, want.Total)
				}
				if diff := cmp.Diff(lexIDs(want.Hits), lexIDs(got.Hits)); diff != "" {
					t.Errorf("Lexical(%q) matches (-embedded +weaviate):\n%s", q, diff)
				}
				for _, h := range got.Hits {
					if h.Score <= 0 || len(h.Highlights) == 0 {
						t.Errorf("Lexical(%q) hit %s: score %v, highlights %v", q, h.Bullet.ID, h.Score, h.Highlights)
						break
					}
				}
				vec, _ := e.Embed(ctx, []string{q}, vitae.InputQuery)
				wantN, err := ix.Nearest(ctx, vec[0], 1000, fc.f)
				if err != nil {
					t.Fatal(err)
				}
				gotN, err := s.Nearest(ctx, vec[0], 1000, fc.f)
				if err != nil {
					t.Fatal(err)
				}
				neighbours += len(wantN)
				if diff := cmp.Diff(neighborIDs(wantN), neighborIDs(gotN)); diff != "" {
					t.Errorf("Nearest(%q) bullets (-embedded +weaviate):\n%s", q, diff)
				}
				if len(gotN) > 0 && len(wantN) > 0 && gotN[0].ID != wantN[0].ID {
					t.Errorf("Nearest(%q) first %s (%.4f), embedded %s (%.4f)", q, gotN[0].ID, gotN[0].Score, wantN[0].ID, wantN[0].Score)
				}
				ids := lexIDs(want.Hits)
				wantF, _ := ix.Facets(ids, 5)
				gotF, err := s.Facets(ids, 5)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(wantF, gotF); diff != "" {
					t.Errorf("Facets over %q's matches (-embedded +weaviate):\n%s", q, diff)
				}
			}
		})
	}
}

func lexIDs(hs []index.LexicalHit) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, h.Bullet.ID)
	}
	slices.Sort(out)
	return out
}

func neighborIDs(ns []index.Neighbor) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.ID)
	}
	slices.Sort(out)
	return out
}
