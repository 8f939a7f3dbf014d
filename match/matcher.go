package match

import (
	"context"
	"sort"
	"time"
	"unicode/utf8"

	"vitae"
)

// Backend is what matching needs of a search engine: the hybrid query per
// requirement, run as one batch, and the résumés of the candidates it
// finds. Evidence and role fit read words with index.Terms, the analyzer
// search uses. *search.Engine satisfies it.
type Backend interface {
	vitae.Searcher
	// SearchBatch answers each query as Search ranks it, sharing the work
	// the queries have in common (embedding, loading bullets); hits need
	// carry only their résumé ID and score.
	SearchBatch(ctx context.Context, qs []vitae.Query) ([]*vitae.Results, error)
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
	// Pool is how many candidates, found by the requirement queries, have
	// every bullet graded; default 300. The pool's order (pool) favours
	// long résumés, which more queries hit: at 150 it left out 12% of the
	// candidates grading everyone puts in a top 10 (dev and train JDs),
	// short profiles that fit the role ("jobs fit" rated one fifth of
	// all, match never showed him). 300: LOO nDCG@10 0.646 → 0.677, at
	// 1.35× the match time at 100k bullets (docs/matching.md, "Stop 26").
	Pool int
	// StrictEvidence grades evidence with the strict rules of
	// docs/matching.md §2 (one item of a listed clause, a phrase's words
	// far apart and a title-case field are partial, not strong) and lets
	// partial credit rise with the score (Weights.PartialCreditTop). Off
	// by default (match.strict_evidence): with title sense in role fit it
	// ranks the training job sets lower (docs/matching.md, "Strict
	// evidence with title sense").
	StrictEvidence bool
	// StrongGate grades evidence with the default rules but lets a strong
	// grade stand only when the strict rules call it strong too; it never
	// turns none into partial (docs/matching.md, "The strong gate"). A
	// demoted strong earns Weights.PartialCreditTop, other partial
	// evidence the flat PartialCredit. On by default (match.strong_gate);
	// ignored with StrictEvidence.
	StrongGate bool
	// ContextEvidence makes the strict rules (with StrictEvidence or
	// StrongGate) read a match in the context of the whole requirement: a
	// tool or clause met after a head about other things, a company or
	// product described, a soft skill named, "as part of a team" are
	// partial, not strong (docs/matching.md, "The strong gate, second
	// round"). Off in the package's zero Options; the configuration
	// turns it on (match.context_evidence): on today's rules it raises
	// train strong precision and moves no training JD set.
	ContextEvidence bool
	// StrongSense, with StrongGate, also needs the requirement and a
	// strong bullet to be this near in meaning (cosine) under the
	// search's embedding model, or the bullet is partial (docs/matching.md,
	// "The strong gate, third round: sense"); 0 = no check, and no check
	// over a backend without a model. The cosine is the built-in model's:
	// another model needs its own. Off by default (match.strong_sense): it
	// raised train strong precision but not held-out.
	StrongSense float64
	// StrongCap, with StrongGate, names the kinds of requirement (KindOf)
	// whose strong evidence is shown partial: a bullet rarely proves a
	// soft skill or a trait outright (docs/matching.md, "The strong gate,
	// fourth round: kinds"). Like the sense check it changes what is
	// shown, not the credit, so no ranking moves. Empty by default
	// (match.strong_cap).
	StrongCap []Kind
	// LearnedGate, with StrongGate, lets a strong grade stand only when
	// a fitted model keeps it (learned.go). Off by default
	// (match.learned_gate).
	LearnedGate bool
	// RoleEvidence is the share of a requirement's credit that depends on
	// the fit of the role the evidence comes from (Weights.RoleEvidence,
	// roleevidence.go), 0..1; 0 (the default, match.role_evidence) is off.
	RoleEvidence float64
	// Core is the share of weight a requirement that names no word of
	// the JD's role loses beside one that does (Weights.Core, rolecore.go),
	// 0..1; 0 is off (match.core_weight sets it).
	Core float64
	// YearsCap caps the credit of a requirement that asks for years at
	// its years fit, min(1, have / asked): strong evidence of leading
	// with none of the years asked earns none of its credit. Off by
	// default (match.years_cap): it lowered jobs-dev (docs/matching.md,
	// "Leading read right").
	YearsCap bool
	// CareerYears counts total career years for a years requirement that
	// names a role family ("5+ years product management experience"),
	// as before issue 14, instead of the years of roles of that family,
	// and for one that names a skill ("5+ years of Python"), as before
	// stop 28, instead of the years of roles that show it.
	// Off by default (match.career_years): the role's years are what the
	// requirement asks; with the configured weights they lowered the five
	// training JDs that ask so, left-one-out they did not
	// (docs/matching.md, "Leading read right").
	CareerYears bool
	// Feedback is the most of a score candidate feedback can take off
	// (Weights.Feedback, feedback.go), 0..1; 0 is off. The binary's
	// default (match.feedback) is 0.3, chosen by leave-one-JD-out with
	// the adjustment's weights (docs/matching.md, "Weights re-chosen with
	// feedback in the grid"); it needs an embedding model and the
	// bullets' vectors, and Fit and Fits, which rank no pool, read none.
	// FeedbackTop is how many of the first
	// ranking's candidates with must-have evidence make the feedback
	// profile (default 5, match.feedback_top).
	Feedback    float64
	FeedbackTop int
	// FeedbackShown reads every candidate's feedback similarity
	// (Explain.Feedback) even with Feedback 0, so an evaluation can
	// re-score a graded pool at other feedback weights (eval --loo).
	FeedbackShown bool
	// Ablate switches parts of the score off, to measure them: a comma
	// list (ablate.go) of "role-fit",
	// "years", "levels" (the raw evidence score as credit, no levels),
	// "title-search" (the JD title as a query: in the pool order and in
	// role fit), "role-sense" (role titles read by the model),
	// "role-family" (role titles not read by their lexicon family),
	// "role-names" (role words without a role's short and long names read
	// as one, shortnames.go), "role-share" (role words weigh fully beside
	// role sense, however little of the role the pool's titles carry) or
	// "length" (no length factor), "role-evidence" (RoleEvidence 0) or
	// "core" (Core 0).
	Ablate string
}

func (o Options) withDefaults() Options {
	if o.SemanticRatio <= 0 {
		o.SemanticRatio = 0.5
	}
	if o.MaxLimit <= 0 {
		o.MaxLimit = 100
	}
	if o.Pool <= 0 {
		o.Pool = 300
	}
	if o.FeedbackTop <= 0 {
		o.FeedbackTop = 5
	}
	return o
}

// Matcher ranks candidates for job descriptions over a Backend.
type Matcher struct {
	b    Backend
	zs   *analyzer      // the strict rules, for Options.StrongGate; nil: no gate
	zc   *analyzer      // the strict and context rules, for Options.LearnedGate; nil: none
	emb  vitae.Embedder // reads role titles (rolesense.go); nil: role words alone
	z    *analyzer
	opts Options
	// pools keeps each job's pool per index version (poolcache.go); nil
	// when b cannot say its index version.
	pools *poolCache
}

// New returns a Matcher over b. When b says which model embeds its
// queries (*search.Engine), role titles are also read with it.
func New(b Backend, opts Options) *Matcher {
	g := NewGraderFor(opts) // the options choose the rules in one place
	m := &Matcher{b: b, z: g.z, zs: g.gate, opts: opts.withDefaults()}
	if opts.LearnedGate && g.gate != nil {
		m.zc = contextAnalyzer() // kept, so bullets are read once across matches
	}
	if e, ok := b.(embedding); ok {
		m.emb = e.Embedder()
	}
	if _, ok := b.(indexVersioner); ok {
		m.pools = &poolCache{m: map[string]cachedPool{}}
	}
	return m
}

// Match ranks candidates by the evidence their bullets give for each
// requirement of a job description (docs/matching.md §2): the
// requirement queries find the candidates, every bullet of the best
// Pool of them is graded strong, partial or none against every
// requirement, and the score is the weighted coverage, adjusted by role
// fit and years. Candidates with evidence for a must-have rank above
// every candidate without.
func (m *Matcher) Match(ctx context.Context, r Request) (*Result, error) {
	g, err := m.grading(ctx, r, nil, nil, true)
	if err != nil {
		return nil, ended(ctx, err)
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, m.opts.MaxLimit)
	res := g.res
	// Résumés are graded independently: on every core.
	cs := make([]Candidate, len(g.ids))
	ok := make([]bool, len(g.ids))
	each(len(g.ids), func(i int) { cs[i], ok[i] = g.candidate(g.ids[i]) })
	if err := g.finish(ctx); err != nil {
		return nil, err
	}
	for i := range cs {
		if ok[i] {
			res.Candidates = append(res.Candidates, cs[i])
		}
	}
	if res.Weights.FeedbackTop > 0 { // feedback on, or its sims shown (eval)
		if err := m.feedback(ctx, res, g.resumes, res.Weights); err != nil {
			return nil, err
		}
		res.Rules = rulesOf(g.opts, g.mode, res.Weights) // feedback not read leaves its weights 0
	}
	Order(res.Candidates)
	if len(res.Candidates) > limit {
		res.Candidates = res.Candidates[:limit]
	}
	if res.Candidates == nil {
		res.Candidates = []Candidate{}
	}
	return res, nil
}

// grading is one job description ready to grade résumés: the answer's
// shell, the pool the requirement queries found, their résumés and the
// role fit computed over them.
type grading struct {
	res     *Result
	ids     []string
	resumes map[string]*vitae.Resume
	fit     map[string]roleScore
	sc      scorer
	// opts and mode are what the rules fingerprint reads (rulesOf), for
	// a step after the grading that changes the weights (feedback).
	opts Options
	mode vitae.Mode
}

// candidate scores one résumé of the grading; ok is false when it shows
// nothing the job description asks for.
func (g *grading) candidate(id string) (Candidate, bool) {
	rr := g.resumes[id]
	if rr == nil {
		return Candidate{}, false
	}
	return g.sc.candidate(rr, g.fit[id])
}

// grading parses r, runs the requirement queries and reads the pool's
// résumés. extra, when not nil, joins the pool, so the role fit of a
// résumé the queries did not find is taken over the same titles a match
// would use; it is the résumé Fit scores alone, with no ranking to feed
// back, so its weights have no candidate feedback. read, when not nil, keeps the résumés read, for the next
// grading of the same request (Fits: the pools of many jobs overlap).
// length is false to leave the length factor out (Fits).
func (m *Matcher) grading(ctx context.Context, r Request, extra *vitae.Resume, read *resumeCache, length bool) (*grading, error) {
	if utf8.RuneCountInString(r.Title) > MaxTitle {
		return nil, vitae.TooLong("title", MaxTitle, "characters")
	}
	jd, err := ParseJD(r.JobDescription, r.Format)
	if err != nil {
		return nil, err
	}
	if len(jd.Requirements) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "no requirements found in the job description")
	}
	jd.Title = titleOf(jd, r.Title)
	mode := r.Mode
	if mode == "" {
		mode = m.opts.Mode
	}
	w := defaultWeights
	w.RecencyHalfLife = m.opts.RecencyHalfLife
	roleUnknown := jd.Title == "" && !m.opts.ablated("role-fit")
	switch {
	case m.opts.ablated("role-fit"):
		w.RoleFit, w.TitleSearch = 0, 0
	case roleUnknown:
		w.TitleSearch = 0 // no title to search: every candidate's role fit is unknownRoleFit
	}
	if m.opts.ablated("title-search") {
		w.TitleSearch, w.TitlePool = 0, 0
	}
	if jd.Title == "" || m.emb == nil || m.opts.ablated("role-fit") || m.opts.ablated("role-sense") {
		w.RoleSense, w.RoleFamily = 0, 0 // nothing to read titles with, or measured without; the floor is role sense's
	}
	if m.opts.ablated("role-family") {
		w.RoleFamily = 0
	}
	if !m.opts.StrictEvidence && m.zs == nil {
		w.PartialCreditTop = w.PartialCredit // the default rules' flat credit, as before
	}
	if m.opts.ablated("length") || !length {
		w.Length = 0
	}
	if m.opts.ablated("years") {
		w.Experience = 0
	}
	w.RoleEvidence, w.Core = evidenceWeights(m.opts, jd.Title)
	// Only a ranking reads candidate feedback: a fit (extra, one résumé
	// graded against the job) has no first ranking to feed back.
	if extra == nil && (m.opts.Feedback > 0 || m.opts.FeedbackShown) {
		w.Feedback, w.FeedbackTop = m.opts.Feedback, m.opts.FeedbackTop
	}
	res := &Result{Title: jd.Title, Requirements: jd.Requirements, YearsRequired: jd.YearsRequired, RequirementsDropped: jd.Dropped, Weights: w, Warnings: jd.Warnings, WarningCodes: Codes(jd.Warnings), FitDefinition: FitDefinition + capDefinition(capped(m.opts))}
	if w.RoleEvidence > 0 {
		res.FitDefinition += roleEvidenceDefinition
	}
	if w.Feedback > 0 {
		res.FitDefinition += feedbackDefinition
	}
	ids, titled, err := m.pool(ctx, jd, mode, w, res, extra != nil)
	if err != nil {
		return nil, err
	}
	got := make([]*vitae.Resume, len(ids))
	var fresh []int // not read by an earlier grading
	for i, id := range ids {
		if rr, ok := read.get(id); ok {
			got[i] = rr
		} else {
			fresh = append(fresh, i)
		}
	}
	each(len(fresh), func(j int) { got[fresh[j]], _ = m.b.Resume(ctx, ids[fresh[j]]) })
	resumes := make(map[string]*vitae.Resume, len(ids)+1)
	for i, id := range ids {
		read.put(id, got[i]) // nil too: a résumé gone since the query
		if got[i] != nil {
			resumes[id] = got[i]
		}
	}
	if extra != nil && resumes[extra.ID] == nil {
		resumes[extra.ID] = extra
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	reqs := make([]*reqParts, len(jd.Requirements))
	for i, rq := range jd.Requirements {
		reqs[i] = m.z.requirement(rq.Text)
		if rq.Years > 0 && !rq.Leadership {
			reqs[i].yearsOf, reqs[i].yearsNames = m.z.yearsSkills(rq.Text)
		}
	}
	sc := scorer{jd: jd, reqs: reqs, w: w, z: m.z, now: time.Now(), levels: !m.opts.ablated("levels"), yearsCap: m.opts.YearsCap, careerYears: m.opts.CareerYears}
	if m.zs != nil {
		texts := make([]string, len(jd.Requirements))
		for i, rq := range jd.Requirements {
			texts[i] = rq.Text
		}
		sc.gate = newGate(m.zs, texts, m.opts.StrongCap)
		if m.opts.StrongSense > 0 && m.emb != nil {
			res.FitDefinition += senseDefinition
			sense, err := newSenseCheck(ctx, m.emb, m.opts.StrongSense, texts)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				sense = &senseCheck{err: err} // no strong evidence: the model could not confirm any
				degrade(res, "strong evidence was not confirmed by the model: "+err.Error())
			}
			sc.gate.sense = sense
		}
		if sc.gate.learned, err = m.learned(ctx, sc.gate.reqs, texts, res); err != nil {
			return nil, err
		}
	}
	var wordsBy, senseBy map[string]float64 // each role title's readings, for RoleEvidence
	if w.RoleEvidence > 0 {
		wordsBy, senseBy = map[string]float64{}, map[string]float64{}
	}
	words, share := roleWords(jd.Title, resumes, w, sc.now, !m.opts.ablated("role-names"), wordsBy)
	if m.opts.ablated("role-share") {
		share = 1 // words weigh fully, whatever the pool's titles carry
	}
	sense, err := roleSenses(ctx, m.emb, jd.Title, resumes, w, sc.now, senseBy)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// Role words alone rank, at full weight (a sense of 0 weighed 0.75
		// would cut every role fit by 1/1.75); the answer says what is missing.
		w.RoleSense, sc.w.RoleSense, res.Weights.RoleSense = 0, 0, 0
		w.RoleFamily, sc.w.RoleFamily, res.Weights.RoleFamily = 0, 0, 0
		degrade(res, "role titles were not read by the model: "+err.Error())
	}
	fit := make(map[string]roleScore, len(resumes))
	for id := range resumes {
		f := roleScore{words: round3(words[id]), share: round3(share), sense: round3(sense[id]), search: round3(titled[id])} // as explain shows them: Rescore gives the score
		f.fit = roleFitOf(f.words, f.share, f.sense, f.search, w)
		if roleUnknown {
			f.fit, f.unknown = unknownRoleFit, true
		}
		if w.RoleEvidence > 0 {
			f.byTitle = titleFits(resumes[id], f, wordsBy, senseBy, w)
		}
		fit[id] = f
	}
	roleCores(jd, &sc, res)
	weighed := append([]Requirement(nil), res.Requirements...) // the parsed JD's stay as parsed
	for i := range weighed {
		weighed[i].Weight = round3(sc.weight(i))
	}
	res.Requirements = weighed
	o := m.opts
	if m.emb == nil {
		o.StrongSense, o.LearnedGate = 0, false // no model, no check: the rules are those without it
	}
	res.Rules = rulesOf(o, mode, res.Weights) // the weights as they ended, a degraded role sense included
	return &grading{res: res, ids: ids, resumes: resumes, fit: fit, sc: sc, opts: o, mode: mode}, nil
}

// roleScore is a résumé's role fit and the numbers it is made of
// (docs/matching.md §2 step 7).
type roleScore struct {
	fit, words, share, sense, search float64
	unknown                          bool               // the job names no role (Explain.RoleUnknown)
	byTitle                          map[string]float64 // each work role's fit (titleFits); nil without Weights.RoleEvidence
}

// pool runs one query per requirement and, when the JD has a title, the
// title as two more queries (keyword and the engine's mode), as one batch.
// It returns the candidates they find, best first by the sum over
// requirements of their best hit relative to the requirement's best, plus
// w.TitlePool × their relative hit for the keyword title query, so a
// résumé whose roles are the JD's role gets graded even when no
// requirement query ranks it high; at most Pool of them. titled is each
// résumé's relative hit for the title query in the engine's mode (it
// enters role fit). It marks res degraded when a query fell back to
// keyword search.
//
// With keep (a fit: one person against a stored job, Fit and Fits), the
// pool is kept per index version and read back (poolcache.go); a match
// finds its own, as a job description is pasted once.
func (m *Matcher) pool(ctx context.Context, jd *JobDescription, mode vitae.Mode, w Weights, res *Result, keep bool) (ids []string, titled map[string]float64, err error) {
	qs := make([]vitae.Query, len(jd.Requirements), len(jd.Requirements)+2)
	for i, req := range jd.Requirements {
		qs[i] = vitae.Query{Text: truncateRunes(req.Text, 900), Mode: mode, SemanticRatio: m.opts.SemanticRatio, Limit: 100, Literal: true, KeepDuplicates: true}
	}
	nreq := len(qs)
	if jd.Title != "" && (w.TitlePool > 0 || w.TitleSearch > 0) {
		title := truncateRunes(jd.Title, 900)
		qs = append(qs,
			vitae.Query{Text: title, Mode: vitae.ModeKeyword, Limit: titleHits, Literal: true, KeepDuplicates: true},
			vitae.Query{Text: title, Mode: mode, SemanticRatio: m.opts.SemanticRatio, Limit: titleHits, Literal: true, KeepDuplicates: true})
	}
	// A requirement naming a title ("Experience as a journalist") finds
	// the people who held it, whatever their bullets say: its words are
	// in no bullet of a "Broadcast Journalist", so the text alone found
	// no one (a tryout). Their bullets nearest the requirement, among
	// the roles of that title, count as one more requirement query.
	roleFrom := len(qs)
	if mode != vitae.ModeKeyword {
		for _, req := range jd.Requirements {
			if titles := m.z.titlesNamed(req.Text); len(titles) > 0 {
				qs = append(qs, vitae.Query{Text: truncateRunes(req.Text, 900), Mode: vitae.ModeSemantic, Limit: 100, Literal: true, KeepDuplicates: true,
					Filters: vitae.Filters{Role: titles}})
			}
		}
	}
	var key, version string
	if keep {
		key, version = m.pools.key(m.b, qs, w.TitlePool, m.opts.Pool)
	}
	if p, ok := m.pools.get(key, version); ok {
		res.IndexVersion, res.ModelVersion = p.indexVersion, p.modelVersion
		return p.ids, p.titled, nil
	}
	all, err := m.b.SearchBatch(ctx, qs)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if err == nil && !res.Degraded {
			m.pools.put(key, version, cachedPool{ids: ids, titled: titled, indexVersion: res.IndexVersion, modelVersion: res.ModelVersion})
		}
	}()
	sum := map[string]float64{}
	titled = map[string]float64{}
	for qi, rs := range all {
		if rs.Degraded {
			res.Degraded, res.DegradedReason = true, rs.DegradedReason
		}
		res.IndexVersion, res.ModelVersion = rs.IndexVersion, rs.ModelVersion
		if qi >= roleFrom {
			// Every résumé found held the title: its bullets need not be
			// near the words (the nearest of them score 0 when none is).
			held := map[string]bool{}
			for _, h := range rs.Hits {
				if !held[h.ResumeID] {
					held[h.ResumeID] = true
					sum[h.ResumeID]++
				}
			}
			continue
		}
		if len(rs.Hits) == 0 || rs.Hits[0].Score <= 0 {
			continue
		}
		best := rs.Hits[0].Score
		seen := map[string]bool{}
		for _, h := range rs.Hits {
			if seen[h.ResumeID] {
				continue
			}
			seen[h.ResumeID] = true
			rel := h.Score / best
			switch {
			case qi < nreq:
				sum[h.ResumeID] += rel
			case qi == nreq:
				if w.TitlePool > 0 {
					sum[h.ResumeID] += w.TitlePool * rel
				}
			default:
				titled[h.ResumeID] = round3(rel)
			}
		}
	}
	ids = make([]string, 0, len(sum))
	for id := range sum {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool {
		if sum[ids[a]] != sum[ids[b]] {
			return sum[ids[a]] > sum[ids[b]]
		}
		return ids[a] < ids[b]
	})
	if len(ids) > m.opts.Pool {
		ids = ids[:m.opts.Pool]
	}
	return ids, titled, nil
}

// titleHits is how many bullets each title query ranks, as many as a
// requirement query (300 ranked the same on the 22 training JDs).
const titleHits = 100

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
