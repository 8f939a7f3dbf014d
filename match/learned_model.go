package match

// learnedModel is the learned strong gate's model (features: FeatureNames),
// fitted on the 163 strong picks of the strong gate among the 967 train
// pairs of eval/evidence.jsonl by `vitae eval --evidence
// eval/evidence.jsonl --fit-gate --fit-l2 50` (TestLearnedModelFit fits it
// again from testdata and compares). learnedAt is the probability a
// strong needs, chosen by the fit: the lowest whose job-grouped
// cross-validated strong precision on the train pairs reaches 0.85 with
// 10 calls or more (re-fitted after the sixth round's rules: 0.857 /
// 0.055 (14)), else the most precise that keeps train recall ≥ 0.3
// (docs/matching.md, "The strong gate, fifth round: learned" and "sixth
// round").
var learnedModel = Logit{
	Bias:    0.756897,
	Weights: []float64{0.0565468, 0.0364478, 0.229709, 0, 0.39616, -0.0064024, 0.0475374, -0.0340893, 0, 0.123459, 0.153737, -0.144531, 0.0805539, 0.0388609, -0.0675106, 0.0698842, 0, 0.0748907},
	Mean:    []float64{0.891474, 0.990798, 0.699387, 0, 0.865031, 0.895837, 0.415356, 2.83513, 0, 0.0674847, 1.34921, 0.0736196, 0.484663, 0.208589, 0.0920245, 2.19573, 1, 0.220859},
	Scale:   []float64{0.0818651, 0.054615, 0.458525, 1, 0.341691, 0.087101, 0.167852, 0.622668, 1, 0.250859, 0.694986, 0.261151, 0.499765, 0.4063, 0.289061, 0.692847, 1, 0.414826},
}

const learnedAt = 0.8
