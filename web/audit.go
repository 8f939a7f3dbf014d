package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
	"vitae/match"
	"vitae/pipeline"
	"vitae/search"
)

// Auditor keeps the audit log; *audit.Log implements it. Record errors
// are EINVALID for an unknown action.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) (string, error)
	// Delete erases a résumé through d, records it, and tombstones the
	// person in the log.
	Delete(ctx context.Context, d audit.Deleter, resumeID, reason string) error
	Touch(resumeIDs []string) error
	Records(f audit.Filter, fn func(audit.Record) error) error
	Get(id string) (*audit.Record, error)
}

const (
	sessionCookie = "vitae_session"
	actorKey      = "vitae.actor"
)

// withActor returns ctx carrying the actor identify found for c.
func withActor(c *gin.Context, ctx context.Context) context.Context {
	if a := c.GetString(actorKey); a != "" {
		return audit.WithActor(ctx, a)
	}
	return ctx
}

// identify puts who acts into the request's context for the audit log:
// the API key's fingerprint (never the key) for the API, a random page
// session for the pages.
func (s *Server) identify(c *gin.Context) {
	var actor string
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		actor = "anonymous"
		if key := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer "); key != "" {
			actor = keyActor(key)
		} else if ck, err := c.Cookie("vitae_key"); err == nil && ck != "" {
			actor = keyActor(ck)
		}
	} else if !strings.HasPrefix(c.Request.URL.Path, "/static/") {
		id, err := c.Cookie(sessionCookie)
		if err != nil || len(id) != 16 {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
			c.SetSameSite(http.SameSiteLaxMode)
			c.SetCookie(sessionCookie, id, 0, "/", "", c.Request.TLS != nil, true)
		}
		actor = "page:" + id
	}
	if actor != "" {
		c.Set(actorKey, actor) // the timeout middleware puts it in the request's context
	}
	c.Next()
}

// keyActor names an API key in the log by a fingerprint.
func keyActor(key string) string {
	h := sha256.Sum256([]byte(key))
	return "key:" + hex.EncodeToString(h[:4])
}

// record logs ev when an audit log is configured and returns its ID; a
// failure is logged, never shown to the client.
func (s *Server) record(ctx context.Context, ev audit.Event) string {
	if s.cfg.Audit == nil {
		return ""
	}
	id, err := s.cfg.Audit.Record(ctx, ev)
	if err != nil {
		s.cfg.Logger.Error("audit record failed", "action", ev.Action, "error", err)
	}
	return id
}

// logSearch records a search answer as it was ranked (before masking).
func (s *Server) logSearch(ctx context.Context, q vitae.Query, res *vitae.Results, blind bool) string {
	if s.cfg.Audit == nil {
		return ""
	}
	text := q.Text
	q.Text = ""
	params, _ := json.Marshal(q)
	return s.record(ctx, audit.Event{Action: audit.Search, Text: text, Params: params, Ranked: audit.SearchRanking(res),
		IndexVersion: res.IndexVersion, ModelVersion: res.ModelVersion, Blind: blind})
}

// maxJobLabel is the longest job label, in characters, a match or a
// decision carries into the log (openapi.json's maxLength of "job").
const maxJobLabel = 200

// checkJobLabel refuses a job label longer than maxJobLabel (EINVALID),
// as the other names of the API are refused.
func checkJobLabel(label string) error {
	if utf8.RuneCountInString(label) > maxJobLabel {
		return vitae.TooLong("job (the label in the audit log)", maxJobLabel, "characters")
	}
	return nil
}

// JobRef is the job a match belongs to in the log: the caller's label,
// else "jd-" and 12 hex digits of the job description's SHA-256.
func JobRef(label, jd string) string {
	if label != "" {
		return label
	}
	h := sha256.Sum256([]byte(jd))
	return "jd-" + hex.EncodeToString(h[:6])
}

// logMatch records a match answer as it was ranked (before masking).
func (s *Server) logMatch(ctx context.Context, r match.Request, job string, res *match.Result, blind bool) string {
	if s.cfg.Audit == nil {
		return ""
	}
	text := r.JobDescription
	r.JobDescription = ""
	// The rules go with the request, so a replay can tell a changed
	// configuration from a changed ranking.
	params, _ := json.Marshal(struct {
		match.Request
		Rules string `json:"rules,omitempty"`
	}{r, res.Rules})
	ev := audit.Event{Action: audit.Match, Text: text, Params: params, Job: JobRef(job, text),
		IndexVersion: res.IndexVersion, ModelVersion: res.ModelVersion, Blind: blind}
	for _, c := range res.Candidates {
		ev.Ranked = append(ev.Ranked, audit.Ranked{ResumeID: c.ResumeID, Score: c.Score})
	}
	return s.record(ctx, ev)
}

// audited is the Backend every handler uses when an audit log is set:
// every erasure (API, pages, the identity routes) goes through the log's
// one Delete path, and uploads start the résumé's retention clock.
type audited struct {
	Backend
	log Auditor
}

func (a audited) Delete(ctx context.Context, resumeID string) error {
	return a.log.Delete(ctx, a.Backend, resumeID, "")
}

func (a audited) Add(ctx context.Context, rs []*vitae.Resume) (*search.AddResult, error) {
	res, err := a.Backend.Add(ctx, rs)
	if err == nil {
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
		}
		_ = a.log.Touch(ids) // a lost clock start only delays retention
	}
	return res, err
}

func (a audited) AddFiles(ctx context.Context, files []pipeline.File) (*search.FilesResult, error) {
	res, err := a.Backend.AddFiles(ctx, files)
	if err == nil {
		_ = a.log.Touch(res.IDs)
	}
	return res, err
}
