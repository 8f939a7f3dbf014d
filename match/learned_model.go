package match

// learnedModel is the learned strong gate's model (features: FeatureNames),
// fitted on the 185 strong picks of the strong gate among the 821 train
// pairs of eval/evidence.jsonl by `vitae eval --evidence
// eval/evidence.jsonl --fit-gate --fit-l2 50` (TestLearnedModelFit fits it
// again from testdata and compares). learnedAt is the probability a
// strong needs: no threshold reaches strong precision 0.85 under
// job-grouped cross-validation on the train pairs, so it is the most
// precise one that keeps train recall ≥ 0.3 (docs/matching.md, "The
// strong gate, fifth round: learned").
var learnedModel = Logit{
	Bias:    0.369966,
	Weights: []float64{0.111816, -0.00456873, 0.195043, 0, 0.439803, 0.0529371, 0.139661, -0.0466705, 0, 0.016878, 0.126236, -0.146891, 0.0479071, 0.0670872, -0.0461075, -0.0405358, 0, 0.105032},
	Mean:    []float64{0.884921, 0.991892, 0.702703, 0, 0.832432, 0.888764, 0.40455, 2.83104, 0, 0.0810811, 1.37328, 0.0702703, 0.508108, 0.183784, 0.0864865, 2.29047, 1, 0.216216},
	Scale:   []float64{0.0771867, 0.0513514, 0.457069, 1, 0.373482, 0.0823993, 0.172244, 0.6447, 1, 0.27296, 0.691142, 0.255602, 0.499934, 0.387308, 0.281081, 0.675917, 1, 0.411663},
}

const learnedAt = 0.55
