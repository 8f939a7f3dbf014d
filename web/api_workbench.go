package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
	"vitae/web/workbench"
)

// erasing is the Backend with erasure reaching the workbench: deleting a
// résumé also takes the person off every shortlist, notes included.
type erasing struct {
	Backend
	wb *workbench.Store
}

func (e erasing) Delete(ctx context.Context, resumeID string) error {
	if err := e.Backend.Delete(ctx, resumeID); err != nil {
		return err
	}
	if _, err := e.wb.Forget(resumeID); err != nil {
		return err
	}
	return nil
}

// workbench returns the store, or EUNAVAILABLE when the server has none.
func (s *Server) workbench() (*workbench.Store, error) {
	if s.cfg.Workbench == nil {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "shortlists and saved searches are not configured on this server")
	}
	return s.cfg.Workbench, nil
}

type shortlistRequest struct {
	Name    string            `json:"name"`
	Query   string            `json:"query"`
	Entries []workbench.Entry `json:"entries"`
}

type entryRequest struct {
	Note string `json:"note"`
}

type searchSaveRequest struct {
	Name    string         `json:"name"`
	Query   string         `json:"query"`
	Mode    vitae.Mode     `json:"mode"`
	Sort    string         `json:"sort"`
	Filters requestFilters `json:"filters"`
}

// registerWorkbenchRoutes serves /shortlists and /searches: reads list
// and show, writes create, change and delete.
func (s *Server) registerWorkbenchRoutes(reads, writes *gin.RouterGroup) {
	reads.GET("/shortlists", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		ls, err := wb.Shortlists()
		return http.StatusOK, gin.H{"shortlists": ls}, err
	}))
	reads.GET("/shortlists/:id", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		l, err := wb.Shortlist(c.Param("id"))
		return http.StatusOK, l, err
	}))
	writes.POST("/shortlists", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		var req shortlistRequest
		if err := decode(c, &req); err != nil {
			return 0, nil, err
		}
		if len(req.Entries) > workbench.MaxEntries {
			return 0, nil, vitae.TooLong("entries", workbench.MaxEntries, "candidates")
		}
		for _, e := range req.Entries {
			if _, err := s.b.Resume(c.Request.Context(), e.ResumeID); err != nil {
				return 0, nil, err
			}
		}
		l, err := wb.CreateShortlist(req.Name, req.Query)
		if err != nil {
			return 0, nil, err
		}
		for _, e := range req.Entries {
			if l, err = wb.SetEntry(l.ID, e.ResumeID, e.Note); err != nil {
				wb.DeleteShortlist(l.ID) // all or nothing
				return 0, nil, err
			}
		}
		for _, e := range req.Entries {
			s.record(c.Request.Context(), audit.Event{Action: audit.Shortlisted, Subject: e.ResumeID, Reason: e.Note})
		}
		return http.StatusCreated, l, nil
	}))
	writes.DELETE("/shortlists/:id", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		return http.StatusOK, gin.H{"deleted": c.Param("id")}, wb.DeleteShortlist(c.Param("id"))
	}))
	writes.PUT("/shortlists/:id/entries/:resume_id", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		var req entryRequest
		if err := decode(c, &req); err != nil {
			return 0, nil, err
		}
		if _, err := wb.Shortlist(c.Param("id")); err != nil {
			return 0, nil, err
		}
		if _, err := s.b.Resume(c.Request.Context(), c.Param("resume_id")); err != nil {
			return 0, nil, err
		}
		l, err := wb.SetEntry(c.Param("id"), c.Param("resume_id"), req.Note)
		if err == nil {
			s.record(c.Request.Context(), audit.Event{Action: audit.Shortlisted, Subject: c.Param("resume_id"), Reason: req.Note})
		}
		return http.StatusOK, l, err
	}))
	writes.DELETE("/shortlists/:id/entries/:resume_id", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		l, err := wb.RemoveEntry(c.Param("id"), c.Param("resume_id"))
		return http.StatusOK, l, err
	}))
	reads.GET("/searches", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		ss, err := wb.Searches()
		return http.StatusOK, gin.H{"searches": ss}, err
	}))
	writes.POST("/searches", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		var req searchSaveRequest
		if err := decode(c, &req); err != nil {
			return 0, nil, err
		}
		if err := req.Filters.check(); err != nil {
			return 0, nil, err
		}
		if err := s.checkSaved(req.Query, req.Mode, req.Filters.filters()); err != nil {
			return 0, nil, err
		}
		saved, err := wb.SaveSearch(workbench.Search{Name: req.Name, Query: req.Query, Mode: req.Mode, Sort: req.Sort, Filters: req.Filters.filters()})
		return http.StatusCreated, saved, err
	}))
	writes.DELETE("/searches/:id", s.wbHandler(func(c *gin.Context, wb *workbench.Store) (int, any, error) {
		return http.StatusOK, gin.H{"deleted": c.Param("id")}, wb.DeleteSearch(c.Param("id"))
	}))
}

// wbHandler answers with fn's JSON, or its error.
func (s *Server) wbHandler(fn func(*gin.Context, *workbench.Store) (int, any, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		wb, err := s.workbench()
		if err != nil {
			s.fail(c, err)
			return
		}
		status, body, err := fn(c, wb)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(status, body)
	}
}

// checkSaved validates a search to save as a search request would be:
// query present and not too long, mode known, at most 50 values per
// filter, dates readable.
func (s *Server) checkSaved(query string, mode vitae.Mode, f vitae.Filters) error {
	if strings.TrimSpace(query) == "" {
		return vitae.Errorf(vitae.EINVALID, "query is empty")
	}
	if mode != "" && !mode.Valid() {
		return vitae.Errorf(vitae.EINVALID, "mode %q: want keyword, semantic or hybrid", mode)
	}
	if _, err := s.toQuery(searchRequest{Query: query, Mode: mode, Filters: requestFilters{Filters: f}}); err != nil {
		return err
	}
	for _, d := range []struct{ name, v string }{{"since", f.Since}, {"until", f.Until}} {
		if _, ok := vitae.ParseDate(d.v); d.v != "" && !ok {
			return vitae.Errorf(vitae.EINVALID, "%s %q: want YYYY or YYYY-MM", d.name, d.v)
		}
	}
	return nil
}
