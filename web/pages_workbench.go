package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
	"vitae/web/workbench"
)

// shortlistView is what shortlists.html and shortlist.html show.
type shortlistView struct {
	Title, Error string
	NeedKey      bool
	Flash        string
	Lists        []workbench.Shortlist
	Searches     []savedLink
	List         *workbench.Shortlist
	Cards        []card
}

type savedLink struct {
	workbench.Search
	URL string
}

func (s *Server) registerWorkbenchPages(g *gin.RouterGroup) {
	g.POST("/resumes/:id/delete", s.deleteResumePage)
	g.GET("/export", s.exportSearch)
	g.GET("/shortlists", s.shortlistsPage)
	g.GET("/shortlists/:id", s.shortlistPage)
	g.GET("/shortlists/:id/export", s.exportShortlist)
	g.POST("/shortlists/add", s.pageWrite(s.addToShortlist))
	g.POST("/shortlists/:id/note", s.pageWrite(s.noteOnShortlist))
	g.POST("/shortlists/:id/remove", s.pageWrite(s.removeFromShortlist))
	g.POST("/shortlists/:id/delete", s.pageWrite(func(c *gin.Context, wb *workbench.Store) (string, string, error) {
		return "/shortlists", "Shortlist deleted.", wb.DeleteShortlist(c.Param("id"))
	}))
	g.POST("/searches", s.pageWrite(s.saveSearch))
	g.POST("/searches/:id/delete", s.pageWrite(func(c *gin.Context, wb *workbench.Store) (string, string, error) {
		return "/shortlists", "Saved search deleted.", wb.DeleteSearch(c.Param("id"))
	}))
}

// pageWrite runs a form's change and redirects (POST, then GET) with a
// message; a missing key or an error comes back as the message.
func (s *Server) pageWrite(fn func(*gin.Context, *workbench.Store) (to, msg string, err error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		ret := localPath(c.PostForm("return"))
		wb, err := s.workbench()
		if err == nil && !s.pageWriteAllowed(c) {
			back := ret
			if back == "" {
				back = "/shortlists"
			}
			s.refuseKey(c, "Not saved", back)
			return
		}
		to, msg := ret, ""
		if err == nil {
			to, msg, err = fn(c, wb)
		}
		if err != nil {
			to, msg = ret, "Not saved: "+vitae.ErrorMessage(err)
		}
		if to == "" {
			to = "/shortlists"
		}
		flash(c, msg)
		c.Redirect(http.StatusSeeOther, to)
	}
}

// localPath keeps a return address on this site: a path, never a host.
func localPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(raw, "//") {
		return ""
	}
	return u.RequestURI()
}

func (s *Server) addToShortlist(c *gin.Context, wb *workbench.Store) (string, string, error) {
	id, err := s.resolveID(c, c.PostForm("resume_id")) // a blind page names the candidate by pseudonym
	if err != nil {
		return "", "", err
	}
	r, err := s.b.Resume(c.Request.Context(), id)
	if err != nil {
		return "", "", err
	}
	listID := c.PostForm("shortlist")
	if listID == "" || listID == "new" {
		name := strings.TrimSpace(c.PostForm("name"))
		if name == "" {
			name = "Shortlist " + time.Now().Format("2006-01-02")
		}
		l, err := wb.CreateShortlist(name, c.PostForm("query"))
		if err != nil {
			return "", "", err
		}
		listID = l.ID
	}
	l, err := wb.SetEntry(listID, r.ID, c.PostForm("note"))
	if err != nil {
		return "", "", err
	}
	s.record(c.Request.Context(), audit.Event{Action: audit.Shortlisted, Subject: r.ID, Reason: c.PostForm("note"), Blind: s.pageBlind(c)})
	name := r.DisplayName()
	if audit.IsID(c.PostForm("resume_id")) {
		name = s.pseudo.Name(r.ID) // stay blind in the message too
	}
	return localPath(c.PostForm("return")), "Added " + name + " to " + l.Name + ".", nil
}

func (s *Server) noteOnShortlist(c *gin.Context, wb *workbench.Store) (string, string, error) {
	_, err := wb.SetEntry(c.Param("id"), s.realID(c, c.PostForm("resume_id")), c.PostForm("note"))
	return "/shortlists/" + url.PathEscape(c.Param("id")), "Note saved.", err
}

func (s *Server) removeFromShortlist(c *gin.Context, wb *workbench.Store) (string, string, error) {
	_, err := wb.RemoveEntry(c.Param("id"), s.realID(c, c.PostForm("resume_id")))
	return "/shortlists/" + url.PathEscape(c.Param("id")), "Removed from the shortlist.", err
}

func (s *Server) saveSearch(c *gin.Context, wb *workbench.Store) (string, string, error) {
	v, err := url.ParseQuery(c.PostForm("search"))
	if err != nil {
		return "", "", vitae.Errorf(vitae.EINVALID, "unreadable search")
	}
	p := parseSearchParams(v)
	if err := s.checkSaved(p.Query, vitae.Mode(p.Mode), p.filters()); err != nil {
		return "", "", err
	}
	name := strings.TrimSpace(c.PostForm("name"))
	if name == "" {
		name = p.Query
	}
	saved, err := wb.SaveSearch(workbench.Search{Name: name, Query: p.Query, Mode: vitae.Mode(p.Mode), Sort: p.Sort, Filters: p.filters()})
	if err != nil {
		return "", "", err
	}
	return p.URL(), "Saved the search “" + saved.Name + "”.", nil
}

// savedURL is the search page of a saved search.
func savedURL(q workbench.Search) string {
	p := searchParams{Query: q.Query, Mode: string(q.Mode), Sort: q.Sort, Skills: q.Filters.Skill, Company: q.Filters.Company,
		Role: q.Filters.Role, Since: q.Filters.Since, Until: q.Filters.Until, Page: 1}
	if p.Mode == "" {
		p.Mode = string(vitae.ModeHybrid)
	}
	return p.URL()
}

func (s *Server) shortlistsPage(c *gin.Context) {
	v := shortlistView{Title: "Shortlists and saved searches", NeedKey: s.needKey(c), Flash: takeFlash(c)}
	wb, err := s.workbench()
	if err == nil {
		v.Lists, err = wb.Shortlists()
	}
	if err == nil {
		var ss []workbench.Search
		ss, err = wb.Searches()
		for _, q := range ss {
			v.Searches = append(v.Searches, savedLink{q, savedURL(q)})
		}
	}
	if err != nil {
		v.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "shortlists.html", v)
		return
	}
	s.render(c, http.StatusOK, "shortlists.html", v)
}

// shortlistCards are a shortlist's candidates, each with the bullets that
// best match the shortlist's query (ranked on the spot) and the note;
// mask (blind review) masks them.
func (s *Server) shortlistCards(ctx context.Context, l *workbench.Shortlist, mask *masker) ([]card, error) {
	now := time.Now()
	cache := map[string]*vitae.Resume{}
	var out []card
	for _, e := range l.Entries {
		r, err := s.resume(ctx, cache, e.ResumeID)
		if err != nil {
			return nil, err
		}
		_, best := s.highlight(ctx, r, l.Query)
		score := 0.0
		for i, h := range best {
			score += []float64{1, 0.5, 0.25}[i] * h.Score
		}
		cd := newCard(r, best, score, l.Query, nil, now)
		cd.Note = e.Note
		out = append(out, cd)
	}
	if l.Query != "" {
		sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	}
	if mask != nil {
		for i := range out {
			mask.card(&out[i])
		}
	}
	return out, nil
}

func (s *Server) shortlistPage(c *gin.Context) {
	v := shortlistView{Title: "Shortlist", NeedKey: s.needKey(c), Flash: takeFlash(c)}
	wb, err := s.workbench()
	if err == nil {
		v.List, err = wb.Shortlist(c.Param("id"))
	}
	if err == nil {
		v.Title = v.List.Name
		v.Cards, err = s.shortlistCards(c.Request.Context(), v.List, s.pageMasker(c))
	}
	if err != nil {
		v.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "shortlist.html", v)
		return
	}
	s.render(c, http.StatusOK, "shortlist.html", v)
}
