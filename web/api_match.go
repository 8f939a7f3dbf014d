package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"vitae/match"
	"vitae/search"
)

// registerMatchRoutes serves POST /match: candidates for a job description.
func (s *Server) registerMatchRoutes(g *gin.RouterGroup) {
	g.POST("/match", func(c *gin.Context) {
		var req struct {
			match.Request
			Blind bool   `json:"blind"` // blind review: see blind.go
			Job   string `json:"job"`   // the job's label in the audit log
		}
		if err := decode(c, &req); err != nil {
			s.fail(c, err)
			return
		}
		if err := search.CheckLimit("limit", req.Limit, s.cfg.MaxLimit); err != nil {
			s.fail(c, err)
			return
		}
		if err := checkJobLabel(req.Job); err != nil {
			s.fail(c, err)
			return
		}
		res, err := s.m.Match(c.Request.Context(), req.Request)
		if err != nil {
			s.fail(c, err)
			return
		}
		aid := s.logMatch(c.Request.Context(), req.Request, req.Job, res, req.Blind)
		if req.Blind {
			s.masker(c.Request.Context()).match(res)
		}
		c.JSON(http.StatusOK, struct {
			*match.Result
			AuditID string `json:"audit_id,omitempty"`
		}{res, aid})
	})
}
