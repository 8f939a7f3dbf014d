package match

import (
	"context"
	"math"
	"regexp"
	"testing"

	"vitae"
	"vitae/search"
	"vitae/search/searchtest"
)

func TestRulesFingerprint(t *testing.T) {
	base := Options{StrongGate: true, Pool: 150}
	want := rulesOf(base, "", defaultWeights)
	if !regexp.MustCompile(`^mr-[0-9a-f]{12}$`).MatchString(want) {
		t.Fatalf("rulesOf = %q", want)
	}
	// The default binary's rules, pinned: an option that is off (the
	// sense check, a strong cap) leaves it alone, so audit entries replay
	// as "same". A new weight changes it on purpose (role_family did,
	// docs/compliance.md): re-pin it then, and say so in the release.
	if want != "mr-ed1e16d4aaae" {
		t.Errorf("the default rules fingerprint as %s, want mr-ed1e16d4aaae (the audit log's)", want)
	}
	if got := rulesOf(base, "", defaultWeights); got != want {
		t.Errorf("same options and weights: %q, then %q", want, got)
	}
	// An ablation list names the same rules in any order and spacing.
	two := rulesOf(Options{StrongGate: true, Pool: 150, Ablate: "years,role-fit"}, "", defaultWeights)
	for _, list := range []string{"role-fit, years", " years , role-fit ", "years,role-fit,years"} {
		if got := rulesOf(Options{StrongGate: true, Pool: 150, Ablate: list}, "", defaultWeights); got != two {
			t.Errorf("Ablate %q: %s, want %s as for \"years,role-fit\"", list, got, two)
		}
	}
	w := defaultWeights
	w.Length = 0
	for name, got := range map[string]string{
		"context evidence": rulesOf(Options{StrongGate: true, Pool: 150, ContextEvidence: true}, "", defaultWeights),
		"no gate":          rulesOf(Options{Pool: 150}, "", defaultWeights),
		"pool":             rulesOf(Options{StrongGate: true, Pool: 200}, "", defaultWeights),
		"ablation":         rulesOf(Options{StrongGate: true, Pool: 150, Ablate: "years"}, "", defaultWeights),
		"a weight":         rulesOf(base, "", w),
		"mode":             rulesOf(base, vitae.ModeKeyword, defaultWeights),
		"max limit":        rulesOf(Options{StrongGate: true, Pool: 150, MaxLimit: 20}, "", defaultWeights),
		"strong sense":     rulesOf(Options{StrongGate: true, Pool: 150, StrongSense: 0.35}, "", defaultWeights),
		"strong cap":       rulesOf(Options{StrongGate: true, Pool: 150, StrongCap: []Kind{KindSoft}}, "", defaultWeights),
	} {
		if got == want {
			t.Errorf("%s: the fingerprint did not change (%s)", name, got)
		}
	}
	// Options the rules ignore change nothing.
	strict := rulesOf(Options{StrictEvidence: true, Pool: 150}, "", defaultWeights)
	for name, got := range map[string]string{
		"the gate under the strict rules":        rulesOf(Options{StrictEvidence: true, StrongGate: true, Pool: 150}, "", defaultWeights),
		"the sense check under the strict rules": rulesOf(Options{StrictEvidence: true, StrongGate: true, Pool: 150, StrongSense: 0.35}, "", defaultWeights),
		"the kind cap under the strict rules":    rulesOf(Options{StrictEvidence: true, StrongGate: true, Pool: 150, StrongCap: []Kind{KindSoft}}, "", defaultWeights),
	} {
		if got != strict {
			t.Errorf("%s: %s, want %s", name, got, strict)
		}
	}
	if a, b := rulesOf(Options{Pool: 150}, "", defaultWeights), rulesOf(Options{Pool: 150, ContextEvidence: true}, "", defaultWeights); a != b {
		t.Errorf("context rules with neither the gate nor the strict rules: %s, want %s", b, a)
	}
	if b := rulesOf(Options{StrongGate: true, Pool: 150, StrongCap: []Kind{}}, "", defaultWeights); b != want {
		t.Errorf("an empty kind cap: %s, want %s (the rules ids logged before it stay)", b, want)
	}
	// A cap is a set: its order and repeats change nothing.
	soft := rulesOf(Options{StrongGate: true, Pool: 150, StrongCap: []Kind{KindSoft, KindAct}}, "", defaultWeights)
	for _, ks := range [][]Kind{{KindAct, KindSoft}, {KindAct, KindSoft, KindSoft}} {
		if b := rulesOf(Options{StrongGate: true, Pool: 150, StrongCap: ks}, "", defaultWeights); b != soft {
			t.Errorf("strong cap %v: %s, want %s (as soft, act)", ks, b, soft)
		}
	}
	if a, b := rulesOf(Options{Pool: 150}, "", defaultWeights), rulesOf(Options{Pool: 150, StrongSense: 0.35}, "", defaultWeights); a != b {
		t.Errorf("the sense check without the gate: %s, want %s", b, a)
	}
	// A number JSON cannot hold still tells options apart.
	nan := math.NaN()
	a, b := rulesOf(Options{StrongGate: true, Pool: 150, SemanticRatio: nan}, "", defaultWeights), rulesOf(Options{StrongGate: true, Pool: 150, StrongSense: nan}, "", defaultWeights)
	if a == b || a == want || b == want {
		t.Errorf("NaN in the semantic ratio %s, in the sense threshold %s, neither %s: want three fingerprints", a, b, want)
	}
}

// A sense check or a learned gate set where no model can read is off,
// and the answer's rules say so: the same id as without it (replay reads
// no change).
func TestRulesSenseWithoutModel(t *testing.T) {
	rs := []*vitae.Resume{resume("sre", "S", "X", "Site Reliability Engineer", "2018", "", senseBullet)}
	eng := search.New(searchtest.Index(t, searchtest.Trained(t, rs), rs), nil, search.Options{})
	rules := func(o Options) string {
		res, err := New(eng, o).Match(context.Background(), Request{JobDescription: senseJD})
		if err != nil {
			t.Fatal(err)
		}
		return res.Rules
	}
	off := rules(Options{Mode: vitae.ModeKeyword, StrongGate: true})
	if on := rules(Options{Mode: vitae.ModeKeyword, StrongGate: true, StrongSense: 0.35}); on != off {
		t.Errorf("no model: rules %s with the sense check set, %s without; want the same", on, off)
	}
	if on := rules(Options{Mode: vitae.ModeKeyword, StrongGate: true, LearnedGate: true}); on != off {
		t.Errorf("no model: rules %s with the learned gate set, %s without; want the same", on, off)
	}
}
