package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/embed"
)

// A new embedding model never serves the old model's vectors: SyncVectors
// drops them and re-embeds every bullet, reporting progress.
func TestModelChangeReEmbedsEverything(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	if _, err := ix.Upsert(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	first := embed.NewLocal(embed.LocalOptions{Dim: 64})
	if n, err := ix.SyncVectors(ctx, first, nil); err != nil || n != 5 {
		t.Fatalf("first sync: %d, %v", n, err)
	}
	if n, _ := ix.SyncVectors(ctx, first, nil); n != 0 {
		t.Errorf("same model re-embedded %d bullets", n)
	}
	second := embed.NewLocal(embed.LocalOptions{Dim: 32})
	var last [2]int
	n, err := ix.SyncVectors(ctx, second, func(done, total int) { last = [2]int{done, total} })
	if err != nil || n != 5 {
		t.Fatalf("sync after model change: %d, %v", n, err)
	}
	if last != [2]int{5, 5} {
		t.Errorf("last progress %v, want [5 5]", last)
	}
	st, _ := ix.Stats()
	if st.Model != second.Model() || st.Vectors != 5 {
		t.Errorf("stats after model change: %+v", st)
	}
	q, _ := second.Embed(ctx, []string{"DevOps team"}, vitae.InputQuery)
	nn, err := ix.Nearest(ctx, q[0], 5, vitae.Filters{})
	if err != nil || len(nn) != 5 {
		t.Errorf("nearest with the new model's 32-d query: %v, %v", nn, err)
	}
}

// A bulk embed grows the vector store once, to the size it needs, rather
// than by doubling (which at a million vectors held up to 2 GiB for 1).
func TestSyncVectorsReservesOnce(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	var rs []*vitae.Resume
	for r := 0; r < 30; r++ {
		var texts []string
		for j := 0; j < 50; j++ {
			texts = append(texts, fmt.Sprintf("Shipped feature %d of project %d", j, r))
		}
		rs = append(rs, resume(fmt.Sprintf("r%02d", r), "P", "Acme", "Eng", "2020", "", nil, texts...))
	}
	if _, err := ix.Upsert(ctx, rs); err != nil {
		t.Fatal(err)
	}
	e := embed.NewLocal(embed.LocalOptions{Dim: 64})
	if n, err := ix.SyncVectors(ctx, e, nil); err != nil || n != 1500 {
		t.Fatalf("sync: %d, %v", n, err)
	}
	if n, _ := ix.vec.Count(); n != 1500 || ix.vec.Dim() != 64 {
		t.Fatalf("store holds %d vectors of %d dimensions, want 1500 of 64", n, ix.vec.Dim())
	}
	if c := ix.vec.Capacity(); c > 1500*11/10 {
		t.Errorf("store capacity %d vectors for 1500: grown by doubling, not reserved", c)
	}
}

// Filters mean the same in both retrievers (filter.go): for each filter,
// the bullets keyword search keeps are the ones vector search keeps.
func TestFilterParity(t *testing.T) {
	ctx := context.Background()
	ix := open(t, Options{})
	rs := []*vitae.Resume{
		resume("alice", "Alice Smith", "Planet Labs", "Principal Engineer", "2016-01", "2018-08", []string{"Kubernetes"}, "Led a team of SREs"),
		resume("bob", "Bob Jones", "DUST Identity", "Engineering Manager", "2021-03", "", []string{"Python"}, "Managed the DevOps team", "Wrote the team wiki"),
		resume("carol", "Carol White", "Mercy General", "Charge Nurse", "2014", "2017", []string{"Epic EHR"}, "Supervised a team of nurses"),
		resume("dave", "Dave Brown", "Planet Labs", "Staff Engineer", "2019-02", "2019-02", []string{"Go", "Kubernetes"}, "Shipped the team's billing service"),
		resume("erin", "Erin Gray", "Acme", "Engineer", "", "", []string{"go"}, "Shipped an undated team project"),
		resume("finn", "Finn Black", "Acme", "Engineer", "2020", "Present", nil, "Shipped a team tool, end unreadable"),
	}
	if _, err := ix.Upsert(ctx, rs); err != nil {
		t.Fatal(err)
	}
	e := embed.NewLocal(embed.LocalOptions{Dim: 32})
	if _, err := ix.SyncVectors(ctx, e, nil); err != nil {
		t.Fatal(err)
	}
	q, err := e.Embed(ctx, []string{"team"}, vitae.InputQuery)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    vitae.Filters
		want []string
	}{
		{"company, any case", vitae.Filters{Company: []string{" PLANET labs "}}, []string{"alice-0", "dave-0"}},
		{"role", vitae.Filters{Role: []string{"charge nurse"}}, []string{"carol-0"}},
		{"person", vitae.Filters{Person: []string{"bob jones"}}, []string{"bob-0", "bob-1"}},
		{"skill, any of", vitae.Filters{Skill: []string{"go", "epic ehr"}}, []string{"carol-0", "dave-0", "erin-0"}},
		{"section", vitae.Filters{Section: []string{vitae.SectionWork}}, []string{"alice-0", "bob-0", "bob-1", "carol-0", "dave-0", "erin-0", "finn-0"}},
		{"since: open roles kept, undated and unreadable ends not", vitae.Filters{Since: "2019"}, []string{"bob-0", "bob-1", "dave-0"}},
		{"until: a year is all of it", vitae.Filters{Until: "2016"}, []string{"alice-0", "carol-0"}},
		{"one month", vitae.Filters{Since: "2019-02", Until: "2019-02"}, []string{"dave-0"}},
		{"until reads the start only", vitae.Filters{Until: "2020"}, []string{"alice-0", "carol-0", "dave-0", "finn-0"}},
		{"filters combine", vitae.Filters{Company: []string{"planet labs"}, Since: "2017"}, []string{"alice-0", "dave-0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lex, err := ix.Lexical(ctx, LexicalRequest{Text: "team", Size: 50, Filters: tt.f})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, sortedCopy(ids(lex.Hits))); diff != "" {
				t.Errorf("lexical (-want +got):\n%s", diff)
			}
			nn, err := ix.Nearest(ctx, q[0], 50, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range nn {
				got = append(got, n.ID)
			}
			if diff := cmp.Diff(tt.want, sortedCopy(got)); diff != "" {
				t.Errorf("vector (-want +got):\n%s", diff)
			}
		})
	}
}
