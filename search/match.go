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
	matchThreshold = 0.45 // a requirement is met at this normalised score
	reusePenalty   = 0.5  // a bullet already used for another requirement counts half
	expWeight      = 0.15 // share of the score from years of experience
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
// alike however many words they have). The candidate score is the weighted
// mean over requirements (must-haves weigh 2, nice-to-haves 1) — one great
// bullet reused across requirements counts half after its first use, and
// only the best bullet per requirement counts, so a long résumé gains
// nothing from volume — times a recency factor for old evidence, blended
// with how well years of experience meet the ask.
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
		Weights: Weights{MustHave: mustWeight, NiceToHave: niceWeight, MatchThreshold: matchThreshold, RecencyHalfLife: s.opts.RecencyHalfLife, Experience: expWeight}}

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
	for id, c := range cands {
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
			if e == nil || e.Score < matchThreshold {
				m.Missing = append(m.Missing, req.Text)
				continue
			}
			score := e.Score
			if used[e.BulletID] {
				score *= reusePenalty
			}
			used[e.BulletID] = true
			sum += w * score
			m.Coverage.Met++
			if req.MustHave {
				m.Coverage.MustMet++
			}
			m.Matched = append(m.Matched, *e)
		}
		score := sum / wsum
		if r, err := s.ix.Resume(id); err == nil {
			m.YearsExperience = round3(YearsOfExperience(r.Bullets, time.Now()))
		}
		if jd.YearsRequired > 0 {
			fit := math.Min(1, m.YearsExperience/jd.YearsRequired)
			score = (1-expWeight)*score + expWeight*fit
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
