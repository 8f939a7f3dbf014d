package index

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"vitae"
	"vitae/index/vector"
)

// Options configure an Index. Zero values take the defaults.
type Options struct {
	Path         string
	BatchSize    int  // bullets per bleve batch; default 1000
	Quantize     bool // search by int8 rows (a quarter of the bytes), re-scoring the best by float
	ANNThreshold int  // above this many vectors use HNSW; default 50000, <0 never
	HNSW         HNSWOptions
	Logger       *slog.Logger
	// EraseTimeout bounds the wipe a Delete waits for (erase.go); default 30s.
	EraseTimeout time.Duration
	// SkipVerify skips the check of the files at Open (integrity.go);
	// VerifyTimeout bounds it, default 60s.
	SkipVerify    bool
	VerifyTimeout time.Duration
	// RoleDepth is how many candidates past the page's end the role field
	// scores in a keyword search (keyword.go); default 50, negative
	// scores it for every match. Plain queries, which the exact top-k
	// ranks (topk.go), score it for every match that could reach the page.
	RoleDepth int
}

// HNSWOptions tune the approximate index (vector.HNSWOptions).
type HNSWOptions = vector.HNSWOptions

// withDefaults fills the index's own defaults; the vector store fills
// its own (threshold, HNSW).
func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = 1000
	}
	if o.VerifyTimeout <= 0 {
		o.VerifyTimeout = time.Minute
	}
	if o.EraseTimeout <= 0 {
		o.EraseTimeout = 30 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.RoleDepth == 0 {
		o.RoleDepth = 50
	}
	return o
}

func (o Options) vectorOptions() vector.Options {
	return vector.Options{Quantize: o.Quantize, ANNThreshold: o.ANNThreshold, HNSW: o.HNSW, Logger: o.Logger}
}

// Validate reports every problem at once.
func (o Options) Validate() error {
	var errs []string
	if strings.TrimSpace(o.Path) == "" {
		errs = append(errs, "path must not be empty")
	}
	if o.BatchSize < 0 {
		errs = append(errs, fmt.Sprintf("batch size %d is negative", o.BatchSize))
	}
	if len(errs) > 0 {
		return vitae.Errorf(vitae.EINVALID, "index options: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Changes count what an Upsert did.
type Changes struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Removed   int `json:"removed"`
	Bullets   int `json:"bullets"` // bullets written
}

// LexicalRequest is a keyword (BM25) search.
type LexicalRequest struct {
	Text string
	// Phrases must each appear in a bullet's text, words in order;
	// Exclude leaves out bullets whose text has any of its words or
	// phrases (recruiter syntax: "exact phrase", -word).
	Phrases   []string
	Exclude   []string
	Filters   vitae.Filters
	Size      int
	From      int
	Highlight bool
	// Facets asks bleve for facets over every match, whose cost grows with
	// the match set; Index.Facets counts a ranked list's top bullets instead.
	Facets bool
	// IDsOnly skips loading stored fields: hits carry only the bullet ID,
	// score and rank (no highlights), for callers that fuse first and load
	// the few bullets they show.
	IDsOnly bool
	// CommonShare, when positive, makes the terms in more than this share
	// of the bullets' texts, in a plain query (no phrases, exclusions or
	// filters) of more than 10 terms, score only the bullets the query's
	// other terms bring, never bring one themselves (unless every term is
	// that common): a requirement line's "experience" or "team" ranks
	// little and costs most of the postings walk (BENCHMARKS.md, "1M,
	// stop 16"). At most 10 terms, every term brings bullets.
	CommonShare float64
	// NoTotal: the caller does not read Total, which may then be left 0;
	// the top-k skips counting every match (a hybrid search fuses its
	// page of hits and reports their number).
	NoTotal bool
}

// LexicalHit is one bullet found by keywords.
type LexicalHit struct {
	Bullet       vitae.Bullet
	Score        float64
	Rank         int // 1-based
	Highlights   []string
	MatchedTerms []string
}

// LexicalResult answers a LexicalRequest.
type LexicalResult struct {
	Hits   []LexicalHit
	Total  int
	Facets map[string][]vitae.FacetCount
}

// Neighbor is one bullet found by vector similarity (vector.Neighbor).
type Neighbor = vector.Neighbor

// Stats describe the index.
type Stats struct {
	Resumes   int    `json:"resumes"`
	Bullets   int    `json:"bullets"`
	Vectors   int    `json:"vectors"`
	Model     string `json:"model"`
	SizeBytes int64  `json:"size_bytes"`
	// Approximate is whether semantic search uses the HNSW graph now
	// (false below the threshold, or while the graph is being built).
	Approximate bool `json:"approximate"`
}
