package match

import (
	"regexp"
	"testing"
)

func TestRulesFingerprint(t *testing.T) {
	base := Options{StrongGate: true, Pool: 150}
	want := rulesOf(base, defaultWeights)
	if !regexp.MustCompile(`^mr-[0-9a-f]{12}$`).MatchString(want) {
		t.Fatalf("rulesOf = %q", want)
	}
	if got := rulesOf(base, defaultWeights); got != want {
		t.Errorf("same options and weights: %q, then %q", want, got)
	}
	w := defaultWeights
	w.Length = 0
	for name, got := range map[string]string{
		"context evidence": rulesOf(Options{StrongGate: true, Pool: 150, ContextEvidence: true}, defaultWeights),
		"no gate":          rulesOf(Options{Pool: 150}, defaultWeights),
		"pool":             rulesOf(Options{StrongGate: true, Pool: 200}, defaultWeights),
		"ablation":         rulesOf(Options{StrongGate: true, Pool: 150, Ablate: "years"}, defaultWeights),
		"a weight":         rulesOf(base, w),
	} {
		if got == want {
			t.Errorf("%s: the fingerprint did not change (%s)", name, got)
		}
	}
}
