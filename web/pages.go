package web

import (
	"bytes"
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/match"
	"vitae/web/workbench"
)

var funcs = template.FuncMap{
	"hl":    safeHighlight,
	"dates": dates,
	"pct":   func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"f3":    func(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) },
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"evidence": func(c match.Candidate, ri int) *match.Evidence {
		for i := range c.Matched {
			if c.Matched[i].RequirementIndex == ri {
				return &c.Matched[i]
			}
		}
		return nil
	},
}

// safeHighlight re-sanitises a highlight fragment: whatever the index
// produced, only <mark> survives as markup; everything else is escaped.
func safeHighlight(frag string) template.HTML {
	s := strings.ReplaceAll(frag, "<mark>", "\x00")
	s = strings.ReplaceAll(s, "</mark>", "\x01")
	s = html.EscapeString(html.UnescapeString(s))
	s = strings.ReplaceAll(s, "\x00", "<mark>")
	s = strings.ReplaceAll(s, "\x01", "</mark>")
	return template.HTML(s) // #nosec: built from escaped text plus <mark> only
}

func dates(b vitae.Bullet) string {
	switch {
	case b.Start == "" && b.End == "":
		return ""
	case b.End == "":
		return b.Start + " – present"
	}
	return b.Start + " – " + b.End
}

type pageData struct {
	Title    string
	Query    string
	Mode     string
	Group    bool
	Company  string
	Role     string
	Skill    string
	Since    string
	Until    string
	Page     int
	Results  *vitae.Results
	Error    string
	Prev     string
	Next     string
	Facets   map[string][]vitae.FacetCount
	Resume   *vitae.Resume
	Uploaded []string
	Failed   []uploadFailure
	JD       string
	Match    *match.Result
	NeedKey  bool
	Flash    string
	Stored   bool            // stored jobs are configured (pages_jobs.go)
	Jobs     []workbench.Job // the stored jobs, listed on the match page
	JobID    string          // the stored job matched
	Blind    bool            // blind review: pseudonyms, no contact details or schools
	AuditID  string          // the audit entry of the ranking shown
}

const pageSize = 10

func (s *Server) render(c *gin.Context, status int, name string, d any) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, d); err != nil {
		s.cfg.Logger.Error("render page", "page", name, "error", err)
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

func (s *Server) registerPages(g *gin.RouterGroup) {
	g.GET("/", s.searchPage)
	g.GET("/resumes/:id", s.resumePage)
	g.GET("/upload", func(c *gin.Context) {
		s.render(c, http.StatusOK, "upload.html", pageData{Title: "Upload résumés", NeedKey: s.cfg.APIKey != ""})
	})
	g.POST("/upload", s.auth(true), s.uploadPage)
	g.GET("/match", s.matchForm)
	g.POST("/match", s.matchPage)
	s.registerJobPages(g)
}

func (s *Server) uploadPage(c *gin.Context) {
	d := pageData{Title: "Upload résumés", NeedKey: s.cfg.APIKey != ""}
	up, err := s.addUploads(c)
	if err != nil {
		d.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "upload.html", d)
		return
	}
	d.Failed = up.failures
	d.Uploaded = append(d.Uploaded, up.storedIDs()...)
	s.render(c, http.StatusOK, "upload.html", d)
}

func (s *Server) matchPage(c *gin.Context) {
	formErr := jdForm(c) // before any PostForm, which would swallow the error
	d := pageData{Title: "Match a job description", JD: c.PostForm("jd"), Blind: s.pageBlind(c)}
	s.withJobs(c, &d)
	if formErr != nil {
		d.Error = vitae.ErrorMessage(formErr)
		s.render(c, statusOf(vitae.ErrorCode(formErr)), "match.html", d)
		return
	}
	req := match.Request{JobDescription: d.JD, Limit: 10}
	res, err := s.m.Match(c.Request.Context(), req)
	if err != nil {
		d.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "match.html", d)
		return
	}
	if d.AuditID = s.logMatch(c.Request.Context(), req, "", res, d.Blind); d.Blind {
		s.masker(c.Request.Context()).match(res)
	}
	d.Match = res
	s.render(c, http.StatusOK, "match.html", d)
}
