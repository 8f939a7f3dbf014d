package match

import (
	"context"
	"sort"
	"strings"
	"sync"
	"unicode"

	"vitae"
)

// Job is a stored job description to fit a résumé against.
type Job struct {
	ID             string
	Title          string // shown instead of the description's own title when set
	JobDescription string
	Format         string
	// Warnings are the description's (JobDescription.Warnings) as NewJob
	// read it: who stores a job is told it looks like a résumé.
	Warnings []Warning
}

// JobFit is how one résumé fits one job: the match answer for the job
// with the résumé as its only candidate, scored as Match scores it.
type JobFit struct {
	JobID string `json:"job_id"`
	Title string `json:"title"`
	// Fit is the candidate's fit percent; 0 when no requirement has
	// evidence (Match then has no candidate).
	Fit         int  `json:"fit"`
	MustEvident bool `json:"must_evident"`
	// Match is the answer of Fit; nil when the description no longer
	// parses into requirements (Error says why).
	Match *Result `json:"match"`
	Error string  `json:"error,omitempty"`
}

// Fit scores one résumé against a job description exactly as Match
// scores a candidate: the same requirement queries pick the pool whose
// role titles weigh role fit (the résumé joins it when the queries did
// not find it), and the same scorer grades the résumé's bullets. The
// answer has the résumé as its only candidate, or none when it shows
// nothing the job asks for. Candidate feedback is Match's alone: with no
// pool ranked there is nothing to feed back, so with Options.Feedback on
// Match's score is Fit's × the feedback factor. An unknown résumé is
// ENOTFOUND.
func (m *Matcher) Fit(ctx context.Context, r Request, resumeID string) (*Result, error) {
	rr, err := m.b.Resume(ctx, resumeID)
	if err != nil {
		return nil, err
	}
	return m.fit(ctx, r, rr, nil, true)
}

// fit is Fit; length false leaves the length factor out (Fits).
func (m *Matcher) fit(ctx context.Context, r Request, rr *vitae.Resume, read *resumeCache, length bool) (*Result, error) {
	g, err := m.grading(ctx, r, rr, read, length)
	if err != nil {
		return nil, ended(ctx, err)
	}
	g.res.Candidates = []Candidate{}
	c, ok := g.candidate(rr.ID)
	if err := g.finish(ctx); err != nil {
		return nil, err
	}
	if ok {
		g.res.Candidates = append(g.res.Candidates, c)
	}
	return g.res, nil
}

// Fits scores one résumé against every job, best fit first: jobs where
// the résumé has evidence for a must-have, then by score. It scores as
// Fit does without the length factor: the factor is the same for every
// job of one person, so it would never change the order and would only
// lower every fit shown (a person of 100 bullets meeting everything at
// 50%). Each job's answer says so (weights.length 0, explain.length 1).
// A job whose
// description no longer parses is kept, last, with its error; an unknown
// résumé is ENOTFOUND, and an ended context ends the whole answer.
func (m *Matcher) Fits(ctx context.Context, resumeID string, jobs []Job) ([]JobFit, error) {
	rr, err := m.b.Resume(ctx, resumeID)
	if err != nil {
		return nil, err
	}
	out := make([]JobFit, len(jobs))
	scores := make([]float64, len(jobs))
	errs := make([]error, len(jobs))
	read := &resumeCache{m: map[string]*vitae.Resume{}} // the pools of the jobs overlap: each résumé read once
	// The jobs are fitted side by side: with 100 stored jobs one after
	// another a person's page took 7–8 s, and a few at once timed out.
	each(len(jobs), func(i int) {
		j := jobs[i]
		jf := JobFit{JobID: j.ID, Title: j.Title}
		if ctx.Err() != nil {
			return // reported once, below
		}
		res, err := m.fit(ctx, Request{JobDescription: j.JobDescription, Format: j.Format, Title: j.Title}, rr, read, false)
		switch {
		case vitae.ErrorCode(err) == vitae.EINVALID || vitae.ErrorCode(err) == vitae.ETOOLARGE:
			jf.Error = vitae.ErrorMessage(err)
		case err != nil:
			errs[i] = err
		default:
			jf.Match = res
			if jf.Title == "" {
				jf.Title = res.Title
			}
			if len(res.Candidates) == 1 {
				c := res.Candidates[0]
				jf.Fit, jf.MustEvident, scores[i] = c.Fit, c.Explain.MustEvident, c.Score
			}
		}
		out[i] = jf
	})
	if ctx.Err() != nil {
		return nil, vitae.Wrap(vitae.ETIMEOUT, ctx.Err(), "fitting the stored jobs took too long")
	}
	for _, err := range errs {
		if err != nil {
			return nil, err // the first job's, as one after another returned it
		}
	}
	score := make(map[string]float64, len(jobs))
	for i, j := range jobs {
		score[j.ID] = scores[i]
	}
	sort.SliceStable(out, func(a, b int) bool {
		fa, fb := out[a], out[b]
		if (fa.Match == nil) != (fb.Match == nil) {
			return fb.Match == nil // the broken last
		}
		if fa.MustEvident != fb.MustEvident {
			return fa.MustEvident
		}
		if score[fa.JobID] != score[fb.JobID] {
			return score[fa.JobID] > score[fb.JobID]
		}
		return fa.Title < fb.Title
	})
	return out, nil
}

// titleOf is the role a match reads: the description's own title, else
// the one given with it, unless that is only NewJob's stand-in (the
// first requirement's text), which names no role.
func titleOf(jd *JobDescription, given string) string {
	given = strings.TrimSpace(given)
	if jd.Title != "" || given == "" || len(jd.Requirements) > 0 && given == standInTitle(jd) {
		return jd.Title
	}
	return given
}

// standInTitle is the title NewJob gives a job whose description names
// none and that was sent without one: its first requirement, cut short.
func standInTitle(jd *JobDescription) string {
	return truncateRunes(jd.Requirements[0].Text, 80)
}

// NewJob checks a job description before it is stored: it must parse
// into requirements and not be too long (EINVALID otherwise; a PDF too
// large to read is ETOOLARGE). The title, when empty, is the
// description's own, else its first requirement.
func NewJob(title, text, format string) (Job, error) {
	// A PDF is stored as its text, which is what a person reads back.
	text, err := pdfText(text)
	if err != nil {
		return Job{}, err
	}
	text = NormalizeLines(text)
	jd, err := ParseJD(text, format)
	if err != nil {
		return Job{}, err
	}
	if len(jd.Requirements) == 0 {
		return Job{}, vitae.Errorf(vitae.EINVALID, "no requirements found in the job description")
	}
	title = strings.TrimSpace(title)
	if strings.ContainsFunc(title, unicode.IsControl) {
		return Job{}, vitae.Errorf(vitae.EINVALID, "title holds a control character")
	}
	if title == "" {
		title = jd.Title
	}
	if title == "" {
		title = standInTitle(jd)
	}
	return Job{Title: title, JobDescription: text, Format: format, Warnings: jd.Warnings}, nil
}

// resumeCache holds the résumés the gradings of one Fits call read, nil
// for one gone since its query; safe for the jobs fitted side by side.
// A nil cache holds nothing.
type resumeCache struct {
	mu sync.Mutex
	m  map[string]*vitae.Resume
}

func (c *resumeCache) get(id string) (*vitae.Resume, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	rr, ok := c.m[id]
	return rr, ok
}

func (c *resumeCache) put(id string, rr *vitae.Resume) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[id] = rr
	c.mu.Unlock()
}
