package vitae

import (
	"context"
	"strings"
	"time"
)

// Section names a part of a résumé a bullet comes from.
const (
	SectionWork      = "work"
	SectionProject   = "project"
	SectionVolunteer = "volunteer"
	SectionAward     = "award"
	SectionEducation = "education"
	SectionSummary   = "summary"
	SectionOther     = "other"
)

// Resume is one person's résumé after parsing: who they are, what skills
// they list, and every achievement as a Bullet.
type Resume struct {
	ID     string `json:"id"`     // stable: the file's stem for files
	Person string `json:"person"` // basics.name
	// Unnamed: the file gives no name, so Person is made from the file
	// name; pages, the CLI and candidate lists show the latest role ·
	// company instead (DisplayName).
	Unnamed  bool     `json:"unnamed,omitempty"`
	Label    string   `json:"label,omitempty"` // headline, e.g. "Site Reliability Engineer"
	Email    string   `json:"email,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Location string   `json:"location,omitempty"`
	Links    []string `json:"links,omitempty"` // web site and profiles, as the file gives them
	Summary  string   `json:"summary,omitempty"`
	Skills   []string `json:"skills,omitempty"`
	Source   string   `json:"source,omitempty"` // file the résumé was read from
	Format   string   `json:"format,omitempty"` // json, yaml, markdown, text, pdf, docx, html
	// Hash is the SHA-256 (hex) of the source bytes; re-indexing skips a
	// résumé whose hash is unchanged.
	Hash string `json:"hash,omitempty"`
	// Identity names the person behind the résumé, the same for their
	// copies under other IDs: a hash of the normalised email, else phone,
	// else name and latest employer; empty when none is known.
	Identity string   `json:"identity,omitempty"`
	Bullets  []Bullet `json:"bullets"`
}

// DisplayName is the name every surface shows for the résumé (pages,
// CLI, API candidates): Person, or when the file gives no name, the
// latest role · company; Person when no work bullet has either.
func (r *Resume) DisplayName() string {
	if !r.Unnamed && r.Person != r.ID && r.Person != "" {
		return r.Person
	}
	if b, ok := r.LatestWork(); ok {
		return strings.Join(nonBlank([]string{b.Role, b.Company}), " · ")
	}
	return r.Person
}

// LatestWork is the work bullet with the latest period (Period.Recency)
// that has a role or company; ok is false when there is none.
func (r *Resume) LatestWork() (b Bullet, ok bool) {
	for _, x := range r.Bullets {
		if x.Section != SectionWork || (x.Role == "" && x.Company == "") {
			continue
		}
		if !ok || PeriodOf(x).Recency() > PeriodOf(b).Recency() {
			b, ok = x, true
		}
	}
	return b, ok
}

// Bullet is one achievement: the unit Vitae indexes, searches and ranks.
type Bullet struct {
	ID       string `json:"id"` // stable across runs: same file, same bullet, same ID
	ResumeID string `json:"resume_id"`
	Person   string `json:"person"`
	Company  string `json:"company,omitempty"`
	Role     string `json:"role,omitempty"`
	Section  string `json:"section"`
	// Start and End are "YYYY-MM" (or "YYYY" when only the year is known);
	// an empty End with a non-empty Start means the role is ongoing.
	Start  string   `json:"start,omitempty"`
	End    string   `json:"end,omitempty"`
	Text   string   `json:"text"`
	Skills []string `json:"skills,omitempty"`
	Source string   `json:"source,omitempty"` // file path
	// Ref locates the bullet in its source: a JSON Pointer for JSON and
	// YAML ("/work/0/highlights/2"), "L12" (line number) for text formats.
	Ref string `json:"ref,omitempty"`
}

// Mode selects how a query is matched.
type Mode string

const (
	ModeKeyword  Mode = "keyword"
	ModeSemantic Mode = "semantic"
	ModeHybrid   Mode = "hybrid"
)

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool {
	return m == ModeKeyword || m == ModeSemantic || m == ModeHybrid
}

// Fusion selects how keyword and vector candidates are combined.
type Fusion string

const (
	FusionWeighted Fusion = "weighted" // min-max normalised weighted sum, by SemanticRatio
	FusionRRF      Fusion = "rrf"      // reciprocal rank fusion, by RankConstant
)

// Filters narrow a search. Empty fields do not filter; a bullet passes a
// field given any of its values. Company, role and person match by
// words: the value's words (runs of letters and digits, any case) in a
// row among the bullet's, so "SRE" matches "Senior SRE" and "BMC
// Software" "BMC Software.", while "PM" does not match "Product
// Manager" nor "Go" "Google". A skill matches whole, in any case; a
// section as written.
type Filters struct {
	Company []string `json:"company,omitempty"`
	Role    []string `json:"role,omitempty"`
	Skill   []string `json:"skill,omitempty"`
	Person  []string `json:"person,omitempty"`
	Section []string `json:"section,omitempty"`
	// Since and Until bound the bullet's dates ("YYYY-MM" or "YYYY"):
	// a bullet matches if its period overlaps [Since, Until].
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
}

// Empty reports whether f filters nothing.
func (f Filters) Empty() bool {
	for _, vs := range [][]string{f.Company, f.Role, f.Skill, f.Person, f.Section} {
		if len(nonBlank(vs)) > 0 {
			return false
		}
	}
	return strings.TrimSpace(f.Since) == "" && strings.TrimSpace(f.Until) == ""
}

// CheckBlank refuses a filter value that is empty or only spaces, naming
// its filter: sent by a program ("skill": [""]) it filters nothing, and
// is refused as a query's skill: without a value is, rather than
// searched unfiltered. An empty Since or Until is no filter (the zero
// value); one of only spaces is refused. Forms whose empty fields mean
// "any" drop their blanks before they build Filters.
func (f Filters) CheckBlank() error {
	for _, l := range []struct {
		name   string
		values []string
	}{{"company", f.Company}, {"role", f.Role}, {"skill", f.Skill}, {"person", f.Person}, {"section", f.Section}} {
		for _, v := range l.values {
			if strings.TrimSpace(v) == "" {
				return BlankFilter(l.name, v)
			}
		}
	}
	for _, d := range []struct{ name, v string }{{"since", f.Since}, {"until", f.Until}} {
		if d.v != "" && strings.TrimSpace(d.v) == "" {
			return BlankFilter(d.name, d.v)
		}
	}
	return nil
}

// BlankFilter is the EINVALID error of a filter given an empty value.
func BlankFilter(name, value string) error {
	give := "a value"
	if name == "since" || name == "until" {
		give = "YYYY or YYYY-MM"
	}
	return Errorf(EINVALID, "%s filter %q is empty: give %s, or leave it out", name, value, give)
}

// nonBlank is vs without blank values, which filter nothing.
func nonBlank(vs []string) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// String says what f keeps, for people: "skill: Go or AWS; role: PM;
// since 2019"; "" when f is empty.
func (f Filters) String() string {
	var parts []string
	for _, l := range []struct {
		name   string
		values []string
	}{{"skill", f.Skill}, {"company", f.Company}, {"role", f.Role}, {"person", f.Person}, {"section", f.Section}} {
		if vs := nonBlank(l.values); len(vs) > 0 {
			parts = append(parts, l.name+": "+strings.Join(vs, " or "))
		}
	}
	if strings.TrimSpace(f.Since) != "" {
		parts = append(parts, "since "+f.Since)
	}
	if strings.TrimSpace(f.Until) != "" {
		parts = append(parts, "until "+f.Until)
	}
	return strings.Join(parts, "; ")
}

// Query is one search request.
type Query struct {
	Text          string  `json:"query"`
	Mode          Mode    `json:"mode,omitempty"`
	SemanticRatio float64 `json:"semantic_ratio"`
	Fusion        Fusion  `json:"fusion,omitempty"`
	RankConstant  int     `json:"rank_constant,omitempty"`
	Filters       Filters `json:"filters"`
	Limit         int     `json:"limit,omitempty"`
	Offset        int     `json:"offset,omitempty"`
	// GroupBy "candidate" groups hits under each person.
	GroupBy string `json:"group_by,omitempty"`
	Explain bool   `json:"explain,omitempty"`
	// Facets asks for counts of company, role, skill and section over the
	// top results (the first 200 ranked bullets), not every match.
	Facets bool `json:"facets,omitempty"`
	// KeepDuplicates lists every copy of a bullet text as its own hit;
	// by default copies fold into the first (Hit.Duplicates).
	KeepDuplicates bool `json:"keep_duplicates,omitempty"`
	// Literal reads Text as plain words: no "phrases", -exclusions or
	// field:filters. Programs searching with text they did not write (a
	// job description's requirements) set it.
	Literal bool `json:"literal,omitempty"`
}

// ScoreDetails explains a hit's score. Ranks are 1-based; zero means the
// bullet was not among that retriever's candidates.
type ScoreDetails struct {
	Keyword     float64 `json:"keyword"`
	KeywordRank int     `json:"keyword_rank"`
	Vector      float64 `json:"vector"`
	VectorRank  int     `json:"vector_rank"`
	Fused       float64 `json:"fused"`
	Fusion      Fusion  `json:"fusion,omitempty"`
	// Soft and Parts are the meaning signals of the hybrid and semantic
	// rankings (docs/quality.md): the share of the query's words the
	// bullet says in the same or a similar word, and the share of the
	// query's parts (action, object, skill) it covers.
	Soft  float64 `json:"soft,omitempty"`
	Parts float64 `json:"parts,omitempty"`
}

// Hit is one bullet in a result list.
type Hit struct {
	Bullet
	Score float64 `json:"score"`
	// Highlights are HTML fragments of Text with matched terms wrapped in
	// <mark>; everything else in them is escaped.
	Highlights   []string `json:"highlights,omitempty"`
	MatchedTerms []string `json:"matched_terms,omitempty"`
	// Reasons say why the bullet matched in words a person reads: which
	// query word it covers, with which of its own words, and how.
	Reasons []Reason      `json:"reasons,omitempty"`
	Details *ScoreDetails `json:"score_details,omitempty"`
	// Duplicates are other people's bullets with the same text, folded
	// into this hit so one sentence does not fill the list.
	Duplicates []Duplicate `json:"duplicates,omitempty"`
}

// Via says how a bullet's word matched a query's word.
type Via string

const (
	ViaExact   Via = "exact"   // the same word (or its stem)
	ViaLexicon Via = "lexicon" // the same lexicon group: "headed" for "led"
	ViaModel   Via = "model"   // close in the built-in model: "outage" for "incident"
)

// Reason is one matched word of a hit.
type Reason struct {
	Query   string `json:"query"`
	Matched string `json:"matched"`
	Via     Via    `json:"via"`
}

// Duplicate is another person's copy of a hit's text.
type Duplicate struct {
	ID       string `json:"id"`
	ResumeID string `json:"resume_id"`
	Person   string `json:"person,omitempty"`
}

// Candidate is one person with their best-matching bullets.
type Candidate struct {
	ResumeID string  `json:"resume_id"`
	Person   string  `json:"person"` // the résumé's DisplayName
	Score    float64 `json:"score"`
	Hits     []Hit   `json:"hits"`
}

// FacetCount is one value of a facet and how many of the top results
// carry it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Results answers a Query.
type Results struct {
	Hits       []Hit                   `json:"hits"`
	Candidates []Candidate             `json:"candidates,omitempty"`
	Total      int                     `json:"total"`
	Facets     map[string][]FacetCount `json:"facets,omitempty"`
	Took       time.Duration           `json:"-"`
	// Degraded is set when the semantic half could not run (provider down,
	// vectors not yet built) and the answer is keyword-only.
	Degraded       bool   `json:"degraded"`
	DegradedReason string `json:"degraded_reason,omitempty"`
	// IndexVersion and ModelVersion name the index content and the
	// embedding model the ranking used: the same query on the same
	// versions gives the same order.
	IndexVersion string `json:"index_version"`
	ModelVersion string `json:"model_version"`
	// NoMatch is set when no bullet passes the relevance floor: the hits
	// are then only the closest ones, not matches, and Total is 0.
	NoMatch bool `json:"no_match,omitempty"`
	// BulletsWithoutFilters is set when a filtered query found nothing
	// (Total 0): how many bullets the same query matches without its
	// filters (the request's and the query's own), as that search's
	// Total would say, counted in bullets even when grouped. 0 says the
	// words match nothing either; nil, not counted (no filters, or hits).
	BulletsWithoutFilters *int `json:"bullets_without_filters,omitempty"`
}

// InputKind tells an Embedder whether texts are queries or documents;
// asymmetric models embed them differently.
type InputKind int

const (
	InputDocument InputKind = iota
	InputQuery
)

// Embedder turns texts into vectors.
type Embedder interface {
	// Embed returns one vector per text, each of length Dimension().
	// Errors wrap ErrUnavailable when the provider cannot be reached.
	Embed(ctx context.Context, texts []string, kind InputKind) ([][]float32, error)
	// Dimension is the length of every vector Embed returns.
	Dimension() int
	// Model identifies the model and its settings; vectors of different
	// Model values are never compared.
	Model() string
}

// Searcher answers queries over indexed bullets.
type Searcher interface {
	// Search returns ranked hits. Invalid queries return an *Error with
	// code EINVALID.
	Search(ctx context.Context, q Query) (*Results, error)
}
