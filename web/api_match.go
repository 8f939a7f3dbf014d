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
		var req match.Request
		if err := decode(c, &req); err != nil {
			s.fail(c, err)
			return
		}
		if err := search.CheckLimit("limit", req.Limit, s.cfg.MaxLimit); err != nil {
			s.fail(c, err)
			return
		}
		res, err := s.m.Match(c.Request.Context(), req)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, res)
	})
}
