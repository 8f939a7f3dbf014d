package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/ingest"
	"vitae/match"
	"vitae/web/workbench"
)

type jobRequest struct {
	Title          string `json:"title"`
	JobDescription string `json:"job_description"`
	Format         string `json:"format"`
}

// fitsResponse answers GET /resumes/{id}/jobs.
type fitsResponse struct {
	ResumeID      string         `json:"resume_id"`
	Person        string         `json:"person"`
	FitDefinition string         `json:"fit_definition"`
	Jobs          []match.JobFit `json:"jobs"`
}

// registerJobRoutes serves /jobs (stored job descriptions: reads list
// and show, writes save and delete) and /resumes/{id}/jobs, the jobs one
// person fits.
func (s *Server) registerJobRoutes(reads, writes *gin.RouterGroup) {
	reads.GET("/jobs", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		js, err := wb.Jobs()
		return http.StatusOK, gin.H{"jobs": js}, err
	}))
	reads.GET("/jobs/:id", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		j, err := wb.Job(c.Param("id"))
		return http.StatusOK, j, err
	}))
	writes.POST("/jobs", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		var req jobRequest
		if err := decode(c, &req); err != nil {
			return 0, nil, err
		}
		j, created, ws, err := saveJob(wb, req.Title, req.JobDescription, req.Format)
		if err != nil {
			return 0, nil, err
		}
		saved := savedJob{Job: j, Warnings: ws, WarningCodes: match.Codes(ws)}
		if !created {
			return http.StatusOK, saved, nil // stored already: the same job, not a second
		}
		return http.StatusCreated, saved, nil
	}))
	writes.DELETE("/jobs/:id", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		return http.StatusOK, gin.H{"deleted": c.Param("id")}, wb.DeleteJob(c.Param("id"))
	}))
	reads.GET("/resumes/:id/jobs", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		id := c.Param("id")
		if err := ingest.ValidID(id); err != nil {
			return 0, nil, err
		}
		r, err := s.b.Resume(c.Request.Context(), id)
		if vitae.ErrorCode(err) == vitae.ENOTFOUND {
			return 0, nil, vitae.Errorf(vitae.ENOTFOUND, "no résumé %q", id) // the store's error names nothing
		}
		if err != nil {
			return 0, nil, err
		}
		fits, err := s.fits(c, wb, id)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, fitsResponse{ResumeID: r.ID, Person: r.DisplayName(), FitDefinition: match.FitDefinition, Jobs: fits}, nil
	}))
}

// savedJob answers POST /jobs: the stored job and what its description
// was read with (a résumé, a text not in English), as a match says it.
type savedJob struct {
	*workbench.Job
	Warnings     []match.Warning `json:"warnings,omitempty"`
	WarningCodes []string        `json:"warning_codes,omitempty"`
}

// saveJob stores a job description that parses into requirements;
// created is false when the same job was stored already; ws are the
// description's warnings.
func saveJob(wb *workbench.Store, title, text, format string) (j *workbench.Job, created bool, ws []match.Warning, err error) {
	mj, err := match.NewJob(title, text, format)
	if err != nil {
		return nil, false, nil, err
	}
	j, created, err = wb.SaveJob(workbench.Job{Title: mj.Title, JobDescription: mj.JobDescription, Format: mj.Format})
	return j, created, mj.Warnings, err
}

// fits scores résumé id against every stored job, best fit first.
func (s *Server) fits(c *gin.Context, wb *workbench.Store, id string) ([]match.JobFit, error) {
	stored, err := wb.Jobs()
	if err != nil {
		return nil, err
	}
	if s.m == nil {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "job matching is not configured on this server")
	}
	return s.m.Fits(c.Request.Context(), id, matchJobs(stored))
}

func matchJobs(stored []workbench.Job) []match.Job {
	jobs := make([]match.Job, len(stored))
	for i, j := range stored {
		jobs[i] = match.Job{ID: j.ID, Title: j.Title, JobDescription: j.JobDescription, Format: j.Format}
	}
	return jobs
}
