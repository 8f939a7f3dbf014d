package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// againstBleve ranks req with bleve, then with the top-k, then with
// bleve again, and returns how the top-k's page differs from the nearer
// bleve one ("" if it equals either). Equal scores are ordered by the
// bullets' places in the index, which a merge running in the background
// may change between two searches; the top-k searched one of the two
// snapshots, so it must equal that one's answer.
func againstBleve(tb testing.TB, ix *Index, req LexicalRequest) string {
	tb.Helper()
	was := exactTopKOn
	defer func() { exactTopKOn = was }()
	exactTopKOn = false
	before := lexicalRun(tb, ix, req)
	exactTopKOn = true
	got := lexicalRun(tb, ix, req)
	exactTopKOn = false
	after := lexicalRun(tb, ix, req)
	before, got, after = tiesSorted(before), tiesSorted(got), tiesSorted(after)
	if cmp.Equal(before, got) || cmp.Equal(after, got) {
		return ""
	}
	return cmp.Diff(after, got)
}

// tiesSorted orders the hits of one score by ID, ranks kept: bleve orders
// ties by where its segments stand, which a background merge between two
// searches changes (CI once saw r18 first in one and last in the other).
func tiesSorted(p lexicalPage) lexicalPage {
	hits := slices.Clone(p.Hits)
	score := func(h string) string {
		s, _, _ := strings.Cut(h[strings.LastIndexByte(h[:strings.LastIndexByte(h, '@')], ':')+1:], "@")
		return s
	}
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && score(hits[j]) == score(hits[i]) {
			j++
		}
		ids := make([]string, 0, j-i)
		for _, h := range hits[i:j] {
			ids = append(ids, h[:strings.LastIndexByte(h[:strings.LastIndexByte(h, '@')], ':')])
		}
		slices.Sort(ids)
		for k := i; k < j; k++ {
			rank := hits[k][strings.LastIndexByte(hits[k], '@'):]
			hits[k] = ids[k-i] + ":" + score(hits[i]) + rank
		}
		i = j
	}
	return lexicalPage{Total: p.Total, Hits: hits}
}

// On small and odd indexes the exact top-k answers as bleve does, or
// leaves the query to bleve: an empty index, bullets without roles
// (bleve scores a field without length by tf-idf), repeated words, more
// terms than bleve's disjunction sums in order.
func TestExactTopKOddIndexes(t *testing.T) {
	noRoles := func() []*vitae.Resume {
		return []*vitae.Resume{
			resume("a", "A", "Acme", "", "2020", "", nil, "Ran the data team", "Built data pipelines"),
			resume("b", "B", "Acme", "", "2020", "", nil, "Led a team of nurses"),
		}
	}
	// Postings past topk_tf.go's table: a field of 70 words, a word said
	// nine times; beside them short ones that the table scores.
	long := func() []*vitae.Resume {
		return append(rolesCorpus(),
			resume("l", "L", "Acme", "Kubernetes team lead", "2020", "", nil,
				strings.Repeat("team ", 9)+strings.Repeat("kubernetes cluster upgrades ", 20)+"done"))
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
		{"long fields, many repeats", long(), "team kubernetes lead", true},
		{"eleven terms", rolesCorpus(), "led devops team kubernetes migration managed data engineers pipelines mentored hiring", true},
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
			if diff := againstBleve(t, ix, req); diff != "" {
				t.Errorf("(-bleve +top-k):\n%s", diff)
			}
			_, _, ok, err := ix.exactTopK(context.Background(), Terms(tt.text), 10, 0, nil, 0, true)
			if err != nil || ok != tt.plan {
				t.Errorf("exactTopK ranked it: %v (err %v), want %v", ok, err, tt.plan)
			}
		})
	}
}

// The bounds of segments merged away or replaced leave the cache, and a
// write does not change a ranking through stale bounds.
func TestBoundCacheFollowsSegments(t *testing.T) {
	ix := open(t, Options{RoleDepth: -1})
	ctx := context.Background()
	rs := rolesCorpus()
	if _, err := ix.Upsert(ctx, rs[:10]); err != nil {
		t.Fatal(err)
	}
	req := LexicalRequest{Text: "team kubernetes engineer", Size: 10}
	lexicalRun(t, ix, req)
	if len(ix.bounds.m) == 0 {
		t.Fatal("no bounds cached after a search")
	}
	churnAgainstBleve(t, ix, rs, req)
	for k := range ix.bounds.m {
		if !slices.Contains(ix.bounds.live, k.seg) {
			t.Errorf("bound of a segment not in the last snapshot: %q", k.term)
		}
	}
}

// churnAgainstBleve deletes rs[0] and adds rs[10:] one at a time (new
// segments, merges), checking req's page against bleve's after each: the
// caches keyed by segment must follow the snapshots.
func churnAgainstBleve(t *testing.T, ix *Index, rs []*vitae.Resume, req LexicalRequest) {
	t.Helper()
	ctx := context.Background()
	if err := ix.Delete(ctx, rs[0].ID); err != nil {
		t.Fatal(err)
	}
	for _, r := range rs[10:] {
		if _, err := ix.Upsert(ctx, []*vitae.Resume{r}); err != nil {
			t.Fatal(err)
		}
		if diff := againstBleve(t, ix, req); diff != "" {
			t.Fatalf("after adding %s (-bleve +top-k):\n%s", r.ID, diff)
		}
	}
}

// NoTotal leaves the hits as they are and skips the count.
func TestNoTotalSameHits(t *testing.T) {
	ix := open(t, Options{RoleDepth: -1})
	if _, err := ix.Upsert(context.Background(), rolesCorpus()); err != nil {
		t.Fatal(err)
	}
	req := LexicalRequest{Text: "devops team kubernetes", Size: 3}
	with := lexicalRun(t, ix, req)
	req.NoTotal = true
	without := lexicalRun(t, ix, req)
	if with.Total <= len(with.Hits) || without.Total != 0 {
		t.Fatalf("totals %d with, %d without: want more than the page's %d, then 0", with.Total, without.Total, len(with.Hits))
	}
	if diff := cmp.Diff(with.Hits, without.Hits); diff != "" {
		t.Errorf("hits (-with total +without):\n%s", diff)
	}
}

func TestTiesSorted(t *testing.T) {
	in := lexicalPage{Total: 3, Hits: []string{"r18-2:0.146104336@1", "r08-2:0.146104336@2", "r05-1:0.112923544@3"}}
	want := lexicalPage{Total: 3, Hits: []string{"r08-2:0.146104336@1", "r18-2:0.146104336@2", "r05-1:0.112923544@3"}}
	if got := tiesSorted(in); !cmp.Equal(got, want) {
		t.Errorf("tiesSorted:\n%s", cmp.Diff(want, got))
	}
}
