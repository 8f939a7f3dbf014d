package search

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"vitae"
)

// Match weights.
const (
	mustWeight     = 2.0
	niceWeight     = 1.0
	matchThreshold = 0.45 // a requirement is met at this evidence score
	reusePenalty   = 0.5  // a bullet already used for another requirement counts half
	expWeight      = 0.15 // share of the score from years of experience
	roleWeight     = 0.25 // share of the score from the JD's title against the candidate's roles
	skillCredit    = 0.5  // evidence for a requirement's skills the résumé only lists
)

type sentence struct {
	off  int
	text string
}

var reSentenceEnd = regexp.MustCompile(`[.!?;]\s+`)

// sentences splits prose at sentence ends followed by a capital letter.
func sentences(text string) []sentence {
	var out []sentence
	start := 0
	for _, loc := range reSentenceEnd.FindAllStringIndex(text, -1) {
		if loc[1] < len(text) && strings.ToUpper(text[loc[1]:loc[1]+1]) == text[loc[1]:loc[1]+1] {
			out = append(out, sentence{start, strings.TrimSpace(text[start:loc[0]])})
			start = loc[1]
		}
	}
	if t := strings.TrimSpace(text[start:]); t != "" {
		out = append(out, sentence{start, t})
	}
	return out
}

// Match ranks candidates by how well their bullets cover each requirement
// of a job description. Each requirement is a hybrid query; a candidate's
// evidence for it is their best bullet, scored relative to the best
// evidence any candidate has for that requirement (so requirements count
// alike however many words they have). A requirement naming skills the
// résumé lists, but that no bullet shows, gets partial evidence
// (skillCredit). The requirement score is the weighted mean of the
// evidence over requirements (must-haves weigh 2, nice-to-haves 1; weak
// evidence counts for what it is, but only evidence over matchThreshold
// makes a requirement "met") — one great bullet
// reused across requirements counts half after its first use, and only
// the best bullet per requirement counts, so a long résumé gains nothing
// from volume. A quarter of the score (roleWeight) is role fit: how much
// of the JD's title, IDF-weighted over the candidates' role titles, one of
// the candidate's roles carries. Old evidence decays with recency, and
// the total is blended with how well years of experience meet the ask.
func (s *Engine) Match(ctx context.Context, r MatchRequest) (*MatchResult, error) {
	jd, err := ParseJD(r.JobDescription, r.Format)
	if err != nil {
		return nil, err
	}
	if len(jd.Requirements) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "no requirements found in the job description")
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, s.opts.MaxLimit)
	mode := r.Mode
	if mode == "" {
		mode = s.opts.Mode
	}
	res := &MatchResult{Title: jd.Title, Requirements: jd.Requirements, YearsRequired: jd.YearsRequired,
		Weights: Weights{MustHave: mustWeight, NiceToHave: niceWeight, MatchThreshold: matchThreshold, RecencyHalfLife: s.opts.RecencyHalfLife,
			Experience: expWeight, SkillCredit: skillCredit, ReusePenalty: reusePenalty}}
	if jd.Title != "" {
		res.Weights.RoleFit = roleWeight // no title, no role fit
	}

	type cand struct {
		person   string
		evidence []*Evidence // per requirement
	}
	cands := map[string]*cand{}
	for ri, req := range jd.Requirements {
		q := vitae.Query{Text: truncateRunes(req.Text, 900), Mode: mode, SemanticRatio: s.semanticRatio(), Limit: 100, Explain: true}
		rs, err := s.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		if rs.Degraded {
			res.Degraded, res.DegradedReason = true, rs.DegradedReason
		}
		if len(rs.Hits) == 0 {
			continue
		}
		best := rs.Hits[0].Score
		for _, h := range rs.Hits {
			c := cands[h.ResumeID]
			if c == nil {
				c = &cand{person: h.Person, evidence: make([]*Evidence, len(jd.Requirements))}
				cands[h.ResumeID] = c
			}
			if c.evidence[ri] != nil {
				continue // hits are best first: the first is the best
			}
			score := 0.0
			if best > 0 {
				score = h.Score / best
			}
			score *= s.recency(h.Bullet)
			c.evidence[ri] = &Evidence{Requirement: req.Text, RequirementIndex: ri, BulletID: h.ID, Text: h.Text,
				Company: h.Company, Role: h.Role, Start: h.Start, End: h.End, Score: round3(score)}
		}
	}
	ids := make([]string, 0, len(cands))
	for id := range cands {
		ids = append(ids, id)
	}
	resumes := map[string]*vitae.Resume{}
	for _, id := range ids {
		if rr, err := s.ix.Resume(id); err == nil {
			resumes[id] = rr
		}
	}
	fit := s.roleFit(jd.Title, resumes)
	for _, id := range ids {
		c := cands[id]
		listed := listedSkills(resumes[id])
		m := CandidateMatch{ResumeID: id, Person: c.person, Coverage: Coverage{Total: len(jd.Requirements)}}
		var sum, wsum float64
		used := map[string]bool{}
		for ri, req := range jd.Requirements {
			w := niceWeight
			if req.MustHave {
				w = mustWeight
				m.Coverage.MustTotal++
			}
			wsum += w
			e := c.evidence[ri]
			score := 0.0
			if e != nil {
				score = e.Score
				if used[e.BulletID] {
					score *= reusePenalty
				}
			}
			if v := skillCredit * skillShare(req.Skills, listed); v > score {
				score = v
			}
			sum += w * score
			if e == nil || e.Score < matchThreshold {
				m.Missing = append(m.Missing, req.Text)
				continue
			}
			used[e.BulletID] = true
			m.Coverage.Met++
			if req.MustHave {
				m.Coverage.MustMet++
			}
			m.Matched = append(m.Matched, *e)
		}
		score := sum / wsum
		if jd.Title != "" {
			m.RoleFit = round3(fit[id])
			score = (1-roleWeight)*score + roleWeight*fit[id]
		}
		if rr := resumes[id]; rr != nil {
			m.YearsExperience = round3(YearsOfExperience(rr.Bullets, time.Now()))
		}
		if jd.YearsRequired > 0 {
			yfit := math.Min(1, m.YearsExperience/jd.YearsRequired)
			score = (1-expWeight)*score + expWeight*yfit
		}
		m.Score = round3(score)
		if m.Matched == nil {
			m.Matched = []Evidence{}
		}
		if m.Missing == nil {
			m.Missing = []string{}
		}
		res.Candidates = append(res.Candidates, m)
	}
	sort.SliceStable(res.Candidates, func(a, b int) bool {
		if res.Candidates[a].Score != res.Candidates[b].Score {
			return res.Candidates[a].Score > res.Candidates[b].Score
		}
		return res.Candidates[a].ResumeID < res.Candidates[b].ResumeID
	})
	if len(res.Candidates) > limit {
		res.Candidates = res.Candidates[:limit]
	}
	if res.Candidates == nil {
		res.Candidates = []CandidateMatch{}
	}
	return res, nil
}

// roleFit scores each résumé's best role title against the JD's title:
// the IDF-weighted share of the title's terms the role carries, IDF taken
// over the role titles of these résumés (so "engineer" counts for little
// and "reliability" for much).
func (s *Engine) roleFit(title string, resumes map[string]*vitae.Resume) map[string]float64 {
	fit := map[string]float64{}
	want := dedupeStrings(s.ix.Terms(title))
	if len(want) == 0 {
		return fit
	}
	roles := map[string][]map[string]bool{}
	df := map[string]int{}
	for id, rr := range resumes {
		seen := map[string]bool{}
		for _, b := range rr.Bullets {
			if b.Role == "" || seen[b.Role] {
				continue
			}
			seen[b.Role] = true
			terms := map[string]bool{}
			for _, t := range s.ix.Terms(b.Role) {
				terms[t] = true
			}
			roles[id] = append(roles[id], terms)
			for t := range terms {
				df[t]++
			}
		}
	}
	n := float64(len(resumes))
	idf := func(t string) float64 { return math.Log(1 + (n+1)/(1+float64(df[t]))) }
	var total float64
	for _, t := range want {
		total += idf(t)
	}
	for id, rs := range roles {
		for _, terms := range rs {
			var got float64
			for _, t := range want {
				if terms[t] {
					got += idf(t)
				}
			}
			fit[id] = math.Max(fit[id], got/total)
		}
	}
	return fit
}

// listedSkills is the set of canonical skills a résumé lists (lower-cased).
func listedSkills(r *vitae.Resume) map[string]bool {
	have := map[string]bool{}
	if r == nil {
		return have
	}
	for _, sk := range r.Skills {
		have[strings.ToLower(sk)] = true
	}
	for _, b := range r.Bullets {
		for _, sk := range b.Skills {
			have[strings.ToLower(sk)] = true
		}
	}
	return have
}

// skillShare is the share of a requirement's skills the résumé lists.
func skillShare(skills []string, listed map[string]bool) float64 {
	if len(skills) == 0 {
		return 0
	}
	n := 0
	for _, sk := range skills {
		if listed[strings.ToLower(sk)] {
			n++
		}
	}
	return float64(n) / float64(len(skills))
}

func (s *Engine) semanticRatio() float64 {
	if s.opts.SemanticRatio > 0 {
		return s.opts.SemanticRatio
	}
	return 0.5
}

// recency halves a bullet's weight every RecencyHalfLife years since its
// role ended (ongoing roles are current); 0 turns decay off.
func (s *Engine) recency(b vitae.Bullet) float64 {
	if s.opts.RecencyHalfLife <= 0 || b.Start == "" {
		return 1
	}
	if b.End == "" {
		return 1
	}
	end, ok := parseYM(b.End, true)
	if !ok {
		return 1
	}
	age := time.Since(end).Hours() / (24 * 365.25)
	if age <= 0 {
		return 1
	}
	return math.Pow(0.5, age/s.opts.RecencyHalfLife)
}

// YearsOfExperience merges the work periods of bullets (overlaps counted
// once, ongoing roles up to now) and returns their length in years.
func YearsOfExperience(bullets []vitae.Bullet, now time.Time) float64 {
	type span struct{ a, b time.Time }
	var spans []span
	seen := map[string]bool{}
	for _, bl := range bullets {
		if bl.Section != vitae.SectionWork || bl.Start == "" {
			continue
		}
		key := bl.Start + "|" + bl.End
		if seen[key] {
			continue
		}
		seen[key] = true
		a, ok := parseYM(bl.Start, false)
		if !ok {
			continue
		}
		b := now
		if bl.End != "" {
			if b, ok = parseYM(bl.End, true); !ok {
				continue
			}
		}
		if b.After(now) {
			b = now
		}
		if b.After(a) {
			spans = append(spans, span{a, b})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a.Before(spans[j].a) })
	var total time.Duration
	var cur *span
	for i := range spans {
		sp := spans[i]
		if cur == nil || sp.a.After(cur.b) {
			if cur != nil {
				total += cur.b.Sub(cur.a)
			}
			cur = &sp
			continue
		}
		if sp.b.After(cur.b) {
			cur.b = sp.b
		}
	}
	if cur != nil {
		total += cur.b.Sub(cur.a)
	}
	return total.Hours() / (24 * 365.25)
}

// parseYM reads "YYYY-MM" or "YYYY"; end dates mean the end of the period.
func parseYM(s string, end bool) (time.Time, bool) {
	if t, err := time.Parse("2006-01", s); err == nil {
		if end {
			t = t.AddDate(0, 1, 0)
		}
		return t, true
	}
	if t, err := time.Parse("2006", s); err == nil {
		if end {
			t = t.AddDate(1, 0, 0)
		}
		return t, true
	}
	return time.Time{}, false
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
