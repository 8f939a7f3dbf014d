package match

// learnedModel is the learned strong gate's model (features: FeatureNames),
// fitted on the 187 strong picks of the strong gate among the 967 train
// pairs of eval/evidence.jsonl by `vitae eval --evidence
// eval/evidence.jsonl --fit-gate --fit-l2 50` (TestLearnedModelFit fits it
// again from testdata and compares). learnedAt is the probability a
// strong needs: no threshold reaches strong precision 0.85 under
// job-grouped cross-validation on the train pairs, so it is the most
// precise one that keeps train recall ≥ 0.3 (docs/matching.md, "The
// strong gate, fifth round: learned").
var learnedModel = Logit{
	Bias:    0.339594,
	Weights: []float64{0.0973966, -0.00422736, 0.212548, 0, 0.434589, 0.0411851, 0.135078, -0.0446297, 0, 0.0181365, 0.132095, -0.139247, 0.0556714, 0.078465, -0.061275, -0.023019, 0, 0.106868},
	Mean:    []float64{0.886151, 0.991979, 0.695187, 0, 0.834225, 0.889954, 0.405621, 2.82887, 0, 0.0802139, 1.3672, 0.0695187, 0.502674, 0.181818, 0.0909091, 2.27926, 1, 0.213904},
	Scale:   []float64{0.07768, 0.0510828, 0.460328, 1, 0.371879, 0.0827524, 0.171676, 0.641753, 1, 0.271624, 0.694921, 0.254334, 0.499993, 0.385695, 0.28748, 0.683246, 1, 0.41006},
}

const learnedAt = 0.55
