package match

import (
	"encoding/json"

	"vitae"
)

// The request and answer of a match: web and cmd depend on these shapes;
// they are the JSON of POST /api/v1/match and `vitae match --json`.

// MaxTitle is the longest Request.Title, in characters (a stored job's
// title is as long at most).
const MaxTitle = 200

// Request asks for the candidates that best cover a job description.
type Request struct {
	JobDescription string `json:"job_description"`
	// Title names the job when its description names none (a stored
	// job's title): role fit then reads it. The description's own title
	// wins when it has one.
	Title string `json:"title,omitempty"` // at most MaxTitle characters
	// Format is "text", "markdown", "html" or "json" (JSON Resume job
	// schema); empty means detect.
	Format string     `json:"format,omitempty"`
	Limit  int        `json:"limit,omitempty"`
	Mode   vitae.Mode `json:"mode,omitempty"`
}

// Requirement is one thing a job description asks for.
type Requirement struct {
	Text       string   `json:"text"`
	MustHave   bool     `json:"must_have"`
	Skills     []string `json:"skills,omitempty"`
	Years      float64  `json:"years,omitempty"` // "5+ years of Go" → 5
	Leadership bool     `json:"leadership,omitempty"`
	// TotalYears is the career's years a requirement to lead asks beside
	// the years of leading ("10+ years of engineering, with 3-5 years
	// leading teams" → Years 3, TotalYears 10); both are checked.
	TotalYears float64 `json:"total_years,omitempty"`
	// Core is, in a match with Weights.Core on, whether the requirement
	// names a word of the role the JD title names besides its head noun
	// ("data" of "Data Engineer", rolecore.go): the weight of a requirement
	// that does not is × (1 − core_weight).
	Core bool `json:"core,omitempty"`
	// Weight is what the requirement counts for in the evidence mean:
	// must_have or nice_to_have, × soft when it names no skill, tool or
	// role, × (1 − core_weight) when not core. Set in a match's answer.
	Weight float64 `json:"weight,omitempty"`
}

// Evidence is the best bullet of a candidate for one requirement, or the
// skills list when only it names the requirement's skill.
type Evidence struct {
	Requirement      string `json:"requirement"`
	RequirementIndex int    `json:"requirement_index"`
	MustHave         bool   `json:"must_have"`
	// Level is "strong" (the requirement's skill or object and its action
	// or outcome) or "partial" (part of it, a bare tool list, a skill only
	// listed); Plain says it in words for the page.
	Level     string   `json:"level"`
	Plain     string   `json:"plain"`
	BulletID  string   `json:"bullet_id,omitempty"`
	Text      string   `json:"text"`
	Highlight string   `json:"highlight"`       // Text, HTML-escaped, matching words in <mark>
	Terms     []string `json:"terms,omitempty"` // the words that carry the requirement
	Company   string   `json:"company,omitempty"`
	Role      string   `json:"role,omitempty"`
	Start     string   `json:"start,omitempty"`
	End       string   `json:"end,omitempty"`
	Score     float64  `json:"score"`   // the bullet's evidence score, 0..1 (docs/matching.md §2)
	Recency   float64  `json:"recency"` // factor on the credit for how long ago the role ended
	Credit    float64  `json:"credit"`  // what the requirement adds: level credit × recency (× role factor), or the skills list's when Listed
	// Listed: the skills list also names the requirement's skill, and its
	// credit (a partial's, undated) is above the bullet's own, so Credit is
	// the list's; the bullet is shown because it shows the work.
	Listed bool `json:"listed,omitempty"`
	// RoleFit is, with Weights.RoleEvidence on, the fit of the role the
	// evidence comes from to the JD's role (roleevidence.go): the credit
	// is × (1 − role_evidence × (1 − role_fit)).
	RoleFit *float64 `json:"role_fit,omitempty"`
	// Years, for a requirement that asks for years, says the candidate's
	// beside the level ("0.0 of 5 years leading"): strong evidence of
	// leading is not the years asked.
	Years string `json:"years,omitempty"`
}

// Coverage counts the requirements a candidate meets: met means strong
// or partial evidence, so a must-have "met" by a bare skills-list entry
// counts as met; MustStrong and NiceStrong say how many of those were
// strong (coverage.go words it for people).
type Coverage struct {
	Met        int `json:"met"` // strong or partial evidence
	Total      int `json:"total"`
	MustMet    int `json:"must_met"` // must-haves with strong or partial evidence
	MustTotal  int `json:"must_total"`
	MustStrong int `json:"must_strong"` // of MustMet, how many by strong evidence
	NiceMet    int `json:"nice_met"`    // nice-to-haves with strong or partial evidence
	NiceTotal  int `json:"nice_total"`
	NiceStrong int `json:"nice_strong"` // of NiceMet, how many by strong evidence
	Strong     int `json:"strong"`      // of Met, how many by strong evidence
}

// YearsCheck is one requirement that asks for years, and what the
// candidate's dated roles give.
type YearsCheck struct {
	Requirement string   `json:"requirement"`
	Asked       float64  `json:"asked"`
	Have        float64  `json:"have"`
	Kind        string   `json:"kind"`            // "leadership" (roles that lead people), "role" (roles of the family the requirement names), "skill" (roles that show the skill it names) or "total"
	Roles       []string `json:"roles,omitempty"` // the roles the years come from
	// Skills are the skills a "skill" check counts ("Kubernetes"): the
	// dated roles a bullet or the title of which names one of them.
	Skills []string `json:"skills,omitempty"`
	// Fields are the fields a leadership requirement names ("SRE",
	// "DevOps"): only roles leading people of those count, so the years
	// may be fewer than the candidate's leadership years in all fields.
	Fields []string `json:"fields,omitempty"`
	Fit    float64  `json:"fit"` // min(1, have / asked); unknownYearsFit when Unknown
	// Unknown: no work role has a readable date, so the years could not
	// be counted (Have is 0 then, not a count).
	Unknown bool `json:"unknown,omitempty"`
}

// Explain is every number a candidate's score is made of.
type Explain struct {
	Evidence    float64 `json:"evidence"`     // weighted coverage of the requirements, 0..1
	RoleFit     float64 `json:"role_fit"`     // 0..1: max((share · role_words + w_role_sense · role_sense) / (share + w_role_sense), w_title_search · title_search)
	RoleWords   float64 `json:"role_words"`   // 0..1: the share of the JD title's role words (no employer, team or level) their best role title (the headline counts as one) carries
	RoleSense   float64 `json:"role_sense"`   // 0..1: how near in meaning (the embedding model; a title of the JD role's lexicon family at least Weights.RoleFamily) their best role title is to the JD's role
	TitleSearch float64 `json:"title_search"` // 0..1: their best hit for the JD title as a query, relative to its best hit
	// RoleUnknown: the job names no role, neither in its text nor in the
	// title it was stored or sent with, so role fit is not known:
	// unknownRoleFit, not 1 (no penalty) nor 0.
	RoleUnknown bool         `json:"role_unknown,omitempty"`
	YearsFit    float64      `json:"years_fit"`    // 0..1; 1 when the JD asks for no years
	Bullets     int          `json:"bullets"`      // the résumé's bullets, which the length factor counts
	Length      float64      `json:"length"`       // 0..1: min(1, w_length_from / bullets)^w_length (length.go)
	Adjustment  float64      `json:"adjustment"`   // max(0, 1 − w_role·(1 − role_fit) − w_years·(1 − years_fit)) × length
	Score       float64      `json:"score"`        // evidence × adjustment
	MustEvident bool         `json:"must_evident"` // some must-have has evidence: ranks above every candidate without
	Years       []YearsCheck `json:"years,omitempty"`
	Formula     string       `json:"formula"`

	// RoleWordsShare (0..1) is how much of the JD role's words
	// (IDF-weighted) the pool's role titles carry at all: role words
	// weigh this much beside role sense in RoleFit (rolefit.go); 1 when
	// the JD has no title.
	RoleWordsShare float64 `json:"role_words_share"`

	// Feedback is, with candidate feedback on (Weights.Feedback), how
	// near the résumé's profile is to the profile of the first ranking's
	// top candidates, 0..1 (feedback.go); the score is then × (1 −
	// w_feedback · (1 − feedback)). Absent when feedback is off.
	Feedback *float64 `json:"feedback,omitempty"`
}

// Candidate is one ranked candidate for a job description.
type Candidate struct {
	ResumeID        string     `json:"resume_id"`
	Person          string     `json:"person"` // vitae.Resume.DisplayName
	Score           float64    `json:"score"`  // 0..1: evidence × adjustment (Explain)
	Fit             int        `json:"fit"`    // Score in percent: the share of the JD's weighted requirements shown, adjusted
	Coverage        Coverage   `json:"coverage"`
	Matched         []Evidence `json:"matched"`
	Missing         []string   `json:"missing"`
	YearsExperience float64    `json:"years_experience"`
	LeadershipYears float64    `json:"leadership_years"`
	RoleFit         float64    `json:"role_fit"` // 0..1: how much of the JD title one of their roles carries
	Explain         Explain    `json:"explain"`
}

// Weights are the knobs a match applied, reported with every answer.
type Weights struct {
	MustHave        float64 `json:"must_have"`
	NiceToHave      float64 `json:"nice_to_have"`
	StrongCredit    float64 `json:"strong_credit"`           // a requirement's credit for strong evidence
	PartialCredit   float64 `json:"partial_credit"`          // … for partial evidence
	StrongAt        float64 `json:"strong_at"`               // evidence score at which a bullet is strong
	PartialAt       float64 `json:"partial_at"`              // … partial
	RecencyHalfLife float64 `json:"recency_half_life_years"` // 0 = no decay
	Recency         float64 `json:"recency"`                 // most of a credit old evidence loses
	Experience      float64 `json:"experience"`              // most of the score years can take off
	RoleFit         float64 `json:"role_fit"`                // most of the score role fit can take off
	Soft            float64 `json:"soft"`                    // weight factor of a requirement naming no skill, tool or role
	TitleSearch     float64 `json:"title_search"`            // role fit is at least this × the title query's relative hit
	TitlePool       float64 `json:"title_pool"`              // weight of the title query's relative hit in the pool order
	RoleSense       float64 `json:"role_sense"`              // weight of role sense beside role words in role fit (0: words alone)
	RoleSenseFrom   float64 `json:"role_sense_from"`         // the cosine of a role title and the JD's role at which role sense starts
	RoleFamily      float64 `json:"role_family"`             // the cosine role sense reads at least for a role title of the JD role's lexicon family (0: none)
	Length          float64 `json:"length"`                  // power of the length factor (0: none)
	LengthFrom      float64 `json:"length_from"`             // bullets a résumé may have before the length factor takes off

	// PartialCreditTop is, with the strict rules, the credit of partial
	// evidence scoring StrongAt, rising linearly from PartialCredit at
	// PartialAt; with the strong gate, the credit of a strong grade the
	// strict rules demote (other partials earn PartialCredit); equal to
	// PartialCredit with the default rules alone.
	PartialCreditTop float64 `json:"partial_credit_top"`

	// RoleEvidence is the share of a requirement's credit that depends on
	// the fit of the role its evidence comes from (roleevidence.go); 0:
	// none, as before. Core is the share of weight a requirement that
	// names no word of the JD's role loses (rolecore.go); 0: none.
	// Omitted when 0, so the rules id of a match without them is as
	// before.
	RoleEvidence float64 `json:"role_evidence,omitempty"`
	Core         float64 `json:"core_weight,omitempty"`

	// Feedback is the most of a score candidate feedback can take off
	// (feedback.go): score × (1 − Feedback × (1 − sim)); 0: off, and
	// FeedbackTop (the candidates of the first ranking the feedback
	// profile averages) is then 0 too, and both are 0 in the jobs a
	// person fits (no ranking to feed back). Omitted when 0.
	Feedback    float64 `json:"feedback,omitempty"`
	FeedbackTop int     `json:"feedback_top,omitempty"`
}

// Result answers a Request.
type Result struct {
	Title         string        `json:"title,omitempty"`
	Requirements  []Requirement `json:"requirements"`
	YearsRequired float64       `json:"years_required,omitempty"`
	// RequirementsDropped counts the JD's requirements past
	// MaxRequirements, read but not matched; omitted when none were.
	RequirementsDropped int         `json:"requirements_dropped,omitempty"`
	Candidates          []Candidate `json:"candidates"`
	FitDefinition       string      `json:"fit_definition"`
	Weights             Weights     `json:"weights"`
	Degraded            bool        `json:"degraded"`
	DegradedReason      string      `json:"degraded_reason,omitempty"`
	// IndexVersion and ModelVersion are those of the searches behind the
	// match (see vitae.Results).
	IndexVersion string `json:"index_version"`
	ModelVersion string `json:"model_version"`
	// Rules fingerprints the options and weights that scored the match
	// ("mr-" and 12 hex digits): the same index, model and rules give
	// the same ranking.
	Rules string `json:"rules"`
	// Warnings are the job description's (JobDescription.Warnings), each
	// its message on the wire; WarningCodes are their codes, in order.
	Warnings     []Warning `json:"warnings,omitempty"`
	WarningCodes []string  `json:"warning_codes,omitempty"`
}

// UnmarshalJSON reads a result, its warnings given their codes from
// warning_codes.
func (r *Result) UnmarshalJSON(b []byte) error {
	type plain Result
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	withCodes(r.Warnings, r.WarningCodes)
	return nil
}
