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
}

const pageSize = 10

func (s *Server) render(c *gin.Context, status int, name string, d pageData) {
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
	g.GET("/match", func(c *gin.Context) {
		s.render(c, http.StatusOK, "match.html", pageData{Title: "Match a job description"})
	})
	g.POST("/match", s.matchPage)
}

func (s *Server) searchPage(c *gin.Context) {
	d := pageData{Title: "Vitae", Query: strings.TrimSpace(c.Query("q")), Mode: c.DefaultQuery("mode", "hybrid"),
		Group: c.Query("group") == "candidate", Company: c.Query("company"), Role: c.Query("role"),
		Skill: c.Query("skill"), Since: c.Query("since"), Until: c.Query("until")}
	d.Page, _ = strconv.Atoi(c.DefaultQuery("page", "1"))
	if d.Page < 1 || d.Page > 100 {
		d.Page = 1
	}
	if d.Query == "" {
		s.render(c, http.StatusOK, "search.html", d)
		return
	}
	q := vitae.Query{Text: d.Query, Mode: vitae.Mode(d.Mode), SemanticRatio: s.cfg.SemanticRatio, Limit: pageSize,
		Offset: (d.Page - 1) * pageSize, Explain: true, Facets: true}
	for _, f := range []struct {
		v   string
		dst *[]string
	}{{d.Company, &q.Filters.Company}, {d.Role, &q.Filters.Role}, {d.Skill, &q.Filters.Skill}} {
		if f.v != "" {
			*f.dst = []string{f.v}
		}
	}
	q.Filters.Since, q.Filters.Until = d.Since, d.Until
	if d.Group {
		q.GroupBy = "candidate"
	}
	if len([]rune(d.Query)) > s.cfg.MaxQueryLen {
		d.Error = "The query is too long."
		s.render(c, http.StatusRequestEntityTooLarge, "search.html", d)
		return
	}
	res, err := s.b.Search(c.Request.Context(), q)
	if err != nil {
		d.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "search.html", d)
		return
	}
	d.Results, d.Facets = res, res.Facets
	link := func(page int) string {
		v := c.Request.URL.Query()
		v.Set("page", strconv.Itoa(page))
		return "/?" + v.Encode()
	}
	if d.Page > 1 {
		d.Prev = link(d.Page - 1)
	}
	if d.Page*pageSize < res.Total {
		d.Next = link(d.Page + 1)
	}
	s.render(c, http.StatusOK, "search.html", d)
}

func (s *Server) resumePage(c *gin.Context) {
	r, err := s.b.Resume(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.render(c, statusOf(vitae.ErrorCode(err)), "resume.html", pageData{Title: "Résumé", Error: vitae.ErrorMessage(err)})
		return
	}
	s.render(c, http.StatusOK, "resume.html", pageData{Title: r.Person, Resume: r})
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
	d.Uploaded = append(d.Uploaded, up.ids...)
	s.render(c, http.StatusOK, "upload.html", d)
}

func (s *Server) matchPage(c *gin.Context) {
	d := pageData{Title: "Match a job description", JD: c.PostForm("jd")}
	res, err := s.m.Match(c.Request.Context(), match.Request{JobDescription: d.JD, Limit: 10})
	if err != nil {
		d.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "match.html", d)
		return
	}
	d.Match = res
	s.render(c, http.StatusOK, "match.html", d)
}
