package match

import (
	"context"
	"math"
	"testing"

	"vitae/embed"
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
