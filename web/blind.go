package web

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"

	"vitae"
	"vitae/match"
)

// Blind review: rule-based masking of what identifies a person or hints
// at protected attributes — name, contact details, links (photos,
// profiles), location, schools and education dates — in every answer a
// blind request gets. Names become stable pseudonyms (audit.Pseudonyms),
// résumé IDs (often the person's name as a file stem) pseudonymous IDs.
// Nothing here ranks: masking happens after the ranking, which never
// reads names, schools or protected attributes in the first place.

var (
	reEmail = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.[\p{L}]{2,}`)
	reURL   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"]+`)
	rePhone = regexp.MustCompile(`\+?\d[\d ().\-]{7,}\d`)
)

const withheldEducation = "[education withheld in blind review]"

// person is what masking needs to know of one résumé.
type person struct {
	pseudoID, name string
	secrets        []*regexp.Regexp // name, résumé ID, schools, email, location; longest first
	nameWords      []*regexp.Regexp // the name's words, for "Ana" alone
	education      map[string]bool  // IDs of the résumé's education bullets
}

// masker masks answers of one blind request; it loads each résumé it
// meets once.
type masker struct {
	s      *Server
	ctx    context.Context
	people map[string]*person
}

func (s *Server) masker(ctx context.Context) *masker {
	return &masker{s: s, ctx: ctx, people: map[string]*person{}}
}

func (m *masker) person(resumeID, name string) *person {
	if p := m.people[resumeID]; p != nil {
		return p
	}
	p := &person{pseudoID: m.s.pseudo.ID(resumeID), name: m.s.pseudo.Name(resumeID), education: map[string]bool{}}
	var secrets []string
	add := func(v string) {
		if v = strings.TrimSpace(v); len([]rune(v)) >= 2 {
			secrets = append(secrets, v)
		}
	}
	add(name)
	add(resumeID)
	if r, err := m.s.b.Resume(m.ctx, resumeID); err == nil {
		add(r.Person)
		add(r.Email)
		add(r.Phone)
		add(r.Location)
		for _, l := range r.Links {
			add(l)
		}
		for _, b := range r.Bullets {
			if b.Section == vitae.SectionEducation {
				add(b.Company)
				p.education[b.ID] = true
			}
		}
		name = r.Person
	}
	// Longest first, so "Ana Silva" goes before "Ana".
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	for _, v := range secrets {
		p.secrets = append(p.secrets, regexp.MustCompile(`(?i)`+regexp.QuoteMeta(v)))
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '.' }) {
		if len([]rune(w)) >= 2 {
			p.nameWords = append(p.nameWords, regexp.MustCompile(`(?i)\b`+regexp.QuoteMeta(w)+`\b`))
		}
	}
	m.people[resumeID] = p
	return p
}

// text removes contact details, links, the person's name, schools and
// location from free text (plain or highlight HTML).
func (m *masker) text(p *person, s string) string {
	s = reEmail.ReplaceAllString(s, "[email]")
	s = reURL.ReplaceAllString(s, "[link]")
	s = rePhone.ReplaceAllString(s, "[phone]")
	for _, re := range p.secrets {
		s = re.ReplaceAllLiteralString(s, "["+p.name+"]")
	}
	for _, re := range p.nameWords {
		s = re.ReplaceAllLiteralString(s, p.name)
	}
	return s
}

func (m *masker) bullet(p *person, b *vitae.Bullet) {
	b.ResumeID, b.Person, b.Source = p.pseudoID, p.name, ""
	if b.Section == vitae.SectionEducation {
		b.Text, b.Company, b.Start, b.End = withheldEducation, "", "", ""
		return
	}
	b.Text, b.Company, b.Role = m.text(p, b.Text), m.text(p, b.Company), m.text(p, b.Role)
}

func (m *masker) hit(h *vitae.Hit) {
	p := m.person(h.ResumeID, h.Person)
	edu := h.Section == vitae.SectionEducation
	m.bullet(p, &h.Bullet)
	for i, frag := range h.Highlights {
		if edu {
			h.Highlights[i] = withheldEducation
			continue
		}
		// Marks can split a name or a link ("https://<mark>ana</mark>.dev"):
		// blind fragments go without them.
		frag = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(frag)
		h.Highlights[i] = m.text(p, frag)
	}
	h.MatchedTerms, h.Reasons = nil, nil // terms can be a name the query asked for
	dups := make([]vitae.Duplicate, len(h.Duplicates))
	for i, d := range h.Duplicates {
		dp := m.person(d.ResumeID, d.Person)
		dups[i] = vitae.Duplicate{ID: d.ID, ResumeID: dp.pseudoID, Person: dp.name}
	}
	h.Duplicates = dups
}

// results masks a search answer in place.
func (m *masker) results(res *vitae.Results) {
	for i := range res.Hits {
		m.hit(&res.Hits[i])
	}
	for c := range res.Candidates {
		cand := &res.Candidates[c]
		p := m.person(cand.ResumeID, cand.Person)
		cand.ResumeID, cand.Person = p.pseudoID, p.name
		for i := range cand.Hits {
			m.hit(&cand.Hits[i])
		}
	}
	m.facets(res.Facets)
}

// facets empties the company facet in place: schools are the companies
// of education bullets, so it could name them.
func (m *masker) facets(f map[string][]vitae.FacetCount) {
	if _, ok := f["company"]; ok {
		f["company"] = []vitae.FacetCount{}
	}
}

// card masks a candidate card built from the real résumé.
func (m *masker) card(cd *card) {
	p := m.person(cd.ResumeID, cd.Name)
	cd.ResumeID, cd.Name, cd.Location = p.pseudoID, p.name, ""
	cd.Title, cd.Why, cd.Note = m.text(p, cd.Title), m.text(p, cd.Why), m.text(p, cd.Note)
	hits := make([]vitae.Hit, len(cd.Hits))
	for i, h := range cd.Hits {
		h.Highlights = slices.Clone(h.Highlights)
		m.hit(&h)
		hits[i] = h
	}
	cd.Hits = hits
}

// match masks a match answer in place.
func (m *masker) match(res *match.Result) {
	for c := range res.Candidates {
		cand := &res.Candidates[c]
		p := m.person(cand.ResumeID, cand.Person)
		cand.ResumeID, cand.Person = p.pseudoID, p.name
		for i := range cand.Matched {
			ev := &cand.Matched[i]
			if p.education[ev.BulletID] {
				ev.Text, ev.Highlight, ev.Company, ev.Start, ev.End = withheldEducation, withheldEducation, "", "", ""
				continue
			}
			ev.Text, ev.Company, ev.Role = m.text(p, ev.Text), m.text(p, ev.Company), m.text(p, ev.Role)
			// Marks can split a name: the blind highlight goes without them.
			ev.Highlight = m.text(p, strings.NewReplacer("<mark>", "", "</mark>", "").Replace(ev.Highlight))
		}
		for i := range cand.Explain.Years {
			y := &cand.Explain.Years[i]
			y.Roles = slices.Clone(y.Roles)
			for j, r := range y.Roles {
				y.Roles[j] = m.text(p, r)
			}
		}
	}
}

// resume masks a résumé for the candidate page or the API.
func (m *masker) resume(r *vitae.Resume) *vitae.Resume {
	p := m.person(r.ID, r.Person)
	out := *r
	out.ID, out.Person, out.Email, out.Location, out.Source, out.Hash = p.pseudoID, p.name, "", "", "", ""
	out.Phone, out.Links, out.Identity, out.Unnamed = "", nil, "", false
	out.Label, out.Summary = m.text(p, r.Label), m.text(p, r.Summary)
	out.Bullets = make([]vitae.Bullet, len(r.Bullets))
	for i, b := range r.Bullets {
		m.bullet(p, &b)
		out.Bullets[i] = b
	}
	return &out
}
