package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// roleBoost weighs a bullet's role against its text.
const roleBoost = 0.3

// keywordQ is a keyword query in the two forms keywordSearch runs: the
// text alone, and the text with the role added.
type keywordQ struct {
	body, full query.Query
	terms      []string // analysed, as bleve's match queries see them
	none       bool     // no terms: nothing matches
	plain      bool     // no phrases, exclusions or filter: exactTopK can rank it
	// commonShare: LexicalRequest.CommonShare, for exactTopK.
	commonShare float64
	noTotal     bool // LexicalRequest.NoTotal
}

// keywordQuery builds the query of a keyword search: each term of text
// in the bullet's text (any of them), the role's terms adding to the
// bullets that match, the phrases and exclusions, and the filter.
func keywordQuery(text string, terms, phrases, exclude []string, flt *filter) keywordQ {
	if len(terms) == 0 {
		return keywordQ{body: bleve.NewMatchNoneQuery(), full: bleve.NewMatchNoneQuery(), none: true}
	}
	wrap := func(q query.Query) query.Query {
		q = withSyntax(q, phrases, exclude)
		if flt != nil {
			q = bleve.NewConjunctionQuery(q, flt.query())
		}
		return q
	}
	body := func() *query.MatchQuery {
		q := bleve.NewMatchQuery(text)
		q.SetField(fText)
		q.SetOperator(query.MatchQueryOperatorOr)
		return q
	}
	role := bleve.NewMatchQuery(text)
	role.SetField(fRoleText)
	role.SetBoost(roleBoost)
	// The role only adds to bullets whose text matches, and only adds:
	// must + should sums the two. (A disjunction of the body with
	// body∧role halved, by bleve's coord factor, every bullet whose role
	// did not match — 0.322 nDCG@10 on the dev set against 0.370 now.)
	full := bleve.NewBooleanQuery()
	full.AddMust(body())
	full.AddShould(role)
	plain := len(phrases) == 0 && len(exclude) == 0 && flt == nil
	return keywordQ{body: wrap(body()), full: wrap(full), terms: terms, plain: plain}
}

// maxRoleDepthTerms is the longest query keywordSearch ranks in two
// steps: a whole job description is ranked by one query, as its many
// terms flatten the text's scores and let roles reorder deep into them.
const maxRoleDepthTerms = 16

// twoStepsFrom is the index size from which keywordSearch ranks in two
// steps: below it the walk is short, and the second query's setup costs
// more than skipping the role's walk saves (at 10k bullets, 0.27 ms of
// CPU per search against 0.38 ms; at 100k, 1.2 against 1.0).
var twoStepsFrom uint64 = 50_000

// keywordSearch runs k for the hits from..from+size, stored fields
// loaded, facets over every match if asked.
//
// The role clause costs as much as the text's walk: a role's terms
// ("engineer", "developer") are in a large part of the roles, and bleve
// advances them for every bullet the text matches. The role only adds to
// the text's score, so the text alone picks candidates
// — the page's end plus Options.RoleDepth — and the full query ranks
// just those, with the scores one query over every match gives them.
// The rankings differ where a role lifts a bullet from below the
// candidates into the page. (Proving it cannot, from the most a role
// adds, almost never succeeds: a rare role term's idf² outweighs the
// text's scores.)
func (ix *Index) keywordSearch(ctx context.Context, k keywordQ, size, from int, fields []string, facets bool) (*bleve.SearchResult, *pageBuf, error) {
	if !k.none && k.plain && !facets && exactTopKOn {
		if res, buf, ok, err := ix.exactTopK(ctx, k.terms, size, from, fields, k.commonShare, !k.noTotal); ok || err != nil {
			return res, buf, err
		}
	}
	res, err := ix.bleveKeyword(ctx, k, size, from, fields, facets)
	return res, nil, err
}

// bleveKeyword is keywordSearch by bleve's searchers.
func (ix *Index) bleveKeyword(ctx context.Context, k keywordQ, size, from int, fields []string, facets bool) (*bleve.SearchResult, error) {
	single := func() (*bleve.SearchResult, error) {
		sr := bleve.NewSearchRequestOptions(k.full, size, from, false)
		sr.Fields = fields
		if facets { // over every match: the cost grows with the match set
			for _, f := range facetFields {
				sr.AddFacet(f, bleve.NewFacetRequest(f, 10))
			}
		}
		return ix.search(ctx, sr)
	}
	if k.none || facets || ix.opts.RoleDepth < 0 || len(k.terms) > maxRoleDepthTerms {
		return single()
	}
	if n, err := ix.bulletCount(); err != nil || n < twoStepsFrom {
		return single()
	}
	depth := from + size + ix.opts.RoleDepth
	cand, err := ix.search(ctx, bleve.NewSearchRequestOptions(k.body, depth, 0, false))
	if err != nil {
		return nil, err
	}
	if len(cand.Hits) <= from {
		cand.Hits = nil
		return cand, nil
	}
	ids := make([]string, len(cand.Hits))
	for i, h := range cand.Hits {
		ids[i] = h.ID
	}
	only := bleve.NewDocIDQuery(ids)
	only.SetBoost(0) // selects; adds nothing to a score or to the query norm
	sr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(k.full, only), size, from, false)
	sr.Fields = fields
	res, err := ix.search(ctx, sr)
	if err != nil {
		return nil, err
	}
	res.Total = cand.Total // every match, not just the candidates
	return res, nil
}

// exactTopKOn lets keywordSearch rank plain queries with exactTopK; off,
// every query goes to bleve's searchers (tests compare the two).
var exactTopKOn = true

// bulletCount is the number of bullets in the keyword index.
func (ix *Index) bulletCount() (n uint64, err error) {
	ix.bleveMu.RLock()
	defer ix.bleveMu.RUnlock()
	err = guard(func() (err error) {
		n, err = ix.bleve.DocCount()
		return err
	})
	return n, err
}

// withBleveReader calls fn with a reader of the keyword index's current
// snapshot and closes it when fn returns. The caller holds bleveMu (read)
// and runs it under guard, as every read of bleve's files does.
func (ix *Index) withBleveReader(fn func(r bindex.IndexReader) error) error {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	return fn(r)
}
