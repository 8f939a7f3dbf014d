package index

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"vitae"
)

// Query limits: user text is matched, never parsed as query syntax, and
// bounded so no request can expand into an unbounded search.
const (
	maxQueryRunes = 1000
	maxPage       = 1000
)

// MaxQueryTerms is the most terms a keyword query may have; the search
// engine checks it before a hybrid search's embed call.
const MaxQueryTerms = 256

var facetFields = []string{fCompany, fRole, fSkills, fSection}

// Lexical runs a BM25 keyword search with filters, facets and highlights.
func (ix *Index) Lexical(ctx context.Context, req LexicalRequest) (*LexicalResult, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	text := strings.TrimSpace(req.Text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		return nil, vitae.TooLong("query", maxQueryRunes, "characters")
	}
	terms := Terms(text)
	if len(terms) > MaxQueryTerms {
		return nil, vitae.TooLong("query", MaxQueryTerms, "terms")
	}
	size, from := req.Size, req.From
	if size <= 0 {
		size = 10
	}
	if size > maxPage || from < 0 || from > 10*maxPage {
		return nil, vitae.Errorf(vitae.EINVALID, "page out of range (size %d, from %d)", size, from)
	}
	flt, err := compileFilter(req.Filters)
	if err != nil {
		return nil, err
	}
	// No stored fields: the page's bullets are read from the records,
	// cheaper than bleve's stored-field decode (bulletcodec.go).
	kq := keywordQuery(text, terms, req.Phrases, req.Exclude, flt)
	kq.commonShare, kq.noTotal = req.CommonShare, req.NoTotal
	res, buf, err := ix.keywordSearch(ctx, kq, size, from, nil, req.Facets)
	defer buf.release() // out keeps nothing of res
	if err != nil {
		if ctx.Err() != nil {
			return nil, checkCtx(ctx)
		}
		return nil, fmt.Errorf("keyword search: %w", err)
	}
	out := &LexicalResult{Total: int(res.Total)}
	if len(res.Hits) > 0 {
		out.Hits = make([]LexicalHit, 0, len(res.Hits))
	}
	stored, err := ix.hitBullets(res.Hits, req.IDsOnly)
	if err != nil {
		return nil, err
	}
	stems := stemSet(terms)
	for i, h := range res.Hits {
		if req.IDsOnly {
			out.Hits = append(out.Hits, LexicalHit{Bullet: vitae.Bullet{ID: h.ID}, Score: h.Score, Rank: from + i + 1})
			continue
		}
		b, ok := stored[h.ID]
		if !ok {
			continue // deleted since the search
		}
		hit := LexicalHit{Bullet: b, Score: h.Score, Rank: from + i + 1}
		if req.Highlight {
			hit.Highlights, hit.MatchedTerms = highlight(stems, b.Text)
		}
		out.Hits = append(out.Hits, hit)
	}
	if req.Facets {
		out.Facets = facets(res.Facets)
	}
	return out, nil
}

func facets(fr search.FacetResults) map[string][]vitae.FacetCount {
	out := map[string][]vitae.FacetCount{}
	for name, f := range fr {
		if f == nil || f.Terms == nil {
			continue
		}
		var counts []vitae.FacetCount
		for _, t := range f.Terms.Terms() {
			counts = append(counts, vitae.FacetCount{Value: t.Term, Count: t.Count})
		}
		key := name
		if name == fSkills {
			key = "skill"
		}
		out[key] = counts
	}
	return out
}

// withSyntax adds a query's phrases (each must match, words in order) and
// exclusions (none may match) to q.
func withSyntax(q query.Query, phrases, exclude []string) query.Query {
	if len(phrases) == 0 && len(exclude) == 0 {
		return q
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(q)
	for _, p := range phrases {
		pq := bleve.NewMatchPhraseQuery(p)
		pq.SetField(fText)
		bq.AddMust(pq)
	}
	for _, x := range exclude {
		xq := bleve.NewMatchPhraseQuery(x) // a single word is a one-word phrase
		xq.SetField(fText)
		bq.AddMustNot(xq)
	}
	return bq
}
