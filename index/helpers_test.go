package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"vitae"
)

func open(tb testing.TB, opts Options) *Index {
	tb.Helper()
	if opts.Path == "" {
		opts.Path = tb.TempDir()
	}
	ix, err := Open(opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

// resume builds a résumé with one bullet per text.
func resume(id, person, company, role, start, end string, skills []string, texts ...string) *vitae.Resume {
	r := &vitae.Resume{ID: id, Person: person, Hash: fmt.Sprintf("%s-%d-%s", id, len(texts), strings.Join(texts, "|")), Source: "data/" + id + ".json"}
	for i, t := range texts {
		r.Bullets = append(r.Bullets, vitae.Bullet{
			ID: fmt.Sprintf("%s-%d", id, i), ResumeID: id, Person: person, Company: company, Role: role,
			Section: vitae.SectionWork, Start: start, End: end, Text: t, Skills: skills, Ref: fmt.Sprintf("/work/0/highlights/%d", i),
		})
	}
	return r
}

// projects is n résumés of per bullets each, "Shipped feature j of project r".
func projects(n, per int) []*vitae.Resume {
	var rs []*vitae.Resume
	for r := range n {
		var texts []string
		for j := range per {
			texts = append(texts, fmt.Sprintf("Shipped feature %d of project %d", j, r))
		}
		rs = append(rs, resume(fmt.Sprintf("r%02d", r), "P", "Acme", "Eng", "2020", "", nil, texts...))
	}
	return rs
}

func sample() []*vitae.Resume {
	return []*vitae.Resume{
		resume("alice", "Alice Smith", "Planet Labs", "Principal Engineer", "2016-01", "2018-08", []string{"Kubernetes"},
			"Led operationally-focused teams of DevOps engineers and SREs",
			"Deployed and operated Kubernetes on AWS and GCP"),
		resume("bob", "Bob Jones", "DUST Identity", "Engineering Manager", "2021-03", "", []string{"Python"},
			"Upon becoming a manager, I was responsible for the DevOps team",
			"Wrote <script>alert(1)</script> & other docs for the team wiki"),
		resume("carol", "Carol White", "Mercy General", "Charge Nurse", "2014", "2017", []string{"Epic EHR"},
			"Supervised a team of 12 registered nurses"),
	}
}

func ids(hits []LexicalHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Bullet.ID)
	}
	return out
}

func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

// embedAll gives every bullet lacking one a vector of e (what the
// pipeline's SyncVectors does, in one batch).
func embedAll(tb testing.TB, ix *Index, e vitae.Embedder) {
	tb.Helper()
	ctx := context.Background()
	var ids, texts []string
	if err := ix.MissingVectors(ctx, e.Model(), func(id, text string) error {
		ids, texts = append(ids, id), append(texts, text)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	vecs, err := e.Embed(ctx, texts, vitae.InputDocument)
	if err != nil {
		tb.Fatal(err)
	}
	if err := ix.PutVectors(ids, vecs, e.Model()); err != nil {
		tb.Fatal(err)
	}
}
