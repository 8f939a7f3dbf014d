package match

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"vitae"
)

// rulesOf fingerprints what decides a match's scores besides the index
// and the model: the mode its queries ran in, the options that choose
// the evidence rules, the pool and the answer's length, and the weights
// the match ended with. An audit replay compares it, so a changed
// configuration reads as a changed configuration, not as a bug (cmd/vitae
// replay). Options the rules ignore (the gate under the strict rules,
// context rules with neither) are left out, so toggling them changes
// nothing.
func rulesOf(o Options, mode vitae.Mode, w Weights) string {
	v := struct {
		Mode            string  `json:"mode"`
		SemanticRatio   float64 `json:"semantic_ratio"`
		RecencyHalfLife float64 `json:"recency_half_life"`
		Pool            int     `json:"pool"`
		MaxLimit        int     `json:"max_limit"`
		StrictEvidence  bool    `json:"strict_evidence"`
		StrongGate      bool    `json:"strong_gate"`
		ContextEvidence bool    `json:"context_evidence"`
		StrongSense     float64 `json:"strong_sense,omitempty"` // omitted when off: the rules ids logged before it stay
		StrongCap       []Kind  `json:"strong_cap,omitempty"`   // likewise
		LearnedGate     bool    `json:"learned_gate,omitempty"` // likewise
		Ablate          string  `json:"ablate"`
		Weights         Weights `json:"weights"`
	}{string(mode), o.SemanticRatio, o.RecencyHalfLife, o.Pool, o.MaxLimit,
		o.StrictEvidence, o.StrongGate && !o.StrictEvidence, o.ContextEvidence && (o.StrictEvidence || o.StrongGate),
		sense(o), capped(o), o.LearnedGate && o.StrongGate && !o.StrictEvidence, ablateKey(o.Ablate), w}
	b, err := json.Marshal(v)
	if err != nil {
		// JSON has no NaN or infinity: such a number (config.go refuses
		// them, a caller of the package may not) is fingerprinted by Go's
		// own text of every field, never by an empty one two sets of
		// options would share.
		b = fmt.Appendf(nil, "%#v", v)
	}
	sum := sha256.Sum256(b)
	return "mr-" + hex.EncodeToString(sum[:6])
}

// sense is the strong sense check's threshold the rules use: 0 when the
// gate it belongs to is off.
func sense(o Options) float64 {
	if !o.StrongGate || o.StrictEvidence {
		return 0
	}
	return o.StrongSense
}

// capped is the kinds whose strong is shown partial, sorted and each
// once, as "soft,act" and "act,soft,soft" cap alike: none when the gate
// they belong to is off.
func capped(o Options) []Kind {
	if !o.StrongGate || o.StrictEvidence {
		return nil
	}
	ks := slices.Clone(o.StrongCap)
	slices.Sort(ks)
	return slices.Compact(ks)
}
