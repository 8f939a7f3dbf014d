package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/ingest"
	"vitae/search"
)

// searchRequest is the body of POST /api/v1/search.
type searchRequest struct {
	Query         string        `json:"query"`
	Mode          vitae.Mode    `json:"mode"`
	SemanticRatio *float64      `json:"semantic_ratio"`
	Fusion        vitae.Fusion  `json:"fusion"`
	Filters       vitae.Filters `json:"filters"`
	Limit         int           `json:"limit"`
	Offset        int           `json:"offset"`
	GroupBy       *string       `json:"group_by"`
	Explain       bool          `json:"explain"`
	Facets        *bool         `json:"facets"`
}

type searchResponse struct {
	Hits           []vitae.Hit                   `json:"hits"`
	Candidates     []vitae.Candidate             `json:"candidates,omitempty"`
	Total          int                           `json:"total"`
	Facets         map[string][]vitae.FacetCount `json:"facets"`
	TookMS         float64                       `json:"took_ms"`
	Degraded       bool                          `json:"degraded"`
	DegradedReason string                        `json:"degraded_reason,omitempty"`
}

// decode reads a JSON body strictly: unknown fields and trailing data
// are errors, size is bounded by limitBody.
func decode(c *gin.Context, v any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if tooLarge(err) {
			return vitae.Errorf(vitae.ETOOLARGE, "request body is too large")
		}
		return vitae.Errorf(vitae.EINVALID, "malformed JSON body: %s", jsonProblem(err))
	}
	if dec.More() {
		return vitae.Errorf(vitae.EINVALID, "malformed JSON body: trailing data")
	}
	return nil
}

// jsonProblem describes a decoding error without echoing input.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	case errors.Is(err, io.EOF):
		return "empty body"
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	return "invalid JSON"
}

func (s *Server) toQuery(r searchRequest) (vitae.Query, error) {
	if utf8.RuneCountInString(r.Query) > s.cfg.MaxQueryLen {
		return vitae.Query{}, vitae.Errorf(vitae.ETOOLARGE, "query is longer than %d characters", s.cfg.MaxQueryLen)
	}
	if r.Limit < 0 {
		return vitae.Query{}, vitae.Errorf(vitae.EINVALID, "limit must not be negative")
	}
	q := vitae.Query{Text: r.Query, Mode: r.Mode, Fusion: r.Fusion, Filters: r.Filters, Limit: min(r.Limit, s.cfg.MaxLimit), Offset: r.Offset, Explain: r.Explain, Facets: true, SemanticRatio: s.cfg.SemanticRatio}
	if r.SemanticRatio != nil {
		q.SemanticRatio = *r.SemanticRatio
	}
	if r.GroupBy != nil {
		q.GroupBy = *r.GroupBy
	}
	if r.Facets != nil {
		q.Facets = *r.Facets
	}
	for _, list := range [][]string{r.Filters.Company, r.Filters.Role, r.Filters.Skill, r.Filters.Person, r.Filters.Section} {
		if len(list) > 50 {
			return q, vitae.Errorf(vitae.ETOOLARGE, "at most 50 values per filter")
		}
	}
	return q, nil
}

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
		c.JSON(http.StatusOK, searchResponse{Hits: res.Hits, Candidates: res.Candidates, Total: res.Total, Facets: res.Facets,
			TookMS: float64(res.Took.Microseconds()) / 1000, Degraded: res.Degraded, DegradedReason: res.DegradedReason})
	})
	g.POST("/match", func(c *gin.Context) {
		var req search.MatchRequest
		if err := decode(c, &req); err != nil {
			s.fail(c, err)
			return
		}
		if req.Limit < 0 {
			s.fail(c, vitae.Errorf(vitae.EINVALID, "limit must not be negative"))
			return
		}
		res, err := s.b.Match(c.Request.Context(), req)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, res)
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
			s.fail(c, vitae.Errorf(vitae.ETOOLARGE, "query is longer than %d characters", s.cfg.MaxQueryLen))
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

func (s *Server) registerResumeRoutes(reads, writes *gin.RouterGroup) {
	reads.GET("/resumes", func(c *gin.Context) {
		offset, err1 := intParam(c, "offset", 0)
		limit, err2 := intParam(c, "limit", 20)
		if err := errors.Join(err1, err2); err != nil {
			s.fail(c, err)
			return
		}
		rs, total, err := s.b.Resumes(c.Request.Context(), offset, limit)
		if err != nil {
			s.fail(c, err)
			return
		}
		if rs == nil {
			rs = []*vitae.Resume{}
		}
		c.JSON(http.StatusOK, gin.H{"resumes": rs, "total": total, "offset": offset})
	})
	reads.GET("/resumes/:id", func(c *gin.Context) {
		r, err := s.b.Resume(c.Request.Context(), c.Param("id"))
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, r)
	})
	writes.DELETE("/resumes/:id", func(c *gin.Context) {
		if err := s.b.Delete(c.Request.Context(), c.Param("id")); err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"deleted": c.Param("id")})
	})
	writes.POST("/resumes", func(c *gin.Context) {
		resumes, failures, err := s.readUploads(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		out := gin.H{"failed": failures}
		if len(resumes) > 0 {
			res, err := s.b.Add(c.Request.Context(), resumes)
			if err != nil {
				s.fail(c, err)
				return
			}
			out["result"] = res
		}
		ids := []string{}
		for _, r := range resumes {
			ids = append(ids, r.ID)
		}
		out["ids"] = ids
		status := http.StatusCreated
		if len(resumes) == 0 {
			status = http.StatusBadRequest
			out["error"] = gin.H{"code": vitae.EINVALID, "message": "no résumé could be read"}
		}
		c.JSON(status, out)
	})
}

// uploadFailure names a file that could not be read, and why.
type uploadFailure struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// maxUploadFiles bounds one multipart request.
const maxUploadFiles = 50

// readUploads parses a multipart upload (field "files") or a JSON Resume
// body. One bad file is reported; the others still go in.
func (s *Server) readUploads(c *gin.Context) ([]*vitae.Resume, []uploadFailure, error) {
	failures := []uploadFailure{}
	ct := c.ContentType()
	if ct == "application/json" {
		body, err := io.ReadAll(c.Request.Body)
		if err != nil {
			if tooLarge(err) {
				return nil, nil, vitae.Errorf(vitae.ETOOLARGE, "request body is too large")
			}
			return nil, nil, vitae.Errorf(vitae.EINVALID, "cannot read body")
		}
		id := c.Query("id")
		if id == "" {
			id = "upload"
		}
		if !validID(id) {
			return nil, nil, vitae.Errorf(vitae.EINVALID, "id may contain letters, digits, '-', '_' and '.' only")
		}
		r, err := ingest.Parse(id+".json", body, s.cfg.IngestOptions)
		if err != nil {
			return nil, nil, err
		}
		r.Source = "upload:" + r.ID
		return []*vitae.Resume{r}, failures, nil
	}
	if !strings.HasPrefix(ct, "multipart/") {
		return nil, nil, vitae.Errorf(vitae.EUNSUPPORTED, "send multipart/form-data (field \"files\") or application/json")
	}
	form, err := c.MultipartForm()
	if err != nil {
		if tooLarge(err) {
			return nil, nil, vitae.Errorf(vitae.ETOOLARGE, "upload is too large")
		}
		return nil, nil, vitae.Errorf(vitae.EINVALID, "malformed multipart body")
	}
	files := form.File["files"]
	if len(files) == 0 {
		return nil, nil, vitae.Errorf(vitae.EINVALID, "no files in the \"files\" field")
	}
	if len(files) > maxUploadFiles {
		return nil, nil, vitae.Errorf(vitae.ETOOLARGE, "at most %d files per upload", maxUploadFiles)
	}
	var out []*vitae.Resume
	for _, fh := range files {
		name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
		f, err := fh.Open()
		if err != nil {
			failures = append(failures, uploadFailure{name, "cannot open"})
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, s.cfg.IngestOptions.MaxFileSize+1))
		f.Close()
		if err != nil {
			failures = append(failures, uploadFailure{name, "cannot read"})
			continue
		}
		r, err := ingest.Parse(name, data, s.cfg.IngestOptions)
		if err != nil {
			failures = append(failures, uploadFailure{name, vitae.ErrorMessage(err)})
			continue
		}
		r.Source = "upload:" + name
		for i := range r.Bullets {
			r.Bullets[i].Source = r.Source
		}
		out = append(out, r)
	}
	return out, failures, nil
}

func validID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func intParam(c *gin.Context, name string, def int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 1000000 {
		return 0, vitae.Errorf(vitae.EINVALID, "%s must be a non-negative integer", name)
	}
	return n, nil
}

func (s *Server) registerStatsRoutes(g *gin.RouterGroup) {
	g.GET("/stats", func(c *gin.Context) {
		st, err := s.b.Stats(c.Request.Context())
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, st)
	})
}
