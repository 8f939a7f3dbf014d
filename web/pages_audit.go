package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
)

// Page side of accountability: the blind-review switch (a cookie, so
// every page of the session stays blind), the candidate's explanation
// packet, and the logged reveal of a pseudonym.

const blindCookie = "vitae_blind"

// pageBlind reports whether this page is blind: a "blind" parameter
// (the last one: forms send a hidden 0 before the checkbox) sets the
// session's switch, else the switch decides.
func (s *Server) pageBlind(c *gin.Context) bool {
	vals := c.QueryArray("blind")
	if c.Request.Method == http.MethodPost {
		vals = append(vals, c.PostFormArray("blind")...)
	}
	if len(vals) > 0 {
		on := vals[len(vals)-1] == "1" || vals[len(vals)-1] == "true"
		c.SetSameSite(http.SameSiteStrictMode)
		v := "0"
		if on {
			v = "1"
		}
		c.SetCookie(blindCookie, v, 0, "/", "", c.Request.TLS != nil, true)
		return on
	}
	v, err := c.Cookie(blindCookie)
	return err == nil && v == "1"
}

// pageMasker is a masker when this page is blind, else nil.
func (s *Server) pageMasker(c *gin.Context) *masker {
	if s.pageBlind(c) {
		return s.masker(c.Request.Context())
	}
	return nil
}

// realID is the résumé ID behind a pseudonym a blind page sent; any
// other ID (or one that resolves to no one) as given.
func (s *Server) realID(c *gin.Context, id string) string {
	if audit.IsID(id) {
		if real, err := s.resolveID(c, id); err == nil {
			return real
		}
	}
	return id
}

// recordExport logs the candidates an export let out of Vitae, in order.
func (s *Server) recordExport(c *gin.Context, text string, cards []card, blind bool) {
	if s.cfg.Audit == nil {
		return
	}
	ev := audit.Event{Action: audit.Exported, Text: text, Blind: blind}
	for _, cd := range cards {
		ev.Ranked = append(ev.Ranked, audit.Ranked{ResumeID: cd.ResumeID, Score: cd.Score})
	}
	s.record(c.Request.Context(), ev)
}

func (s *Server) registerAuditPages(g *gin.RouterGroup) {
	g.POST("/explanation", s.explanationPage)
	g.POST("/resumes/:id/reveal", s.auth(true), s.revealPage)
}

// explanationPage renders the packet for one candidate of a match.
func (s *Server) explanationPage(c *gin.Context) {
	jd := c.PostForm("jd")
	id, err := s.resolveID(c, c.PostForm("resume_id"))
	if err == nil && strings.TrimSpace(jd) == "" {
		err = vitae.Errorf(vitae.EINVALID, "the job description is missing")
	}
	if err != nil {
		s.render(c, statusOf(vitae.ErrorCode(err)), "match.html", pageData{Title: "Explanation", Error: vitae.ErrorMessage(err)})
		return
	}
	p, err := s.buildPacket(c, id, jd, "")
	if err != nil {
		s.render(c, statusOf(vitae.ErrorCode(err)), "match.html", pageData{Title: "Explanation", Error: vitae.ErrorMessage(err)})
		return
	}
	s.record(c.Request.Context(), audit.Event{Action: audit.Explained, Subject: id, Job: p.Job})
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(p.HTML))
}

// revealPage shows the candidate behind a pseudonym, once, and logs it.
func (s *Server) revealPage(c *gin.Context) {
	id, err := s.resolveID(c, c.Param("id"))
	if err == nil && s.cfg.Audit == nil {
		err = vitae.Errorf(vitae.EUNAVAILABLE, "reveal needs the audit log (audit.enabled)")
	}
	if err == nil {
		s.record(c.Request.Context(), audit.Event{Action: audit.Revealed, Subject: id, Reason: c.PostForm("reason"), Blind: true})
	}
	s.showResume(c, id, err, false, false)
}
