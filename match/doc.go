// Package match ranks candidates for a job description: ParseJD splits a
// posting (text, Markdown, HTML or JSON Resume's job schema) into
// requirements with their signals (must or nice, skills, years,
// leadership), and a Matcher grades every bullet of the candidates the
// requirement queries find as strong, partial or no evidence for each
// requirement (a Grader does the same for one pair), scores the weighted
// coverage of the must-haves and nice-to-haves, and adjusts it within by
// role fit, (leadership) years and the length factor (length.go: a
// résumé of many bullets meets more requirements by chance; left out of
// Fits, where it is the same for every job). docs/matching.md gives the
// formula and its weights.
//
// A Matcher reaches the index only through the Backend interface it
// defines (a vitae.Searcher that also runs a job description's
// requirement queries as one batch, and résumé lookup), which
// *search.Engine satisfies:
//
//	m := match.New(engine, match.Options{RecencyHalfLife: 5})
//	res, err := m.Match(ctx, match.Request{JobDescription: jd, Limit: 10})
//
// Sentences and HTML are read with ingest's splitter and walker, and
// periods with vitae.Period, so a job description and a résumé are cut
// and dated by the same rules.
package match
