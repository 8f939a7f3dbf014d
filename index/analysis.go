package index

import (
	"html"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// english is the analyzer of the bullets' text field (mapping.go), built
// once from bleve's registry: analysing text needs no open index.
var english = sync.OnceValue(func() analysis.Analyzer {
	a := bleve.NewIndexMapping().AnalyzerNamed(en.AnalyzerName)
	if a == nil {
		panic("index: bleve has no " + en.AnalyzerName + " analyzer")
	}
	return a
})

// Terms returns text's terms as the index analyses bullets (lower-cased,
// stemmed, stop words dropped), for scoring text that is not indexed:
// ranking ad-hoc bullets, role fit in job matching.
func Terms(text string) []string {
	var out []string
	for _, tok := range english().Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

// Highlight marks the query's terms in text, analysed the same way as
// the index (so "teams" marks "team"); for hits found by vectors only, and
// for bullets that were never indexed.
func Highlight(query, text string) (fragments, terms []string) {
	return highlight(stemSet(Terms(query)), text)
}

func stemSet(terms []string) map[string]bool {
	m := make(map[string]bool, len(terms))
	for _, t := range terms {
		m[t] = true
	}
	return m
}

// highlight returns text HTML-escaped with matches wrapped in <mark>, and
// the distinct matched words as written.
func highlight(stems map[string]bool, text string) ([]string, []string) {
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
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(word))
		b.WriteString("</mark>")
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
