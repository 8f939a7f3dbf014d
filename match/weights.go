package match

// defaultWeights are the knobs of every match; docs/matching.md §2 gives
// the formula they enter and why each has its value.
var defaultWeights = Weights{
	MustHave:      2,
	NiceToHave:    1,
	StrongCredit:  1,
	PartialCredit: 0.5,
	StrongAt:      strongAt,
	PartialAt:     partialAt,
	Recency:       0.3,  // evidence from a role that ended long ago keeps at least 70% of its credit
	Experience:    0.15, // years short of the asked take off at most 15% of the score (chosen by cross-validation over eval/jobs-dev.jsonl and eval/jobs-train.jsonl; stop 21's leave-one-JD-out pick did not hold on the final build: docs/matching.md, "Weights re-chosen with feedback in the grid")
	RoleFit:       0.9,  // a title unlike the JD's takes off at most 90% (chosen as Experience)
	Soft:          0.25, // weight factor of a requirement naming no skill, tool or role (chosen by cross-validation over the same JDs before stop 21)
	TitleSearch:   0.25, // role fit ≥ 0.25 × the title query's relative hit: "Data Scientist" for a "Machine Learning Engineer" (chosen as Experience)
	TitlePool:     1,    // the title query counts as one more requirement query in the pool order (chosen as Soft)
	RoleSense:     0.75, // role fit is role words and role sense averaged 1 : 0.75 (chosen as Experience; docs/matching.md, "Role titles read for their meaning")
	RoleSenseFrom: 0.2,  // unrelated titles' cosine under the built-in model (chosen as RoleSense)
	RoleFamily:    0.6,  // a title of the JD role's lexicon family reads at least this near (docs/matching.md, "Role titles read by their family")
	Length:        0.3,  // a résumé of 40 bullets keeps 0.66 of its score, of 100 bullets 0.5 (chosen as Experience; docs/matching.md, "Long résumés match by chance")
	LengthFrom:    10,   // up to 10 bullets: no length factor

	// Partial evidence earns 0.5 at partial_at rising to 0.625 at strong_at
	// (strict rules; chosen on eval/jobs-dev.jsonl and eval/jobs-train.jsonl:
	// docs/matching.md, "Strict evidence as the default").
	PartialCreditTop: 0.625,
}

// FitDefinition says what a candidate's fit percent means, with the
// numbers of the default weights (answers carry the weights they ended
// with: a part switched off shows 0 there).
var FitDefinition = fitDefinition(defaultWeights)

// fitDefinition writes docs/matching.md §2 in a paragraph with w's
// numbers, so the text cannot keep a weight the code no longer has.
func fitDefinition(w Weights) string {
	return "fit = evidence × adjustment, in percent. evidence is the weighted share of the requirements the résumé shows " +
		"(must-haves weigh " + ftoa(w.MustHave) + ", nice-to-haves " + ftoa(w.NiceToHave) + ", × " + ftoa(w.Soft) + " for a requirement naming no skill, tool or role; " +
		"strong evidence counts " + ftoa(w.StrongCredit) + ", partial " + ftoa(w.PartialCredit) + " to " + ftoa(w.PartialCreditTop) + " (more the nearer the bullet comes to strong), " +
		"evidence from older roles slightly less); " +
		"adjustment = max(0, 1 − " + ftoa(w.RoleFit) + " × (1 − role fit) − " + ftoa(w.Experience) + " × (1 − years fit)) × length, " +
		"length being min(1, " + ftoa(w.LengthFrom) + " / the résumé's bullets)^" + ftoa(w.Length) + " (a long résumé meets more requirements by chance; 1 in the jobs a person fits, where it would be the same for every job), " +
		"role fit being the mean of role words and role sense, weighing s against " + ftoa(w.RoleSense) + ": role words are the share of the words of the role the JD title names, without employer, team and level, or one of its other names in parentheses, their best role title — their headline counts as one held now — carries; " +
		"a short name and its long one, \"PM\" and \"product manager\", are one; s is the share of those words some candidate's title carries, 1 unless a word of the role is in no one's title; " +
		"role sense is how near in meaning, under the search's embedding model, their best role title is to that role; a title of that role's lexicon family reads at least " + ftoa(w.RoleFamily) + " near; both slightly less for a role that ended long ago; " +
		"and at least " + ftoa(w.TitleSearch) + " × how well their résumé answers the JD title as a search query (relative to the best answer). Candidates with evidence for a must-have always rank first."
}

// senseDefinition ends FitDefinition in the answers of a match with the
// strong sense check on (Options.StrongSense): off, the text is as it was
// before the check came.
const senseDefinition = " With the strong sense check on, a bullet the rules call strong that the embedding model does not find near the requirement in meaning is shown as partial and still counts 1."
