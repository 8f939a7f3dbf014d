package search

import "vitae"

// The request and answer types of the Engine's operations beyond Search.
// web and cmd depend on these shapes; they are the JSON of the API.

// RankBullet is one caller-supplied bullet to score; nothing is indexed.
type RankBullet struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// RankRequest asks to order ad-hoc bullets by relevance to Query.
type RankRequest struct {
	Query         string       `json:"query"`
	Bullets       []RankBullet `json:"bullets"`
	Mode          vitae.Mode   `json:"mode,omitempty"`
	SemanticRatio *float64     `json:"semantic_ratio,omitempty"`
}

// RankedBullet is one bullet of a RankResult, best first.
type RankedBullet struct {
	ID         string              `json:"id"`
	Text       string              `json:"text"`
	Score      float64             `json:"score"`
	Highlights []string            `json:"highlights,omitempty"`
	Details    *vitae.ScoreDetails `json:"score_details,omitempty"`
}

// RankResult answers a RankRequest.
type RankResult struct {
	Hits           []RankedBullet `json:"hits"`
	Degraded       bool           `json:"degraded"`
	DegradedReason string         `json:"degraded_reason,omitempty"`
}

// MatchRequest asks for the candidates that best cover a job description.
type MatchRequest struct {
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

// CandidateMatch is one ranked candidate for a job description.
type CandidateMatch struct {
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

// MatchResult answers a MatchRequest.
type MatchResult struct {
	Title          string           `json:"title,omitempty"`
	Requirements   []Requirement    `json:"requirements"`
	YearsRequired  float64          `json:"years_required,omitempty"`
	Candidates     []CandidateMatch `json:"candidates"`
	Weights        Weights          `json:"weights"`
	Degraded       bool             `json:"degraded"`
	DegradedReason string           `json:"degraded_reason,omitempty"`
}

// AddResult reports what Engine.Add changed.
type AddResult struct {
	Resumes        int    `json:"resumes"`   // résumés added or replaced
	Unchanged      int    `json:"unchanged"` // skipped: same content hash
	Bullets        int    `json:"bullets"`   // bullets written
	Embedded       int    `json:"embedded"`  // bullets that got vectors now
	Degraded       bool   `json:"degraded"`  // vectors left for a later back-fill
	DegradedReason string `json:"degraded_reason,omitempty"`
}

// Stats describes the index behind an Engine.
type Stats struct {
	Resumes    int    `json:"resumes"`
	Bullets    int    `json:"bullets"`
	Vectors    int    `json:"vectors"`
	Embedder   string `json:"embedder"`
	IndexBytes int64  `json:"index_bytes"`
	// Approximate: semantic search uses the HNSW graph (else exact scan).
	Approximate bool `json:"approximate"`
}
