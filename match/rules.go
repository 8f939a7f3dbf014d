package match

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// rulesOf fingerprints what decides a match's scores besides the index
// and the model: the options that choose the evidence rules, the pool
// and the queries, and the weights as this job description set them.
// An audit replay compares it, so a changed configuration reads as a
// changed configuration, not as a bug (cmd/vitae replay).
func rulesOf(o Options, w Weights) string {
	b, _ := json.Marshal(struct {
		Mode            string  `json:"mode"`
		SemanticRatio   float64 `json:"semantic_ratio"`
		RecencyHalfLife float64 `json:"recency_half_life"`
		Pool            int     `json:"pool"`
		StrictEvidence  bool    `json:"strict_evidence"`
		StrongGate      bool    `json:"strong_gate"`
		ContextEvidence bool    `json:"context_evidence"`
		Ablate          string  `json:"ablate"`
		Weights         Weights `json:"weights"`
	}{string(o.Mode), o.SemanticRatio, o.RecencyHalfLife, o.Pool, o.StrictEvidence, o.StrongGate, o.ContextEvidence, o.Ablate, w})
	sum := sha256.Sum256(b)
	return "mr-" + hex.EncodeToString(sum[:6])
}
