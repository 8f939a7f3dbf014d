package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/audit"
	"vitae/match"
	"vitae/search"
	"vitae/web/workbench"
)

// resumeView is what resume.html shows: the résumé as a person reads it.
type resumeView struct {
	Title, Error string
	NeedKey      bool
	Flash        string
	R            *vitae.Resume
	Card         card
	Groups       []roleGroup
	Query        string
	Back         string // the results this page was opened from
	BackQuery    string // the same, as a query string for links and forms
	Matches      int
	Similar      []card
	SimilarNote  string
	Shortlists   []workbench.Shortlist
	Links        []string
	Fits         []match.JobFit // the stored jobs this person fits, best first
	FitsNote     string         // why there are none to show
	Blind        bool           // blind review: masked, with the logged reveal
}

// roleGroup is one job (or project, school) with its bullets.
type roleGroup struct {
	Heading                       string // the section's title, on its first group
	Section, Role, Company, Dates string
	Bullets                       []shownBullet
}

type shownBullet struct {
	HTML  template.HTML // text, the query's words in <mark>
	Match bool          // among the bullets that match the query best
}

var sectionTitles = map[string]string{vitae.SectionWork: "Experience", vitae.SectionProject: "Projects", vitae.SectionVolunteer: "Volunteering",
	vitae.SectionAward: "Awards", vitae.SectionEducation: "Education", vitae.SectionSummary: "Summary", vitae.SectionOther: "Other"}

var sectionOrder = []string{vitae.SectionSummary, vitae.SectionWork, vitae.SectionProject, vitae.SectionVolunteer, vitae.SectionEducation, vitae.SectionAward, vitae.SectionOther}

// groupByRole keeps the file's order of jobs: consecutive bullets of one
// section, company and role are one group.
func groupByRole(bs []vitae.Bullet, shown map[string]shownBullet) map[string][]roleGroup {
	out := map[string][]roleGroup{}
	for _, b := range bs {
		gs := out[b.Section]
		if n := len(gs); n == 0 || gs[n-1].Role != b.Role || gs[n-1].Company != b.Company || gs[n-1].Dates != dates(b) {
			gs = append(gs, roleGroup{Section: b.Section, Role: b.Role, Company: b.Company, Dates: dates(b)})
		}
		sb, ok := shown[b.ID]
		if !ok {
			sb = shownBullet{HTML: template.HTML(template.HTMLEscapeString(b.Text))}
		}
		gs[len(gs)-1].Bullets = append(gs[len(gs)-1].Bullets, sb)
		out[b.Section] = gs
	}
	return out
}

var reLink = regexp.MustCompile(`https?://[^\s<>"']+|\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b`)

// contactLinks are the e-mail address and the links the file gives.
func contactLinks(r *vitae.Resume) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimRight(s, ".,;)")
		if s != "" && !containsFold(out, s) && len(out) < 10 {
			out = append(out, s)
		}
	}
	add(r.Email)
	for _, l := range r.Links {
		add(l)
	}
	for _, m := range reLink.FindAllString(r.Summary, -1) {
		add(m)
	}
	return out
}

// highlight ranks the résumé's bullets against the query: the best ones
// are marked as matches, the query's words highlighted. Without a query,
// or when ranking fails, the bullets are shown plain.
func (s *Server) highlight(ctx context.Context, r *vitae.Resume, query string) (map[string]shownBullet, []vitae.Hit) {
	if query == "" || len(r.Bullets) == 0 || len(r.Bullets) > 1000 {
		return nil, nil
	}
	req := search.RankRequest{Query: query, SemanticRatio: &s.cfg.SemanticRatio}
	byID := map[string]vitae.Bullet{}
	for _, b := range r.Bullets {
		text := b.Text
		if utf8.RuneCountInString(text) > 2000 {
			text = string([]rune(text)[:2000])
		}
		req.Bullets = append(req.Bullets, search.RankBullet{ID: b.ID, Text: text})
		byID[b.ID] = b
	}
	res, err := s.b.Rank(ctx, req)
	if err != nil {
		return nil, nil
	}
	shown := map[string]shownBullet{}
	var best []vitae.Hit
	for _, h := range res.Hits {
		if h.Score <= 0 {
			continue
		}
		html := template.HTML(template.HTMLEscapeString(h.Text))
		if len(h.Highlights) > 0 && utf8.RuneCountInString(byID[h.ID].Text) == utf8.RuneCountInString(h.Text) {
			html = safeHighlight(strings.Join(h.Highlights, " … "))
			if !strings.Contains(strings.Join(h.Highlights, ""), "…") && len(h.Highlights) == 1 {
				html = safeHighlight(h.Highlights[0])
			}
		}
		match := len(best) < 3
		if match {
			hit := vitae.Hit{Bullet: byID[h.ID], Score: h.Score, Highlights: h.Highlights, MatchedTerms: markedTerms(h.Highlights), Details: h.Details}
			best = append(best, hit)
		}
		shown[h.ID] = shownBullet{HTML: html, Match: match}
	}
	return shown, best
}

var reMark = regexp.MustCompile(`<mark>(.*?)</mark>`)

// markedTerms are the words a highlight marked.
func markedTerms(hl []string) []string {
	var out []string
	for _, f := range hl {
		for _, m := range reMark.FindAllStringSubmatch(f, -1) {
			if !containsFold(out, m[1]) {
				out = append(out, m[1])
			}
		}
	}
	return out
}

func (s *Server) resumePage(c *gin.Context) {
	blind := s.pageBlind(c) || audit.IsID(c.Param("id"))
	id, err := s.resolveID(c, c.Param("id"))
	s.showResume(c, id, err, blind, true)
}

// showResume renders the candidate page of id (err: the lookup's error);
// blind masks it, opened logs the view.
func (s *Server) showResume(c *gin.Context, id string, err error, blind, opened bool) {
	ctx := c.Request.Context()
	p, back := backURL(c.Query("back"))
	v := resumeView{Title: "Candidate", NeedKey: s.needKey(c), Back: back, Query: p.Query, Flash: takeFlash(c), Blind: blind}
	if p.Query != "" {
		v.BackQuery = p.Encoded()
	}
	var r *vitae.Resume
	if err == nil {
		r, err = s.b.Resume(ctx, id)
	}
	if err != nil {
		v.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "resume.html", v)
		return
	}
	if opened {
		s.record(ctx, audit.Event{Action: audit.Opened, Subject: id, Blind: blind})
	}
	o := &outcome{resumes: map[string]*vitae.Resume{}}
	if blind {
		o.mask = s.masker(ctx)
		r = o.mask.resume(r)
	}
	shown, best := s.highlight(ctx, r, p.Query)
	now := time.Now()
	v.R, v.Card, v.Matches = r, newCard(r, best, 0, p.Query, p.Skills, now), len(best)
	v.Card.Skills = r.Skills
	v.Title = v.Card.Name
	groups := groupByRole(r.Bullets, shown)
	for _, sec := range sectionOrder {
		if gs := groups[sec]; len(gs) > 0 {
			gs[0].Heading = sectionTitles[sec]
			v.Groups = append(v.Groups, gs...)
		}
	}
	v.Links = contactLinks(r)
	v.Fits, v.FitsNote = s.pageFits(ctx, r.ID)
	if wb := s.cfg.Workbench; wb != nil {
		v.Shortlists, _ = wb.Shortlists()
	}
	similar, err := s.b.Similar(ctx, id, 5)
	switch {
	case vitae.ErrorCode(err) == vitae.EUNAVAILABLE:
		v.SimilarNote = "Similar candidates need the semantic index, which is not ready."
	case err != nil:
		v.SimilarNote = "Similar candidates could not be found: " + vitae.ErrorMessage(err)
	default:
		v.Similar, _ = s.cardsOf(ctx, o, similar, searchParams{})
		for i := range v.Similar {
			v.Similar[i].Why = "Did similar work: " + strings.Join(nonBlank(v.Similar[i].Hits[0].Role, v.Similar[i].Hits[0].Company), " at ")
		}
	}
	s.render(c, http.StatusOK, "resume.html", v)
}

// deleteResumePage erases a candidate after the form's confirmation and
// key, then goes back to the results, which no longer hold them.
func (s *Server) deleteResumePage(c *gin.Context) {
	id := c.Param("id")
	if real, err := s.resolveID(c, id); err == nil {
		id = real // a blind page names the candidate by pseudonym
	}
	_, back := backURL(c.PostForm("back"))
	again := "/resumes/" + url.PathEscape(id) + "?back=" + url.QueryEscape(c.PostForm("back"))
	if !s.pageWriteAllowed(c) {
		s.refuseKey(c, "Not deleted", again)
		return
	}
	if c.PostForm("confirm") != "yes" {
		flash(c, "Not deleted: tick the box to confirm.")
		c.Redirect(http.StatusSeeOther, again)
		return
	}
	r, err := s.b.Resume(c.Request.Context(), id)
	if err == nil {
		err = s.b.Delete(c.Request.Context(), id)
	}
	if err != nil {
		flash(c, "Not deleted: "+vitae.ErrorMessage(err))
		c.Redirect(http.StatusSeeOther, again)
		return
	}
	flash(c, "Deleted "+r.DisplayName()+": résumé, vectors and shortlist entries are gone.")
	c.Redirect(http.StatusSeeOther, back)
}
