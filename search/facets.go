package search

import (
	"fmt"

	"vitae"
	"vitae/index"
)

// Facets count the top results, not every match: the first
// Options.FacetDepth (default 200) bullets of the ranked list a query's
// page is cut from — fused in hybrid, BM25 in keyword, similarity in
// semantic mode — with the query's filters applied, before paging and
// grouping, so turning pages leaves them as they are (until a page past
// Candidates widens the retrieval and so the fusion). When fewer were
// retrieved they count them all; at the default 100 candidates per
// retriever that is every result of a hybrid or semantic query. A value's
// count is how many of those bullets carry it; each facet (company, role,
// skill, section) lists its facetSize commonest values, count descending
// then value. Counting reads the bullets' stored values (canonical skill
// names), cached in the index, so it costs little beside the search;
// counting every match, as bleve's facets did, cost more than the search.
const facetSize = 10

// facets counts the first FacetDepth of the ranked bullets: deep, when
// the keyword side retrieved past the page for them, else fused.
func (s *Engine) facets(fused []fusedHit, deep []index.LexicalHit) (map[string][]vitae.FacetCount, error) {
	var ids []string
	if deep != nil {
		for _, h := range deep[:min(s.opts.FacetDepth, len(deep))] {
			ids = append(ids, h.Bullet.ID)
		}
	} else {
		for _, f := range fused[:min(s.opts.FacetDepth, len(fused))] {
			ids = append(ids, f.id)
		}
	}
	out, err := s.st.Facets(ids, facetSize)
	if err != nil {
		return nil, fmt.Errorf("count facets: %w", err)
	}
	return out, nil
}
