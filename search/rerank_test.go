package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"vitae"
	"vitae/lexicon"
)

// Identical bullets of several people fold into one hit that lists the
// others; KeepDuplicates lists every copy.
func TestCollapseDuplicates(t *testing.T) {
	rs := append(slices.Clone(corpus),
		resume("copy1", "Copy One", "Acme", "SRE", "2019", "", "Managed a group of six site reliability engineers"),
		resume("copy2", "Copy Two", "Initech", "SRE", "2018", "", "Managed a group of six  site reliability engineers"))
	s, _ := newEngineWith(t, rs)
	ctx := context.Background()
	for _, mode := range []vitae.Mode{vitae.ModeHybrid, vitae.ModeSemantic} {
		res, err := s.Search(ctx, vitae.Query{Text: "managed site reliability engineers", Mode: mode, SemanticRatio: 0.5, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		copies, folded := 0, 0
		for _, h := range res.Hits {
			if strings.HasPrefix(strings.ToLower(h.Text), "managed a group of six") {
				copies++
				folded += len(h.Duplicates)
			}
		}
		if copies != 1 || folded != 2 {
			t.Errorf("%s: %d hits carry the text, listing %d copies; want 1 listing 2", mode, copies, folded)
		}
		all, err := s.Search(ctx, vitae.Query{Text: "managed site reliability engineers", Mode: mode, SemanticRatio: 0.5, Limit: 10, KeepDuplicates: true})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, h := range all.Hits {
			if strings.HasPrefix(strings.ToLower(h.Text), "managed a group of six") {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%s with keep_duplicates: %d copies, want 3", mode, n)
		}
	}
}

// Gibberish matches nothing: the answer says so, counts 0 and shows only
// a few closest bullets; a real query passes the floor.
func TestRelevanceFloor(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	ctx := context.Background()
	for _, mode := range []vitae.Mode{vitae.ModeHybrid, vitae.ModeSemantic} {
		res, err := s.Search(ctx, vitae.Query{Text: "zxqv blorf", Mode: mode, SemanticRatio: 0.5, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if !res.NoMatch || res.Total != 0 || len(res.Hits) > noMatchShown {
			t.Errorf("%s gibberish: no_match %v, total %d, %d hits; want true, 0, ≤ %d", mode, res.NoMatch, res.Total, len(res.Hits), noMatchShown)
		}
		ok, err := s.Search(ctx, vitae.Query{Text: "led DevOps team", Mode: mode, SemanticRatio: 0.5, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if ok.NoMatch || ok.Total == 0 {
			t.Errorf("%s 'led DevOps team': no_match %v, total %d", mode, ok.NoMatch, ok.Total)
		}
	}
}

// A hit found by meaning says why in words: "was responsible for" for
// "led" (the lexicon), and marks it.
func TestReasonsAndHighlights(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	res, err := s.Search(context.Background(), vitae.Query{Text: "led DevOps team", Mode: vitae.ModeHybrid, SemanticRatio: 0.5, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var hit *vitae.Hit
	for i := range res.Hits {
		if res.Hits[i].ID == "dana-0" { // Upon becoming a manager, I was responsible for the DevOps team
			hit = &res.Hits[i]
		}
	}
	if hit == nil {
		t.Fatalf("dana-0 not in the top 10: %v", hitIDs(res.Hits))
	}
	found := false
	for _, r := range hit.Reasons {
		if r.Query == "led" && strings.EqualFold(r.Matched, "was responsible for") && r.Via == vitae.ViaLexicon {
			found = true
		}
	}
	if !found {
		t.Errorf("reasons %+v lack led ≈ was responsible for, via the lexicon", hit.Reasons)
	}
	marked := strings.Join(hit.Highlights, " ")
	if !strings.Contains(marked, "<mark>responsible</mark>") {
		t.Errorf("highlights %q do not mark responsible", marked)
	}
}

// Recruiter syntax works in every mode: a phrase is required, an
// excluded word leaves bullets out (meaning matches included), and a
// field filter in the text filters.
func TestQuerySyntax(t *testing.T) {
	s, _ := newEngineWith(t, corpus)
	ctx := context.Background()
	for _, mode := range []vitae.Mode{vitae.ModeKeyword, vitae.ModeSemantic, vitae.ModeHybrid} {
		for _, tc := range []struct {
			query string
			keep  func(vitae.Hit) bool
		}{
			{`"site reliability" engineers`, func(h vitae.Hit) bool { return strings.Contains(strings.ToLower(h.Text), "site reliability") }},
			{`team -nurses`, func(h vitae.Hit) bool { return !strings.Contains(strings.ToLower(h.Text), "nurse") }},
			{`team company:Mercy`, func(h vitae.Hit) bool { return h.Company == "Mercy" }},
		} {
			res, err := s.Search(ctx, vitae.Query{Text: tc.query, Mode: mode, SemanticRatio: 0.5, Limit: 20})
			if err != nil {
				t.Fatalf("%s %q: %v", mode, tc.query, err)
			}
			if len(res.Hits) == 0 && !res.NoMatch {
				t.Errorf("%s %q: no hits", mode, tc.query)
			}
			for _, h := range res.Hits {
				if !res.NoMatch && !tc.keep(h) {
					t.Errorf("%s %q returned %q", mode, tc.query, h.Text)
				}
			}
		}
		if _, err := s.Search(ctx, vitae.Query{Text: "-nurses", Mode: mode}); vitae.ErrorCode(err) != vitae.EINVALID {
			t.Errorf("%s: a query of exclusions only: %v, want invalid", mode, err)
		}
	}
}

// Five bullets are enough for meaning: the built-in model knows English
// and résumés before it sees the index, so a tiny index finds the
// paraphrase a large one finds.
func TestSmallIndexHasSemantics(t *testing.T) {
	rs := []*vitae.Resume{
		resume("a", "A", "Acme", "Manager", "2020", "", "Headed the SRE group"),
		resume("b", "B", "Bank", "Analyst", "2019", "", "Reconciled the quarterly ledgers"),
		resume("c", "C", "Cafe", "Chef", "2018", "", "Baked sourdough for the morning shift"),
		resume("d", "D", "Dept", "Clerk", "2017", "", "Filed the reliability reports of the site office"),
		resume("e", "E", "Edu", "Teacher", "2016", "", "Taught algebra to ninth graders"),
	}
	s, _ := newEngineWith(t, rs)
	res, err := s.Search(context.Background(), vitae.Query{Text: "led site reliability team", Mode: vitae.ModeSemantic, SemanticRatio: 0.5, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(hitIDs(res.Hits), "a-0") {
		t.Errorf("semantic top 3 for 'led site reliability team' on 5 bullets: %v, want a-0 (Headed the SRE group)", hitIDs(res.Hits))
	}
}

// Full coverage asks for every part that carries meaning: leading the
// team, not working with it; a generic verb is not asked for.
func TestFullCover(t *testing.T) {
	tests := []struct {
		query, bullet string
		want          bool
	}{
		{"led DevOps team", "Headed the SRE group", true},
		{"led DevOps team", "Worked with the DevOps team on CI", false},
		{"Kubernetes operators", "Wrote Kubernetes operators in Go", true},
		{"Kubernetes operators", "Ran Kubernetes clusters in production", false},
		{"made the site faster", "Made the site faster", false}, // one part that carries meaning: nothing to combine
	}
	for _, tt := range tests {
		u := Understand(lexicon.Default(), nil, tt.query)
		if got := fullCover(u.Parts, u.Cover(tt.bullet).PerPart); got != tt.want {
			t.Errorf("%q covers all of %q: %v, want %v", tt.bullet, tt.query, got, tt.want)
		}
	}
}

func TestFoldSpace(t *testing.T) {
	for _, s := range []string{
		"", "   ", "Led  the\tTeam\n", " ÉQUIPE  ÉTÉ ", "a\u00a0b\u0085c", "bad \xff utf8", "İstanbul ΣΑΣ", "x",
	} {
		want := strings.Join(strings.Fields(strings.ToLower(s)), " ")
		if got := foldSpace(s); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// Keyword mode lists every copy: it reads the hits up to the page's end
// only, so folding there folded another window on every page (a review
// found hits lost between pages and a total per page). Paged through,
// every hit shows once and the total holds.
func TestKeywordPagesListEveryCopy(t *testing.T) {
	var rs []*vitae.Resume
	for i := range 6 {
		id := "copy" + string(rune('a'+i))
		rs = append(rs, resume(id, "Copy "+id, "Acme", "SRE", "2019", "", "Led the kafka migration"))
	}
	rs = append(rs, resume("other", "Other", "Initech", "SRE", "2018", "", "Ran kafka clusters in production", "Tuned kafka consumers"))
	s, _ := newEngineWith(t, rs)
	ctx := context.Background()
	seen := map[string]bool{}
	totals := map[int]bool{}
	for off := 0; off < 12; off += 2 {
		res, err := s.Search(ctx, vitae.Query{Text: "kafka", Mode: vitae.ModeKeyword, Limit: 2, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		totals[res.Total] = true
		for _, h := range res.Hits {
			if seen[h.ID] {
				t.Errorf("offset %d: %s shown twice", off, h.ID)
			}
			seen[h.ID] = true
		}
	}
	if len(seen) != 8 || len(totals) != 1 || !totals[8] {
		t.Errorf("%d hits shown over the pages, totals %v; want 8, one total 8", len(seen), totals)
	}
}
