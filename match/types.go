package match

import "vitae"

// The request and answer of a match: web and cmd depend on these shapes;
// they are the JSON of POST /api/v1/match and `vitae match --json`.

// Request asks for the candidates that best cover a job description.
type Request struct {
	JobDescription string `json:"job_description"`
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
}

// Evidence is the best bullet of a candidate for one requirement.
type Evidence struct {
	Requirement      string  `json:"requirement"`
	RequirementIndex int     `json:"requirement_index"`
	BulletID         string  `json:"bullet_id"`
	Text             string  `json:"text"`
	Company          string  `json:"company,omitempty"`
	Role             string  `json:"role,omitempty"`
	Start            string  `json:"start,omitempty"`
	End              string  `json:"end,omitempty"`
	Score            float64 `json:"score"`
}

// Coverage counts the requirements a candidate meets.
type Coverage struct {
	Met       int `json:"met"`
	Total     int `json:"total"`
	MustMet   int `json:"must_met"`
	MustTotal int `json:"must_total"`
}

// Candidate is one ranked candidate for a job description.
type Candidate struct {
	ResumeID        string     `json:"resume_id"`
	Person          string     `json:"person"`
	Score           float64    `json:"score"`
	Coverage        Coverage   `json:"coverage"`
	Matched         []Evidence `json:"matched"`
	Missing         []string   `json:"missing"`
	YearsExperience float64    `json:"years_experience"`
	RoleFit         float64    `json:"role_fit"` // 0..1: how much of the JD title one of their roles carries
}

// Weights are the knobs a match applied, reported with every answer.
type Weights struct {
	MustHave        float64 `json:"must_have"`
	NiceToHave      float64 `json:"nice_to_have"`
	MatchThreshold  float64 `json:"match_threshold"`
	RecencyHalfLife float64 `json:"recency_half_life_years"` // 0 = no decay
	Experience      float64 `json:"experience"`              // share of the score from years of experience
	RoleFit         float64 `json:"role_fit"`                // share of the score from the JD title against role titles
	SkillCredit     float64 `json:"skill_credit"`            // evidence for a skill the résumé only lists
	ReusePenalty    float64 `json:"reuse_penalty"`           // factor on a bullet reused for another requirement
}

// Result answers a Request.
type Result struct {
	Title          string        `json:"title,omitempty"`
	Requirements   []Requirement `json:"requirements"`
	YearsRequired  float64       `json:"years_required,omitempty"`
	Candidates     []Candidate   `json:"candidates"`
	Weights        Weights       `json:"weights"`
	Degraded       bool          `json:"degraded"`
	DegradedReason string        `json:"degraded_reason,omitempty"`
	// IndexVersion and ModelVersion are those of the searches behind the
	// match (see vitae.Results).
	IndexVersion string `json:"index_version"`
	ModelVersion string `json:"model_version"`
}
