package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/search"
	"vitae/web/workbench"
)

// searchView is what search.html shows.
type searchView struct {
	Title, Error string
	NeedKey      bool
	P            searchParams
	Query        string
	Flash        string
	Searched     bool
	Summary      string // "12 candidates" / "57 matching bullets"
	Notice       string // past the last page, or nothing found
	NoticeLink   string // where the notice points: the last page, the search without filters
	NoticeAction string // the link's words
	TooLong      int    // the query's length when over the limit
	MaxQueryLen  int
	Degraded     string
	Cards        []card
	Hits         []vitae.Hit
	Facets       []facetGroup
	Chips        []chip
	Clear        string
	Page, Pages  int
	Prev, Next   string
	Shortlists   []workbench.Shortlist
	Searches     []workbench.Search
	Back         string // this page's URL, for links that come back
	AuditID      string // the audit entry of the ranking shown
}

type facetGroup struct {
	Label, Param string
	Items        []facetItem
}

type facetItem struct {
	Value  string
	Count  int
	Active bool
	Href   string
}

// outcome is one run of the page's search, before paging: every card (or
// hit, in the bullet view) the pool holds, in the order asked.
type outcome struct {
	cards    []vitae.Candidate
	resumes  map[string]*vitae.Resume
	hits     []vitae.Hit
	total    int // bullets, or candidates when grouped
	facets   map[string][]vitae.FacetCount
	degraded string
	paged    bool // hits are the page already (the engine paged)
	query    vitae.Query
	raw      *vitae.Results // the engine's answer as ranked, for the audit log
	mask     *masker        // blind review: set, cards and hits are masked
}

// search runs p. The candidate view, "most recent" and several skills
// take the engine's top pool (MaxLimit bullets' candidates) and order and
// page it here; the plain bullet view pages in the engine. all: no
// paging (exports).
func (s *Server) search(ctx context.Context, p searchParams, all bool) (*outcome, error) {
	q := vitae.Query{Text: p.Query, Mode: vitae.Mode(p.Mode), SemanticRatio: s.cfg.SemanticRatio, Limit: s.cfg.MaxLimit,
		Explain: true, Facets: true, Filters: p.filters()}
	pooled := !p.Bullets || p.Sort == "recent" || len(p.Skills) > 1 || all
	if !pooled {
		q.Limit, q.Offset = pageSize, (p.Page-1)*pageSize
	}
	if !p.Bullets {
		q.GroupBy = "candidate"
	}
	res, err := s.b.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	o := &outcome{facets: res.Facets, resumes: map[string]*vitae.Resume{}, total: res.Total, query: q, raw: res}
	if p.Blind {
		o.mask = s.masker(ctx)
	}
	if res.Degraded {
		o.degraded = res.DegradedReason
	}
	if !pooled {
		o.hits, o.paged = res.Hits, true
		return o, nil
	}
	if res.NoMatch {
		// Nothing matched: the closest bullets are no candidates, and
		// the page says why there are none (noResults), as the list of
		// bullets does.
		return o, nil
	}
	// Several skills: keep candidates who have every one.
	keep := func(id string) (bool, error) {
		if len(p.Skills) < 2 {
			return true, nil
		}
		r, err := s.resume(ctx, o.resumes, id)
		if err != nil {
			return false, err
		}
		for _, sk := range p.Skills {
			if !hasSkill(r, sk) {
				return false, nil
			}
		}
		return true, nil
	}
	if p.Bullets {
		for _, h := range res.Hits {
			if ok, err := keep(h.ResumeID); err != nil {
				return nil, err
			} else if ok {
				o.hits = append(o.hits, h)
			}
		}
		if p.Sort == "recent" {
			sort.SliceStable(o.hits, func(a, b int) bool {
				return vitae.PeriodOf(o.hits[a].Bullet).Recency() > vitae.PeriodOf(o.hits[b].Bullet).Recency()
			})
		}
		o.total = len(o.hits)
		return o, nil
	}
	for _, c := range res.Candidates {
		if ok, err := keep(c.ResumeID); err != nil {
			return nil, err
		} else if ok {
			o.cards = append(o.cards, c)
		}
	}
	if p.Sort == "recent" {
		latest := func(c vitae.Candidate) string {
			l := ""
			for _, h := range c.Hits {
				l = max(l, vitae.PeriodOf(h.Bullet).Recency())
			}
			return l
		}
		sort.SliceStable(o.cards, func(a, b int) bool { return latest(o.cards[a]) > latest(o.cards[b]) })
	}
	o.total = len(o.cards)
	return o, nil
}

// resume loads a résumé once per request; a résumé deleted meanwhile is
// an empty one, never an error.
func (s *Server) resume(ctx context.Context, cache map[string]*vitae.Resume, id string) (*vitae.Resume, error) {
	if r, ok := cache[id]; ok {
		return r, nil
	}
	r, err := s.b.Resume(ctx, id)
	if vitae.ErrorCode(err) == vitae.ENOTFOUND {
		r, err = &vitae.Resume{ID: id, Person: id}, nil
	}
	if err != nil {
		return nil, err
	}
	cache[id] = r
	return r, nil
}

// cardsOf builds the cards of candidates.
func (s *Server) cardsOf(ctx context.Context, o *outcome, cs []vitae.Candidate, p searchParams) ([]card, error) {
	now := time.Now()
	out := make([]card, 0, len(cs))
	for _, c := range cs {
		r, err := s.resume(ctx, o.resumes, c.ResumeID)
		if err != nil {
			return nil, err
		}
		cd := newCard(r, c.Hits, c.Score, p.Query, p.Skills, now)
		if o.mask != nil {
			o.mask.card(&cd)
		}
		out = append(out, cd)
	}
	return out, nil
}

func (s *Server) searchPage(c *gin.Context) {
	p := parseSearchParams(c.Request.URL.Query())
	p.Blind = s.pageBlind(c)
	v := searchView{Title: "Search candidates", P: p, MaxQueryLen: s.cfg.MaxQueryLen, Back: p.URL(), NeedKey: s.needKey(c), Query: p.Query, Flash: takeFlash(c)}
	if wb := s.cfg.Workbench; wb != nil {
		v.Shortlists, _ = wb.Shortlists()
		v.Searches, _ = wb.Searches()
	}
	if p.Query == "" {
		s.render(c, http.StatusOK, "search.html", v)
		return
	}
	v.Title = p.Query + " – Vitae"
	v.Searched, v.Chips = true, p.chips()
	if len(v.Chips) > 0 {
		clear := p
		clear.Skills, clear.Company, clear.Role, clear.Since, clear.Until, clear.Page = nil, nil, nil, "", "", 1
		v.Clear = clear.URL()
	}
	if n := utf8.RuneCountInString(p.Query); n > s.cfg.MaxQueryLen {
		v.TooLong = n
		s.render(c, http.StatusBadRequest, "search.html", v) // a field too long, as the API answers
		return
	}
	o, err := s.search(c.Request.Context(), p, false)
	if err != nil {
		v.Error = vitae.ErrorMessage(err)
		s.render(c, statusOf(vitae.ErrorCode(err)), "search.html", v)
		return
	}
	if v.AuditID = s.logSearch(c.Request.Context(), o.query, o.raw, p.Blind); o.mask != nil {
		o.mask.facets(o.facets) // cards and hits are masked as they are built
	}
	v.Degraded = o.degraded
	v.Facets = facetGroups(o.facets, p)
	v.Page, v.Pages = p.Page, (o.total+pageSize-1)/pageSize
	unit := "matching bullets"
	if !p.Bullets {
		unit = "candidates"
	}
	switch {
	case o.total == 0:
		v.Summary = "No " + unit
		v.Notice = noResults(p, v.Chips, o.raw.BulletsWithoutFilters)
		if n := o.raw.BulletsWithoutFilters; n != nil && *n > 0 {
			v.NoticeLink, v.NoticeAction = p.withoutFilters().URL(), "Search without the filters"
		}
	case p.Page > v.Pages:
		v.Summary = fmt.Sprintf("%d %s", o.total, unit)
		v.Notice = fmt.Sprintf("Page %d is past the end: %d %s fit on %d page(s).", p.Page, o.total, unit, v.Pages)
		last := p
		last.Page = v.Pages
		v.NoticeLink, v.NoticeAction = last.URL(), "Go to the last page"
	default:
		v.Summary = fmt.Sprintf("%d %s", o.total, unit)
		if o.total == 1 {
			v.Summary = "1 " + map[bool]string{true: "matching bullet", false: "candidate"}[p.Bullets]
		}
		from, to := (p.Page-1)*pageSize, min(p.Page*pageSize, o.total)
		if p.Bullets {
			v.Hits = o.hits
			if !o.paged {
				v.Hits = o.hits[from:to]
			}
			if o.mask != nil {
				for i := range v.Hits {
					o.mask.hit(&v.Hits[i])
				}
			}
		} else if v.Cards, err = s.cardsOf(c.Request.Context(), o, o.cards[from:to], p); err != nil {
			v.Error = vitae.ErrorMessage(err)
			s.render(c, statusOf(vitae.ErrorCode(err)), "search.html", v)
			return
		}
	}
	link := func(page int) string {
		q := p
		q.Page = page
		return q.URL()
	}
	if p.Page > 1 && p.Page <= v.Pages {
		v.Prev = link(p.Page - 1)
	}
	if p.Page < v.Pages {
		v.Next = link(p.Page + 1)
	}
	s.render(c, http.StatusOK, "search.html", v)
}

// noResults says what to try when nothing matched. unfiltered is the
// engine's count of the bullets the query matches without its filters
// (the page's, chips, and the query's own), when it counted them.
func noResults(p searchParams, chips []chip, unfiltered *int) string {
	msg := fmt.Sprintf("Nothing matches “%s”", p.Query)
	if unfiltered != nil {
		var filters []string
		for _, c := range chips {
			filters = append(filters, c.Label)
		}
		if f := search.ParseSyntax(p.Query).Filters; !f.Empty() {
			filters = append(filters, f.String())
		}
		msg = fmt.Sprintf("Nothing matches “%s”", search.WithoutFilters(p.Query))
		switch n := *unfiltered; n {
		case 0:
			msg += fmt.Sprintf(", with or without these filters (%s)", strings.Join(filters, "; "))
		case 1:
			return msg + fmt.Sprintf(" with these filters (%s); 1 bullet matches without them.", strings.Join(filters, "; "))
		default:
			return msg + fmt.Sprintf(" with these filters (%s); %d bullets match without them.", strings.Join(filters, "; "), n)
		}
	} else if p.filtered() {
		return msg + " with these filters. Remove a filter (the chips above) or clear them all."
	}
	if p.Mode == string(vitae.ModeKeyword) {
		return msg + ". “Exact words” needs the words as written: try “Words and meaning” or “Meaning only”, or fewer words."
	}
	return msg + ". Try fewer or more general words (“led a team” rather than a full sentence), or check the spelling."
}

// facetGroups turns the engine's counts into links that add or remove a
// filter; a chosen value stays listed even when its count left the top.
func facetGroups(f map[string][]vitae.FacetCount, p searchParams) []facetGroup {
	var out []facetGroup
	for _, fp := range facetParams {
		g := facetGroup{Label: fp.label, Param: fp.param}
		for _, fc := range f[fp.facet] {
			g.Items = append(g.Items, facetItem{Value: fc.Value, Count: fc.Count, Active: p.active(fp.param, fc.Value), Href: p.toggle(fp.param, fc.Value).URL()})
		}
		for _, v := range *p.list(fp.param) {
			if !containsFold(itemValues(g.Items), v) {
				g.Items = append([]facetItem{{Value: v, Active: true, Href: p.toggle(fp.param, v).URL()}}, g.Items...)
			}
		}
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func itemValues(items []facetItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Value
	}
	return out
}
