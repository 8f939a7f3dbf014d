package search

import (
	"vitae"
	"vitae/pipeline"
)

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
	ID    string  `json:"id"`
	Text  string  `json:"text"`
	Score float64 `json:"score"` // 0..1, the bullet's own (Rank's formula), not a rank among those sent
	// Match: the bullet passes the search's relevance floor (a keyword
	// match, or enough of the query said); scores alone are relative.
	Match      bool                `json:"match"`
	Highlights []string            `json:"highlights,omitempty"`
	Details    *vitae.ScoreDetails `json:"score_details,omitempty"`
}

// RankResult answers a RankRequest.
type RankResult struct {
	Hits []RankedBullet `json:"hits"`
	// NoMatch: no bullet matches the query (every Match is false).
	NoMatch        bool   `json:"no_match"`
	Degraded       bool   `json:"degraded"`
	DegradedReason string `json:"degraded_reason,omitempty"`
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

// FilesResult reports what Engine.AddFiles changed, the résumés it read
// (in file order) and the files it could not read, with their reasons.
type FilesResult struct {
	AddResult
	IDs     []string
	Skipped []pipeline.Skipped
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
