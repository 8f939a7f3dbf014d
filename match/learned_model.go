package match

// learnedModel is the learned strong gate's model (features: FeatureNames),
// fitted on the 229 strong picks of the strong gate among the 1097 train
// pairs of eval/evidence.jsonl by `vitae eval --evidence
// eval/evidence.jsonl --fit-gate --fit-l2 50` (TestLearnedModelFit fits it
// again from testdata and compares). learnedAt is the probability a
// strong needs, chosen by the fit: the lowest whose job-grouped
// cross-validated strong precision on the train pairs reaches 0.85 with
// 10 calls or more (re-fitted after the sixth round's rules: 0.857 /
// 0.055 (14); after stop 32's lexicon, where none reaches it: 0.750 /
// 0.468 (168) at 0.6), else the most precise that keeps train recall ≥ 0.3
// (docs/matching.md, "The strong gate, fifth round: learned" and "sixth
// round").
var learnedModel = Logit{
	Bias:    0.703714,
	Weights: []float64{0.00978582, 0.0691127, 0.233962, 0, 0.367731, -0.0366416, 0.0472192, 0.0208966, 0, 0.0930109, 0.118648, -0.116561, 0.12459, 0.00734092, -0.0192123, 0.108682, 0, 0.182338},
	Mean:    []float64{0.892466, 0.991994, 0.737991, 0, 0.912664, 0.896226, 0.423508, 2.83964, 0, 0.0524017, 1.37943, 0.0524017, 0.510917, 0.227074, 0.0786026, 2.22875, 1, 0.222707},
	Scale:   []float64{0.08129, 0.0510344, 0.439727, 1, 0.282327, 0.0852857, 0.16645, 0.618645, 1, 0.222836, 0.684549, 0.222836, 0.499881, 0.418941, 0.269118, 0.814275, 1, 0.416063},
}

const learnedAt = 0.6
