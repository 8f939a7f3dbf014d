package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/match"
	"vitae/web/workbench"
)

// Stored jobs on the pages: the match page lists them (a click runs the
// match) and saves the description just matched; a candidate's page
// shows the jobs the person fits.

func init() {
	// fitCandidate is the person's column of a job fit; nil without evidence.
	funcs["fitCandidate"] = func(f match.JobFit) *match.Candidate {
		if f.Match == nil || len(f.Match.Candidates) == 0 {
			return nil
		}
		return &f.Match.Candidates[0]
	}
}

func (s *Server) registerJobPages(g *gin.RouterGroup) {
	g.GET("/jobs", s.jobsPage)
	g.POST("/jobs", keepFormError, s.pageWrite(func(c *gin.Context, wb *workbench.Store) (string, string, error) {
		if err, ok := c.Get(formErrorKey); ok {
			return "", "", err.(error)
		}
		// The match page the save leads to shows the description's warnings.
		j, created, _, err := saveJob(wb, c.PostForm("title"), c.PostForm("jd"), "")
		if err != nil {
			return "", "", err
		}
		msg := "Saved the job “" + j.Title + "”."
		if !created {
			msg = "The job “" + j.Title + "” was stored already."
		}
		return "/match?job=" + url.QueryEscape(j.ID), msg, nil
	}))
	g.POST("/jobs/:id/delete", s.pageWrite(func(c *gin.Context, wb *workbench.Store) (string, string, error) {
		return "/match", "Job deleted.", wb.DeleteJob(c.Param("id"))
	}))
}

// jobsPage is GET /jobs, the URL a person types for the stored jobs
// (the match page's forms post to /jobs): a browser goes to where the
// match page lists them; a program, which asked for JSON or anything at
// all, gets the JSON error it got before, which names the API's route.
func (s *Server) jobsPage(c *gin.Context) {
	if c.NegotiateFormat(gin.MIMEJSON, gin.MIMEHTML) == gin.MIMEHTML {
		c.Redirect(http.StatusSeeOther, "/match#jobs")
		return
	}
	c.Header("Allow", http.MethodPost)
	s.failStatus(c, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed: the stored jobs are at GET /api/v1/jobs, and on the match page")
}

// withJobs fills the match page's stored jobs and form state.
func (s *Server) withJobs(c *gin.Context, d *pageData) {
	d.NeedKey, d.Flash = s.needKey(c), takeFlash(c)
	if wb, err := s.workbench(); err == nil {
		d.Stored = true
		if d.Jobs, err = wb.Jobs(); err != nil {
			d.Error = vitae.ErrorMessage(err)
		}
	}
}

// matchForm is GET /match: the form and the stored jobs; with ?job=ID,
// the match of that stored job.
func (s *Server) matchForm(c *gin.Context) {
	d := pageData{Title: "Match a job description", Blind: s.pageBlind(c)}
	s.withJobs(c, &d)
	id := c.Query("job")
	if id == "" {
		s.render(c, http.StatusOK, "match.html", d)
		return
	}
	wb, err := s.workbench()
	var j *workbench.Job
	if err == nil {
		j, err = wb.Job(id)
	}
	if err == nil {
		d.Title, d.JD, d.JobID = j.Title, j.JobDescription, j.ID
		req := match.Request{JobDescription: j.JobDescription, Format: j.Format, Title: j.Title, Limit: 10}
		if d.Match, err = s.m.Match(c.Request.Context(), req); err == nil {
			// Logged and masked as a pasted description is (pages.go).
			if d.AuditID = s.logMatch(c.Request.Context(), req, "", d.Match, d.Blind); d.Blind {
				s.masker(c.Request.Context()).match(d.Match)
			}
		}
	}
	if err != nil {
		d.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "match.html", d)
		return
	}
	s.render(c, http.StatusOK, "match.html", d)
}

// pageFits are the stored jobs a candidate fits, for their page; the
// note says why there are none to show.
func (s *Server) pageFits(ctx context.Context, id string) ([]match.JobFit, string) {
	wb, err := s.workbench()
	if err != nil {
		return nil, "Stored jobs are not configured on this server."
	}
	stored, err := wb.Jobs()
	if err != nil {
		return nil, "The stored jobs could not be read: " + vitae.ErrorMessage(err)
	}
	if len(stored) == 0 {
		return nil, "No jobs are stored yet: save one on the match page."
	}
	fits, err := s.m.Fits(ctx, id, matchJobs(stored))
	if err != nil {
		return nil, "The stored jobs could not be matched: " + vitae.ErrorMessage(err)
	}
	return fits, ""
}
