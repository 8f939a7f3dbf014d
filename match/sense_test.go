package match

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestGradeSense pins the strong gate's sense check (Options.StrongSense):
// a strong grade of the rules stands only when the model finds the pair
// at least that near; it never promotes, and without the gate it does
// nothing. The built-in model untrained (lexicon and subwords) is real
// and deterministic; the thresholds bracket what it answers.
func TestGradeSense(t *testing.T) {
	const (
		req    = "Experience with big relational databases (PostgreSQL, MySQL) and cache layers (memcache, Redis)"
		strong = "Designed PostgreSQL schemas and a Redis cache layer for the billing service"
		listed = "Developed a cyber security solution, using advanced analytics to aggregate and identify malicious threats and vulnerabilities."
		secReq = "Experience in web app security, vulnerability research, and penetration testing"
	)
	emb := embed.NewLocal(embed.LocalOptions{})
	gate := func(at float64) *Grader { return NewGraderFor(Options{StrongGate: true}).WithSense(emb, at) }
	tests := []struct {
		name        string
		g           *Grader
		req, bullet string
		want        Level
	}{
		{"near enough: strong stands", gate(0.01), req, strong, Strong},
		{"too far: strong is partial", gate(0.999), req, strong, Partial},
		{"the check never promotes", gate(0.01), secReq, listed, Partial},
		{"none stays none", gate(0.01), req, "Organised the office summer party", None},
		{"no gate, no check", NewGrader().WithSense(emb, 0.999), req, strong, Strong},
		{"threshold 0 is no check", gate(0), req, strong, Strong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, score := tt.g.Grade(tt.req, tt.bullet); got != tt.want {
				t.Errorf("Grade = %v (score %.3f), want %v", got, score, tt.want)
			}
		})
	}
}

// TestStrongSenseLevels: on the corpus with the sense check, every bullet
// the matcher shows has the level the Grader with the same check gives
// it, a strong the model does not confirm is shown partial but keeps the
// strong credit, and so every candidate scores as without the check.
func TestStrongSenseLevels(t *testing.T) {
	const at = 0.35
	def := corpusMatcher(t)
	base := Options{StrongGate: true, ContextEvidence: true, SemanticRatio: 0.5, RecencyHalfLife: 5}
	withSense := base
	withSense.StrongSense = at
	ctx := context.Background()
	without, err := New(def.b, base).Match(ctx, Request{JobDescription: issueJD, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	got, err := New(def.b, withSense).Match(ctx, Request{JobDescription: issueJD, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got.Degraded {
		t.Fatalf("degraded: %s", got.DegradedReason)
	}
	mustHavesFirst(t, got.Candidates)
	if len(got.Candidates) != len(without.Candidates) {
		t.Fatalf("%d candidates with the check, %d without", len(got.Candidates), len(without.Candidates))
	}
	for i, c := range got.Candidates {
		if w := without.Candidates[i]; c.ResumeID != w.ResumeID || c.Score != w.Score {
			t.Errorf("rank %d: %s at %.3f with the check, %s at %.3f without", i+1, c.ResumeID, c.Score, w.ResumeID, w.Score)
		}
	}
	rules := NewGraderFor(base)
	sensed := NewGraderFor(base).WithSense(def.emb, at)
	checked, unconfirmed := 0, 0
	for _, c := range got.Candidates {
		for _, ev := range c.Matched {
			if ev.BulletID == "" {
				continue // a role title or the skills list, graded apart
			}
			checked++
			lv, _ := sensed.Grade(ev.Requirement, ev.Text)
			if lv.String() != ev.Level {
				t.Errorf("%s, %q for %q: matcher says %s, grader %v", c.ResumeID, ev.Text, ev.Requirement, ev.Level, lv)
			}
			if rl, _ := rules.Grade(ev.Requirement, ev.Text); rl == Strong && lv != Strong {
				unconfirmed++
				if got := ev.Credit / ev.Recency; math.Abs(got-1) > 0.01 {
					t.Errorf("%s, %q: an unconfirmed strong earns %.3f, want 1", c.ResumeID, ev.Text, got)
				}
			}
		}
	}
	if checked < 20 || unconfirmed == 0 {
		t.Fatalf("checked %d evidence bullets, %d unconfirmed strongs; want at least 20 and 1", checked, unconfirmed)
	}
}

// TestSenseShowsConfirmed: at one credit, the strong a model confirms is
// the evidence shown, not a strong it does not confirm that was read
// first with the same score (which keeps the strong credit too).
func TestSenseShowsConfirmed(t *testing.T) {
	const (
		jd       = "# Site Reliability Engineer\n## Requirements\n- Kubernetes in production\n"
		far      = "Kubernetes in production at a bakery chain, also baked bread and cakes for the morning shift"
		confirms = "Ran Kubernetes in production"
	)
	ctx := context.Background()
	emb := embed.NewLocal(embed.LocalOptions{})
	sc := testScorer(t, jd)
	texts := []string{sc.jd.Requirements[0].Text}
	q, err := emb.Embed(ctx, texts, vitae.InputQuery)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := emb.Embed(ctx, []string{far, confirms}, vitae.InputDocument)
	if err != nil {
		t.Fatal(err)
	}
	cf, cc := cosine(q[0], vs[0]), cosine(q[0], vs[1])
	if cf >= cc {
		t.Fatalf("fixture: cosine %.3f of the far bullet, %.3f of the near one; want the far one lower", cf, cc)
	}
	sc.gate = newGate(newAnalyzer(true), texts, nil)
	if sc.gate.sense, err = newSenseCheck(ctx, emb, (cf+cc)/2, texts); err != nil {
		t.Fatal(err)
	}
	c, ok := sc.candidate(resume("sre", "S", "X", "Engineer", "", "", far, confirms), roleScore{fit: 1})
	if !ok || len(c.Matched) != 1 {
		t.Fatalf("candidate %+v, %v: want one requirement met", c.Matched, ok)
	}
	if ev := c.Matched[0]; ev.Text != confirms || ev.Level != "strong" || ev.Credit != 1 {
		t.Errorf("shown %q at %s, credit %.3f; want %q, strong, 1", ev.Text, ev.Level, ev.Credit, confirms)
	}
}

// TestSenseModelDown: with the check on and a model that cannot embed,
// no strong grade stands (none could be confirmed) and a match says it
// is degraded. The model is an OpenAI-compatible server that refuses.
func TestSenseModelDown(t *testing.T) {
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":{"message":"no"}}`, http.StatusBadRequest)
	}))
	t.Cleanup(down.Close)
	oa, err := embed.NewOpenAI(embed.OpenAIConfig{BaseURL: down.URL + "/v1", Model: "m", Dimensions: 8, MaxRetries: 1, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	g := NewGraderFor(Options{StrongGate: true}).WithSense(oa, 0.01)
	if lv, _ := g.Grade("Kubernetes in production", "Ran Kubernetes in production"); lv != Partial {
		t.Errorf("Grade with the model down = %v, want partial", lv)
	}

	rs := []*vitae.Resume{resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", "Ran Kubernetes clusters in production")}
	l := searchtest.Trained(t, rs)
	eng := search.New(searchtest.Index(t, l, rs), oa, search.Options{})
	m := New(eng, Options{Mode: vitae.ModeKeyword, StrongGate: true, StrongSense: 0.01})
	res, err := m.Match(context.Background(), Request{JobDescription: "# SRE\n## Requirements\n- Kubernetes in production\n"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Degraded || !strings.Contains(res.DegradedReason, "strong evidence was not confirmed") {
		t.Errorf("degraded %v (%q); want the strong evidence check named", res.Degraded, res.DegradedReason)
	}
	if len(res.Candidates) != 1 || res.Candidates[0].Coverage.Strong != 0 || res.Candidates[0].Coverage.Met != 1 {
		t.Fatalf("candidates %+v: want one, meeting the requirement with no strong evidence", res.Candidates)
	}
}

// TestSenseTitleKeepsRanking: a role title the rules call strong is
// partial evidence at the title's credit whatever the model says, so the
// sense check leaves it alone: before, an unconfirmed title lost to the
// skills list (partial at full credit where the title's is lowered by
// its age) and the check moved the score.
func TestSenseTitleKeepsRanking(t *testing.T) {
	const jd = "# Platform Engineer\n## Requirements\n- Kubernetes administrator\n"
	r := resume("k", "K", "X", "Kubernetes Cluster Administrator", "2004", "2008", "Organised the office summer party")
	r.Skills = []string{"Kubernetes"}
	ctx := context.Background()
	emb := embed.NewLocal(embed.LocalOptions{})
	score := func(at float64) Candidate {
		sc := testScorer(t, jd)
		sc.w.RecencyHalfLife, sc.now = 5, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		texts := []string{sc.jd.Requirements[0].Text}
		sc.gate = newGate(newAnalyzer(true), texts, nil)
		if at > 0 {
			var err error
			if sc.gate.sense, err = newSenseCheck(ctx, emb, at, texts); err != nil {
				t.Fatal(err)
			}
		}
		c, ok := sc.candidate(r, roleScore{fit: 1})
		if !ok || len(c.Matched) != 1 {
			t.Fatalf("candidate %+v, %v: want one requirement met", c.Matched, ok)
		}
		return c
	}
	q, err := emb.Embed(ctx, []string{"Kubernetes administrator"}, vitae.InputQuery)
	if err != nil {
		t.Fatal(err)
	}
	d, err := emb.Embed(ctx, []string{"Kubernetes Cluster Administrator"}, vitae.InputDocument)
	if err != nil {
		t.Fatal(err)
	}
	cos := cosine(q[0], d[0])
	if cos > 0.999 {
		t.Fatalf("fixture: the title's cosine is %.4f; want room above it", cos)
	}
	without, with := score(0), score((cos+1)/2) // the model does not confirm the title
	if ev := without.Matched[0]; ev.BulletID != "" || ev.Text != "Kubernetes Cluster Administrator" || ev.Credit >= defaultWeights.PartialCredit {
		t.Fatalf("fixture: without the check %q at credit %.3f; want the old role title below %.2f", ev.Text, ev.Credit, defaultWeights.PartialCredit)
	}
	if with.Score != without.Score || with.Matched[0].Text != without.Matched[0].Text || with.Matched[0].Level != without.Matched[0].Level {
		t.Errorf("with the check %q (%s) scores %.3f, without %q (%s) %.3f; want the same",
			with.Matched[0].Text, with.Matched[0].Level, with.Score, without.Matched[0].Text, without.Matched[0].Level, without.Score)
	}
}
