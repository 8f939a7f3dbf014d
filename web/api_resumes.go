package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
	"vitae/ingest"
)

// registerResumeRoutes serves the résumés: list and read (reads), delete
// and upload (writes).
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
		blind, err := blindParam(c)
		if err == nil {
			err = ingest.ValidID(c.Param("id"))
		}
		var id string
		if err == nil {
			id, err = s.resolveID(c, c.Param("id"))
		}
		var r *vitae.Resume
		if err == nil {
			r, err = s.b.Resume(c.Request.Context(), id)
		}
		if err != nil {
			s.fail(c, err)
			return
		}
		blind = blind || audit.IsID(c.Param("id")) // a pseudonym never reveals
		s.record(c.Request.Context(), audit.Event{Action: audit.Opened, Subject: id, Blind: blind})
		if blind {
			r = s.masker(c.Request.Context()).resume(r)
		}
		c.JSON(http.StatusOK, r)
	})
	writes.DELETE("/resumes/:id", s.deleteResume)
	writes.DELETE("/candidates/:identity", s.deleteCandidate)
	writes.POST("/resumes", func(c *gin.Context) {
		u, err := s.addUploads(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		out := gin.H{"failed": u.failures, "duplicates": u.duplicates, "ids": u.storedIDs()}
		if u.result != nil {
			out["result"], out["outcomes"] = u.result, u.outcomes
		}
		status := http.StatusOK // every résumé read was stored already, as sent: nothing created
		for _, o := range u.outcomes {
			if o.Outcome != "unchanged" {
				status = http.StatusCreated
			}
		}
		if len(u.resumes) == 0 {
			var code string
			status, code = u.status()
			out["error"] = gin.H{"code": code, "message": "no résumé could be read"}
		}
		c.JSON(status, out)
	})
}
