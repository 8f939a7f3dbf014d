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
	return Analyze(text).Mark(QueryStems(query))
}

// Stems are a query's terms as the index analyses them, the set Mark
// looks for: analyse a query once for all the texts it marks.
type Stems map[string]bool

// QueryStems analyses a query for Mark.
func QueryStems(query string) Stems { return stemSet(Terms(query)) }

func stemSet(terms []string) map[string]bool {
	m := make(map[string]bool, len(terms))
	for _, t := range terms {
		m[t] = true
	}
	return m
}

// Analyzed is a text with its tokens as the index analyses it: one
// analysis for every set of terms marked in it.
type Analyzed struct {
	text string
	toks analysis.TokenStream
}

// Analyze analyses text for Mark.
func Analyze(text string) Analyzed {
	if text == "" {
		return Analyzed{}
	}
	return Analyzed{text: text, toks: english().Analyze([]byte(text))}
}

// Text is the text analysed.
func (a Analyzed) Text() string { return a.text }

// highlight is Analyze(text).Mark(stems).
func highlight(stems map[string]bool, text string) ([]string, []string) {
	if len(stems) == 0 || text == "" {
		return nil, nil
	}
	return Analyze(text).Mark(stems)
}

// Mark returns the text HTML-escaped with the tokens whose terms are in
// stems wrapped in <mark>, and the distinct matched words as written,
// sorted; nil, nil when none matches.
func (a Analyzed) Mark(stems Stems) (fragments, terms []string) {
	if len(stems) == 0 || a.text == "" {
		return nil, nil
	}
	text := a.text
	var b strings.Builder
	last := 0
	var seen map[string]bool
	var matched []string
	for _, tok := range a.toks {
		if !stems[string(tok.Term)] || tok.Start < last || tok.End > len(text) {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(text) + 32)
		}
		b.WriteString(html.EscapeString(text[last:tok.Start]))
		word := text[tok.Start:tok.End]
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(word))
		b.WriteString("</mark>")
		last = tok.End
		if lw := strings.ToLower(word); !seen[lw] {
			if seen == nil {
				seen = map[string]bool{}
			}
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
