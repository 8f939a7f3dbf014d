package match

import (
	"context"
	"strings"
	"testing"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// Rows that fail when one of leading's checks is taken out (review 17's
// sixth finding): each names the check it guards.

// TestLeadingSomethingElseIsDemoted guards evidence.go's demoted flag:
// with the strong gate, a bullet that leads a migration at a strong score
// for a requirement to lead people through it is partial and earns a
// demoted strong's credit, more than the flat partial credit (each at
// leadMiss's share: it leads no one). The requirement names no team: a
// team asked to be led is met only by a bullet that leads people
// (leadparts.go), so "Lead a team of site reliability engineers …" takes
// the flat partial from it. (A requirement that asks for nothing but
// leading people, "Lead site reliability engineers", has no evidence in
// it at all: peopleOnly.)
func TestLeadingSomethingElseIsDemoted(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("a", "A", "Acme", "Engineer", "2015-01", "2024-01", "Led the site reliability engineering Kubernetes migration with the SRE team"),
	}
	l := searchtest.Trained(t, corpus)
	eng := search.New(searchtest.Index(t, l, corpus), l, search.Options{SemanticRatio: 0.5})
	res, err := New(eng, Options{SemanticRatio: 0.5, StrongGate: true}).Match(context.Background(),
		Request{JobDescription: "## Requirements\n- Lead site reliability engineers through the Kubernetes migration\n- Lead a team of site reliability engineers through the Kubernetes migration\n"})
	if err != nil || len(res.Candidates) != 1 {
		t.Fatalf("%v, %+v", err, res)
	}
	flat := leadMiss * DefaultWeights().PartialCredit
	ev := evidenceFor(res.Candidates[0], "Lead site")
	if ev == nil || ev.Level != "partial" || ev.Score < strongAt || ev.Credit/ev.Recency <= flat+0.01 {
		t.Errorf("evidence %+v: want partial at a strong score, credited above the flat partial %v", ev, flat)
	}
	ev = evidenceFor(res.Candidates[0], "Lead a team")
	if ev == nil || ev.Level != "partial" || ev.Credit/ev.Recency > flat+0.01 {
		t.Errorf("evidence %+v: want partial at the flat credit %v (no team led)", ev, flat)
	}
}

// TestLeadsPeopleProbes guards objectEnds and leadReach: people named
// after "with" or far from the verb are not led.
func TestLeadsPeopleProbes(t *testing.T) {
	for _, text := range []string{
		"led the migration with the team",
		"Led the yearly planning of the billing platform roadmap and its budget alongside engineers",
	} {
		if leadsPeople(text) {
			t.Errorf("leadsPeople(%q) = true, want false", text)
		}
	}
}

// TestLeadRoleChecks guards leadRole's checks: the title's family, the
// requirement asking to lead people, a dated role, and the "in such
// roles" years note.
func TestLeadRoleChecks(t *testing.T) {
	corpus := []*vitae.Resume{
		resume("mkt", "M", "Acme", "Marketing Manager", "2014-01", "2024-03",
			"Ran Kubernetes in production for 40 services", "Planned the quarterly campaigns"),
		resume("undated", "U", "Contoso", "Engineering Manager, Infrastructure Engineering", "", "",
			"Ran Kubernetes in production for 40 services", "Planned the quarterly roadmap with finance"),
		resume("head", "H", "Northwind", "Head of DevOps", "2014-01", "2024-03",
			"Ran Kubernetes in production for 40 services", "Planned the quarterly roadmap with finance"),
	}
	got := matchOne(t, corpus, "## Requirements\n- 5+ years leading a team of SREs or DevOps engineers\n- Kubernetes in production\n")
	for _, id := range []string{"mkt", "undated"} {
		if ev := evidenceFor(got[id], "5+ years leading"); ev != nil && ev.Level == "strong" {
			t.Errorf("%s: evidence %+v, want partial at most", id, ev)
		}
	}
	if ev := evidenceFor(got["head"], "5+ years leading"); ev == nil || ev.Level != "strong" || ev.BulletID != "" {
		t.Errorf("head of DevOps: evidence %+v, want strong from the role", ev)
	}
	// Not a requirement to lead people: the title is no strong evidence.
	got = matchOne(t, corpus, "## Requirements\n- Automate DevOps deployment pipelines\n- Kubernetes in production\n")
	if ev := evidenceFor(got["head"], "Automate DevOps"); ev != nil && ev.Level == "strong" && ev.BulletID == "" {
		t.Errorf("head of DevOps, not leading: evidence %+v, want no strong from the role", ev)
	}
	// The years of a named role are said as such.
	got = matchOne(t, corpus, "## Requirements\n- 5+ years as a DevOps engineer or manager\n- Kubernetes in production\n")
	if ev := evidenceFor(got["head"], "Kubernetes"); ev == nil {
		t.Fatalf("head of DevOps: no Kubernetes evidence")
	}
	if ev := evidenceFor(got["head"], "5+ years as"); ev != nil && !strings.HasSuffix(ev.Years, " in such roles") {
		t.Errorf("head of DevOps: years note %q, want \"… in such roles\"", ev.Years)
	}
	if y := got["head"].Explain.Years; len(y) != 1 || y[0].Kind != "role" {
		t.Errorf("head of DevOps: years %+v, want kind role", y)
	}
}
