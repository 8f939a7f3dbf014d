package match

// LearnedAt is learnedAt for the external tests, which check it against
// the fit (learned_at_test.go).
const LearnedAt = learnedAt
