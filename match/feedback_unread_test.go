package match

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

// TestFeedbackUnread: candidate feedback on (the binary's default) where
// it cannot be read answers as feedback off, never with an error: the
// same candidates, weights and rules, a fit definition that says why in
// place of the feedback sentence, and a degraded answer only when the
// vectors should be there and are not. A keyword-only engine has no
// model to read résumés with; an index embedded by no model (or by
// another) has no vectors of the engine's; a JD only one candidate
// shows a must-have of has no top to read the others against.
func TestFeedbackUnread(t *testing.T) {
	l := searchtest.Trained(t, feedbackCorpus)
	bare := searchtest.Index(t, nil, feedbackCorpus) // no vectors
	embedded := search.New(searchtest.Index(t, l, feedbackCorpus), l, search.Options{SemanticRatio: 0.5})
	const lone = "## Requirements\n- Negotiated renewals and upsells with procurement\n"
	for _, tt := range []struct {
		name     string
		eng      *search.Engine
		mode     vitae.Mode
		jd       string
		reason   string
		degraded bool
	}{
		{"keyword only", search.New(bare, nil, search.Options{}), vitae.ModeKeyword, feedbackJD, "the search has no embedding model (keyword only)", false},
		{"no vectors of the model", search.New(bare, l, search.Options{SemanticRatio: 0.5}), "", feedbackJD, "the index has no bullet vectors of the search's model", true},
		{"one candidate with a must-have", embedded, "", lone, "1 of the first ranking's candidates with must-have evidence have a profile, 2 are needed", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			req := Request{JobDescription: tt.jd, Limit: 20}
			off, err := New(tt.eng, Options{SemanticRatio: 0.5, Mode: tt.mode}).Match(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			on, err := New(tt.eng, Options{SemanticRatio: 0.5, Mode: tt.mode, Feedback: 0.3}).Match(ctx, req)
			if err != nil {
				t.Fatalf("feedback on: %v, want the answer without feedback", err)
			}
			if len(on.Candidates) == 0 {
				t.Fatal("no candidates")
			}
			if d := cmp.Diff(off.Candidates, on.Candidates); d != "" {
				t.Errorf("candidates differ from feedback off (-off +on):\n%s", d)
			}
			if on.Weights != off.Weights || on.Rules != off.Rules {
				t.Errorf("weights %+v, rules %s; want those of feedback off, %+v, %s", on.Weights, on.Rules, off.Weights, off.Rules)
			}
			if want := off.FitDefinition + " Candidate feedback was not read: " + tt.reason + "."; on.FitDefinition != want {
				t.Errorf("fit definition ends %q, want it to end %q", tail(on.FitDefinition), tail(want))
			}
			said := strings.Contains(on.DegradedReason, "candidate feedback was not read: "+tt.reason)
			if said != tt.degraded || on.Degraded != (off.Degraded || tt.degraded) {
				t.Errorf("degraded %v (%q), feedback off %v; want the reason given: %v", on.Degraded, on.DegradedReason, off.Degraded, tt.degraded)
			}
		})
	}
}

// tail is the last sentence or so of a long text, for a short message.
func tail(s string) string {
	if i := strings.LastIndex(s, "first."); i >= 0 {
		return s[i:]
	}
	return s
}

// TestFitsReadNoFeedback: the jobs a person fits grade one candidate per
// job and rank no pool, so feedback on (the binary's default) changes
// none of Fit's or Fits' answers: not the scores, not the weights, not
// the fit definition.
func TestFitsReadNoFeedback(t *testing.T) {
	eng, off := engineWith(t, matchCorpus)
	on := New(eng, Options{SemanticRatio: 0.5, Feedback: 0.3})
	ctx := context.Background()
	want, err := off.Fits(ctx, "strong", fitJDs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := on.Fits(ctx, "strong", fitJDs)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Fits with feedback on differs (-off +on):\n%s", d)
	}
	req := Request{JobDescription: fitJDs[1].JobDescription}
	one, err := on.Fit(ctx, req, "strong")
	if err != nil {
		t.Fatal(err)
	}
	if one.Weights.Feedback != 0 || one.Weights.FeedbackTop != 0 || strings.Contains(one.FitDefinition, "feedback") {
		t.Errorf("Fit with feedback on: weights %+v, definition %q; want no feedback", one.Weights, tail(one.FitDefinition))
	}
	// Match, which ranks, reads it on the same matcher.
	ranked, err := on.Match(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if ranked.Weights.Feedback != 0.3 {
		t.Errorf("Match with feedback on: weights.feedback %v, want 0.3 (%s)", ranked.Weights.Feedback, ranked.DegradedReason)
	}
}
