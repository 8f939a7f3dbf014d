// Package match ranks candidates for a job description: ParseJD splits a
// posting (text, Markdown, HTML or JSON Resume's job schema) into
// requirements with their signals (must or nice, skills, years,
// leadership), and a Matcher finds each candidate's best evidence bullet
// per requirement and scores how well — and how recently — their bullets
// cover the must-haves and the nice-to-haves, blended with role fit and
// years of experience. docs/matching.md gives the formula and its weights.
//
// A Matcher reaches the index only through the Backend interface it
// defines (a vitae.Searcher, résumé lookup and the term analyzer), which
// *search.Engine satisfies:
//
//	m := match.New(engine, match.Options{RecencyHalfLife: 5})
//	res, err := m.Match(ctx, match.Request{JobDescription: jd, Limit: 10})
//
// Sentences and HTML are read with ingest's splitter and walker, and
// periods with vitae.Period, so a job description and a résumé are cut
// and dated by the same rules.
package match
