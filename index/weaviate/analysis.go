package weaviate

import (
	"html"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// TODO(seam): index.Terms and index.Highlight become package functions on
// the seam branch; until it lands, the same analyser and marking live here.

// english is the analyser of the embedded index's text field, from bleve's
// registry: the terms BM25 sees here are the ones bleve sees there.
var english = sync.OnceValue(func() analysis.Analyzer {
	a := bleve.NewIndexMapping().AnalyzerNamed(en.AnalyzerName)
	if a == nil {
		panic("weaviate: bleve has no " + en.AnalyzerName + " analyzer")
	}
	return a
})

// terms returns text's terms as the embedded index analyses bullets.
func terms(text string) []string {
	var out []string
	for _, tok := range english().Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

// highlight marks query's terms in text as the embedded index does:
// text HTML-escaped, matches in <mark>, and the distinct words matched.
func highlight(query, text string) ([]string, []string) {
	stems := map[string]bool{}
	for _, t := range terms(query) {
		stems[t] = true
	}
	if len(stems) == 0 || text == "" {
		return nil, nil
	}
	var b strings.Builder
	last := 0
	seen := map[string]bool{}
	var matched []string
	for _, tok := range english().Analyze([]byte(text)) {
		if !stems[string(tok.Term)] || tok.Start < last || tok.End > len(text) {
			continue
		}
		b.WriteString(html.EscapeString(text[last:tok.Start]))
		word := text[tok.Start:tok.End]
		b.WriteString("<mark>" + html.EscapeString(word) + "</mark>")
		last = tok.End
		if lw := strings.ToLower(word); !seen[lw] {
			seen[lw] = true
			matched = append(matched, word)
		}
	}
	if len(matched) == 0 {
		return nil, nil
	}
	b.WriteString(html.EscapeString(text[last:]))
	sort.Strings(matched)
	return []string{b.String()}, matched
}
