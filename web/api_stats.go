package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// registerStatsRoutes serves GET /stats: what the index holds.
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
