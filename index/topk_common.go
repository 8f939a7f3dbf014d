package index

import "github.com/blevesearch/bleve/v2/search/searcher"

// markCommon marks the clauses whose term is in more than share of the
// bullets (in their field), when the query has more terms than bleve's
// disjunction sorts: a job's requirement line, not a search box's words.
// A common clause still scores every bullet the others bring, with the
// exact score, but never brings one: the ranking is bleve's without the
// bullets that match common terms only.
//
// On a long query such a term adds little (its idf is small, and bleve's
// coord factor spreads over dozens of terms), yet its postings are the
// longest, and the walk's threshold rarely rises enough to prune them,
// so they cost most of the walk at 1M (BENCHMARKS.md, "1M, stop 16").
func (p *topkPlan) markCommon(share float64) {
	if share <= 0 || len(p.text) <= searcher.DisjunctionHeapTakeover {
		return
	}
	n, err := p.snap.DocCount()
	if err != nil || n == 0 {
		return
	}
	rare := false
	for _, cs := range [][]*clause{p.text, p.role} {
		for _, c := range cs {
			c.common = float64(c.df) > share*float64(n)
			rare = rare || (!c.common && c.df > 0)
		}
	}
	if !rare { // every term common: nothing would bring a bullet, so none is
		for _, cs := range [][]*clause{p.text, p.role} {
			for _, c := range cs {
				c.common = false
			}
		}
	}
}
