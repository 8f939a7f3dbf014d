package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/search"
)

// searchRequest is the body of POST /api/v1/search.
type searchRequest struct {
	Query         string         `json:"query"`
	Mode          vitae.Mode     `json:"mode"`
	SemanticRatio *float64       `json:"semantic_ratio"`
	Fusion        vitae.Fusion   `json:"fusion"`
	Filters       requestFilters `json:"filters"`
	Limit         int            `json:"limit"`
	Offset        int            `json:"offset"`
	GroupBy       *string        `json:"group_by"`
	Explain       bool           `json:"explain"`
	Facets        *bool          `json:"facets"`
	// KeepDuplicates and Literal: see vitae.Query.
	KeepDuplicates bool `json:"keep_duplicates"`
	Literal        bool `json:"literal"`
	Blind          bool `json:"blind"` // blind review: see blind.go
}

type searchResponse struct {
	Hits           []vitae.Hit                   `json:"hits"`
	Candidates     []vitae.Candidate             `json:"candidates,omitempty"`
	Total          int                           `json:"total"`
	Facets         map[string][]vitae.FacetCount `json:"facets"`
	TookMS         float64                       `json:"took_ms"`
	Degraded       bool                          `json:"degraded"`
	DegradedReason string                        `json:"degraded_reason,omitempty"`
	NoMatch        bool                          `json:"no_match,omitempty"`
	// BulletsWithoutFilters: see vitae.Results.
	BulletsWithoutFilters *int   `json:"bullets_without_filters,omitempty"`
	IndexVersion          string `json:"index_version"`
	ModelVersion          string `json:"model_version"`
	AuditID               string `json:"audit_id,omitempty"`
}

// requestFilters are the filters of a request: vitae.Filters with since
// and until as sent, so that "since": "" (a filter without its value, as
// since: is in a query) is told from no since at all.
type requestFilters struct {
	vitae.Filters
	Since *string `json:"since"`
	Until *string `json:"until"`
}

// check refuses a filter given an empty value, naming it: the engine
// would search as if it were not there ("skill": [""] filtered nothing).
func (f requestFilters) check() error {
	for _, d := range []struct {
		name string
		v    *string
	}{{"since", f.Since}, {"until", f.Until}} {
		if d.v != nil && *d.v == "" {
			return vitae.BlankFilter(d.name, "")
		}
	}
	return f.filters().CheckBlank()
}

// filters are f as the engine reads them.
func (f requestFilters) filters() vitae.Filters {
	out := f.Filters
	if f.Since != nil {
		out.Since = *f.Since
	}
	if f.Until != nil {
		out.Until = *f.Until
	}
	return out
}

// maxFilterValues is the most values a filter of a search request holds.
const maxFilterValues = 50

func (s *Server) toQuery(r searchRequest) (vitae.Query, error) {
	if utf8.RuneCountInString(r.Query) > s.cfg.MaxQueryLen {
		return vitae.Query{}, vitae.TooLong("query", s.cfg.MaxQueryLen, "characters")
	}
	if err := search.CheckLimit("limit", r.Limit, s.cfg.MaxLimit); err != nil {
		return vitae.Query{}, err
	}
	q := vitae.Query{Text: r.Query, Mode: r.Mode, Fusion: r.Fusion, Filters: r.Filters.filters(), Limit: r.Limit, Offset: r.Offset, Explain: r.Explain, Facets: true, SemanticRatio: s.cfg.SemanticRatio,
		KeepDuplicates: r.KeepDuplicates, Literal: r.Literal}
	if r.SemanticRatio != nil {
		q.SemanticRatio = *r.SemanticRatio
	}
	if r.GroupBy != nil {
		q.GroupBy = *r.GroupBy
	}
	if r.Facets != nil {
		q.Facets = *r.Facets
	}
	for _, f := range []struct {
		name   string
		values []string
	}{{"company", r.Filters.Company}, {"role", r.Filters.Role}, {"skill", r.Filters.Skill}, {"person", r.Filters.Person}, {"section", r.Filters.Section}} {
		if len(f.values) > maxFilterValues {
			return q, vitae.TooLong("filters."+f.name, maxFilterValues, "values")
		}
	}
	if err := r.Filters.check(); err != nil {
		return q, err
	}
	return q, nil
}

// registerSearchRoutes serves POST /search (indexed bullets) and POST
// /rank (bullets the caller sends).
func (s *Server) registerSearchRoutes(g *gin.RouterGroup) {
	g.POST("/search", func(c *gin.Context) {
		var req searchRequest
		if err := decode(c, &req); err != nil {
			s.fail(c, err)
			return
		}
		q, err := s.toQuery(req)
		if err != nil {
			s.fail(c, err)
			return
		}
		res, err := s.b.Search(c.Request.Context(), q)
		if err != nil {
			s.fail(c, err)
			return
		}
		aid := s.logSearch(c.Request.Context(), q, res, req.Blind)
		if req.Blind {
			s.masker(c.Request.Context()).results(res)
		}
		writeJSON(c, http.StatusOK, searchResponse{Hits: res.Hits, Candidates: res.Candidates, Total: res.Total, Facets: res.Facets,
			TookMS: float64(res.Took.Microseconds()) / 1000, Degraded: res.Degraded, DegradedReason: res.DegradedReason, NoMatch: res.NoMatch,
			BulletsWithoutFilters: res.BulletsWithoutFilters, IndexVersion: res.IndexVersion, ModelVersion: res.ModelVersion, AuditID: aid})
	})
	g.POST("/rank", func(c *gin.Context) {
		var req struct {
			Query         string       `json:"query"`
			Bullets       []rankBullet `json:"bullets"`
			Mode          vitae.Mode   `json:"mode"`
			SemanticRatio *float64     `json:"semantic_ratio"`
		}
		if err := decode(c, &req); err != nil {
			s.fail(c, err)
			return
		}
		if utf8.RuneCountInString(req.Query) > s.cfg.MaxQueryLen {
			s.fail(c, vitae.TooLong("query", s.cfg.MaxQueryLen, "characters"))
			return
		}
		r := search.RankRequest{Query: req.Query, Mode: req.Mode, SemanticRatio: req.SemanticRatio}
		if r.SemanticRatio == nil {
			d := s.cfg.SemanticRatio
			r.SemanticRatio = &d
		}
		for _, b := range req.Bullets {
			r.Bullets = append(r.Bullets, search.RankBullet(b))
		}
		res, err := s.b.Rank(c.Request.Context(), r)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, res)
	})
}

// rankBullet accepts "text" or {"id","text"}.
type rankBullet search.RankBullet

func (b *rankBullet) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		return json.Unmarshal(data, &b.Text)
	}
	var v struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	b.ID, b.Text = v.ID, v.Text
	return nil
}
