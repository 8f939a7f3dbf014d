package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
)

// registerAuditRoutes serves the accountability routes: the audit log
// export and human decisions (key-protected, like writes), the reveal of
// a blind-review pseudonym (key-protected, logged), and a person's
// explanation packet.
func (s *Server) registerAuditRoutes(reads, writes *gin.RouterGroup) {
	writes.GET("/audit", s.auditExport)
	writes.POST("/decisions", s.decide)
	writes.POST("/candidates/:id/reveal", s.reveal)
	reads.GET("/candidates/:id/explanation", s.explanation)
}

func (s *Server) auditLog() (Auditor, error) {
	if s.cfg.Audit == nil {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "the audit log is off (audit.enabled)")
	}
	return s.cfg.Audit, nil
}

// timeParam reads an RFC 3339 time or a date (YYYY-MM-DD).
func timeParam(c *gin.Context, name string) (time.Time, error) {
	v := c.Query(name)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, vitae.Errorf(vitae.EINVALID, "%s must be a date (2026-09-01) or an RFC 3339 time", name)
}

// auditExport: GET /audit?since=&until=&action=&job=&after=&limit= — the
// entries, oldest first, with their texts and pseudonyms resolved; page
// on with after=next_after.
func (s *Server) auditExport(c *gin.Context) {
	log, err := s.auditLog()
	if err != nil {
		s.fail(c, err)
		return
	}
	var f audit.Filter
	var errs [4]error
	f.Since, errs[0] = timeParam(c, "since")
	f.Until, errs[1] = timeParam(c, "until")
	limit, err2 := intParam(c, "limit", 100)
	after, err3 := intParam(c, "after", 0)
	errs[2], errs[3] = err2, err3
	for _, e := range errs {
		if e != nil {
			s.fail(c, e)
			return
		}
	}
	f.Limit, f.After, f.Job = min(max(limit, 1), 1000), uint64(after), c.Query("job")
	if a := audit.Action(c.Query("action")); a != "" {
		if !a.Valid() {
			s.fail(c, vitae.Errorf(vitae.EINVALID, "unknown action %q", a))
			return
		}
		f.Action = a
	}
	out := []audit.Record{}
	if err := log.Records(f, func(r audit.Record) error { out = append(out, r); return nil }); err != nil {
		s.fail(c, err)
		return
	}
	resp := gin.H{"entries": out}
	if len(out) == f.Limit {
		resp["next_after"] = out[len(out)-1].Seq
	}
	c.JSON(http.StatusOK, resp)
}

// decisionRequest is a human's shortlist or reject decision.
type decisionRequest struct {
	ResumeID string       `json:"resume_id"`
	Decision audit.Action `json:"decision"`
	Reason   string       `json:"reason"`
	Job      string       `json:"job"`
	Ref      string       `json:"ref"`
}

// decide: POST /decisions records a human decision. Vitae never makes
// one: a ranking is a suggestion until a person decides here (or on the
// workbench's shortlists).
func (s *Server) decide(c *gin.Context) {
	log, err := s.auditLog()
	if err != nil {
		s.fail(c, err)
		return
	}
	var req decisionRequest
	if err := decode(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	if req.Decision != audit.Shortlisted && req.Decision != audit.Rejected {
		s.fail(c, vitae.Errorf(vitae.EINVALID, "decision must be shortlisted or rejected"))
		return
	}
	if utf8.RuneCountInString(req.Reason) > 2000 {
		s.fail(c, vitae.TooLong("reason", 2000, "characters"))
		return
	}
	if err := checkJobLabel(req.Job); err != nil {
		s.fail(c, err)
		return
	}
	id, err := s.resolveID(c, req.ResumeID)
	if err != nil {
		s.fail(c, err)
		return
	}
	if req.Ref != "" {
		ref, err := log.Get(req.Ref)
		if err != nil {
			s.fail(c, err)
			return
		}
		if req.Job == "" {
			req.Job = ref.Job
		}
	}
	aid, err := log.Record(c.Request.Context(), audit.Event{Action: req.Decision, Subject: id, Reason: req.Reason, Job: req.Job, Ref: req.Ref})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"audit_id": aid, "decision": req.Decision})
}

// resolveID turns a résumé ID or a blind-review pseudonym into the
// résumé ID, and checks the résumé exists.
func (s *Server) resolveID(c *gin.Context, id string) (string, error) {
	if id == "" {
		return "", vitae.Errorf(vitae.EINVALID, "resume_id is required")
	}
	if audit.IsID(id) {
		real, ok, err := s.pseudo.Resolve(id, func() ([]string, error) { return s.allIDs(c) })
		if err != nil {
			return "", err
		}
		if !ok {
			return "", vitae.Errorf(vitae.ENOTFOUND, "no candidate %s", id)
		}
		id = real
	}
	if _, err := s.b.Resume(c.Request.Context(), id); err != nil {
		return "", err
	}
	return id, nil
}

// allIDs lists every résumé ID, for resolving a pseudonym after a restart.
func (s *Server) allIDs(c *gin.Context) ([]string, error) {
	var ids []string
	for off := 0; ; {
		rs, total, err := s.b.Resumes(c.Request.Context(), off, 100)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
		off += len(rs)
		if len(rs) == 0 || off >= total {
			return ids, nil
		}
	}
}

// reveal: POST /candidates/{pseudonym}/reveal names the person behind a
// blind-review pseudonym — an explicit, logged act.
func (s *Server) reveal(c *gin.Context) {
	if _, err := s.auditLog(); err != nil {
		s.fail(c, err) // no reveal that cannot be logged
		return
	}
	pseudo := c.Param("id")
	if !audit.IsID(pseudo) {
		s.fail(c, vitae.Errorf(vitae.EINVALID, "%q is not a blind-review pseudonym (c- and 12 hex digits)", pseudo))
		return
	}
	id, err := s.resolveID(c, pseudo)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.b.Resume(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	reason := strings.TrimSpace(c.Query("reason"))
	aid := s.record(c.Request.Context(), audit.Event{Action: audit.Revealed, Subject: id, Reason: reason, Blind: true})
	c.JSON(http.StatusOK, gin.H{"pseudonym": pseudo, "resume_id": id, "person": r.Person, "audit_id": aid})
}

// blindParam reads ?blind=true|1.
func blindParam(c *gin.Context) (bool, error) {
	v := c.Query("blind")
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, vitae.Errorf(vitae.EINVALID, "blind must be true or false")
	}
	return b, nil
}
