package match

import (
	"context"
	"math"
	"sort"
	"time"

	"vitae"
)

// Backend is what matching needs of a search engine: the hybrid query per
// requirement and the résumés of the candidates it finds. (Role fit
// analyses titles with index.Terms, the analyzer search uses.)
// *search.Engine satisfies it.
type Backend interface {
	vitae.Searcher
	// Resume returns one résumé with its bullets; an unknown ID is an
	// error with code ENOTFOUND.
	Resume(ctx context.Context, id string) (*vitae.Resume, error)
}

// Options configure a Matcher; zero values take the defaults.
type Options struct {
	Mode            vitae.Mode // of the requirement queries; "" = the backend's default
	SemanticRatio   float64    // of the requirement queries; default 0.5
	MaxLimit        int        // candidates per answer at most; default 100
	RecencyHalfLife float64    // years; 0 = no decay
}

func (o Options) withDefaults() Options {
	if o.SemanticRatio <= 0 {
		o.SemanticRatio = 0.5
	}
	if o.MaxLimit <= 0 {
		o.MaxLimit = 100
	}
	return o
}

// defaultWeights are the knobs of every match; docs/matching.md §2 gives
// the formula they enter and why each has its value.
var defaultWeights = Weights{
	MustHave:       2,
	NiceToHave:     1,
	MatchThreshold: 0.45, // a requirement is met at this evidence score
	ReusePenalty:   0.5,  // a bullet already used for another requirement counts half
	Experience:     0.15, // share of the score from years of experience
	RoleFit:        0.25, // share of the score from the JD's title against the candidate's roles
	SkillCredit:    0.5,  // evidence for a requirement's skills the résumé only lists
}

// Matcher ranks candidates for job descriptions over a Backend.
type Matcher struct {
	b    Backend
	opts Options
}

// New returns a Matcher over b.
func New(b Backend, opts Options) *Matcher {
	return &Matcher{b: b, opts: opts.withDefaults()}
}

// Match ranks candidates by how well their bullets cover each requirement
// of a job description (the formula: docs/matching.md §2). Each requirement
// is a hybrid query; a candidate's evidence for it is their best bullet,
// relative to the best anyone has, decayed by recency. The score is the
// must/nice-weighted mean of the evidence, blended with role fit (when the
// JD has a title) and with years of experience (when it asks for years).
func (m *Matcher) Match(ctx context.Context, r Request) (*Result, error) {
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
	limit = min(limit, m.opts.MaxLimit)
	mode := r.Mode
	if mode == "" {
		mode = m.opts.Mode
	}
	w := defaultWeights
	w.RecencyHalfLife = m.opts.RecencyHalfLife
	if jd.Title == "" {
		w.RoleFit = 0 // no title, no role fit
	}
	res := &Result{Title: jd.Title, Requirements: jd.Requirements, YearsRequired: jd.YearsRequired, Weights: w}
	evidence, people, err := m.evidence(ctx, jd, mode, res)
	if err != nil {
		return nil, err
	}
	resumes := map[string]*vitae.Resume{}
	for id := range evidence {
		if rr, err := m.b.Resume(ctx, id); err == nil {
			resumes[id] = rr
		}
	}
	fit := roleFit(jd.Title, resumes)
	now := time.Now()
	for id, ev := range evidence {
		c := score(jd, w, ev, listedSkills(resumes[id]))
		c.ResumeID, c.Person = id, people[id]
		if jd.Title != "" {
			c.RoleFit = round3(fit[id])
			c.Score = (1-w.RoleFit)*c.Score + w.RoleFit*fit[id]
		}
		if rr := resumes[id]; rr != nil {
			c.YearsExperience = round3(YearsOfExperience(rr.Bullets, now))
		}
		if jd.YearsRequired > 0 {
			yfit := math.Min(1, c.YearsExperience/jd.YearsRequired)
			c.Score = (1-w.Experience)*c.Score + w.Experience*yfit
		}
		c.Score = round3(c.Score)
		res.Candidates = append(res.Candidates, c)
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
		res.Candidates = []Candidate{}
	}
	return res, nil
}

// evidence runs one query per requirement and keeps, per candidate, their
// best bullet for each requirement (nil where they have none), scored
// relative to the requirement's best hit and decayed by recency. It marks
// res degraded when a query fell back to keyword search.
func (m *Matcher) evidence(ctx context.Context, jd *JobDescription, mode vitae.Mode, res *Result) (map[string][]*Evidence, map[string]string, error) {
	evidence := map[string][]*Evidence{}
	people := map[string]string{}
	now := time.Now()
	for ri, req := range jd.Requirements {
		q := vitae.Query{Text: truncateRunes(req.Text, 900), Mode: mode, SemanticRatio: m.opts.SemanticRatio, Limit: 100, Explain: true}
		rs, err := m.b.Search(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		if rs.Degraded {
			res.Degraded, res.DegradedReason = true, rs.DegradedReason
		}
		if len(rs.Hits) == 0 {
			continue
		}
		best := rs.Hits[0].Score
		for _, h := range rs.Hits {
			ev := evidence[h.ResumeID]
			if ev == nil {
				ev = make([]*Evidence, len(jd.Requirements))
				evidence[h.ResumeID], people[h.ResumeID] = ev, h.Person
			}
			if ev[ri] != nil {
				continue // hits are best first: the first is the best
			}
			score := 0.0
			if best > 0 {
				score = h.Score / best
			}
			score *= recency(vitae.PeriodOf(h.Bullet), m.opts.RecencyHalfLife, now)
			ev[ri] = &Evidence{Requirement: req.Text, RequirementIndex: ri, BulletID: h.ID, Text: h.Text,
				Company: h.Company, Role: h.Role, Start: h.Start, End: h.End, Score: round3(score)}
		}
	}
	return evidence, people, nil
}

// score is a candidate's requirement score: the must/nice-weighted mean of
// their evidence (a bullet reused for another requirement counts
// ReusePenalty; listed skills give at least SkillCredit times their share),
// with coverage, matched evidence and missing requirements.
func score(jd *JobDescription, w Weights, ev []*Evidence, listed map[string]bool) Candidate {
	c := Candidate{Coverage: Coverage{Total: len(jd.Requirements)}, Matched: []Evidence{}, Missing: []string{}}
	var sum, wsum float64
	used := map[string]bool{}
	for ri, req := range jd.Requirements {
		weight := w.NiceToHave
		if req.MustHave {
			weight = w.MustHave
			c.Coverage.MustTotal++
		}
		wsum += weight
		e := ev[ri]
		s := 0.0
		if e != nil {
			s = e.Score
			if used[e.BulletID] {
				s *= w.ReusePenalty
			}
		}
		if v := w.SkillCredit * skillShare(req.Skills, listed); v > s {
			s = v
		}
		sum += weight * s
		if e == nil || e.Score < w.MatchThreshold {
			c.Missing = append(c.Missing, req.Text)
			continue
		}
		used[e.BulletID] = true
		c.Coverage.Met++
		if req.MustHave {
			c.Coverage.MustMet++
		}
		c.Matched = append(c.Matched, *e)
	}
	c.Score = sum / wsum
	return c
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
