package index

import (
	"bytes"
	"html"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	"vitae/lexicon"
)

// The analyzer of the bullets' text and role (mapping.go): bleve's
// English analysis (possessives, lower case, stop words, Porter stems)
// over bleve's Unicode words, abbreviations written with an ampersand or
// a slash joined into one word as lexicon.Joined reads them ("P&L" is the
// term p&l, not the letters p and l; "P & L" is p&l too).
const (
	textAnalyzer   = "vitae_en"
	wordsTokenizer = "vitae_words"
)

func init() {
	err := registry.RegisterTokenizer(wordsTokenizer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return joiningTokenizer{unicode.NewUnicodeTokenizer()}, nil
	})
	if err != nil {
		panic("index: " + err.Error())
	}
}

// textAnalyzerConfig is textAnalyzer's definition for the mapping.
func textAnalyzerConfig() map[string]any {
	return map[string]any{
		"type":          custom.Name,
		"tokenizer":     wordsTokenizer,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	}
}

// joiningTokenizer is bleve's Unicode tokenizer with neighbouring words
// that lexicon.Joined reads as one abbreviation merged into one token.
type joiningTokenizer struct{ words analysis.Tokenizer }

func (t joiningTokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := t.words.Tokenize(input)
	if len(toks) < 2 || bytes.IndexAny(input, "&/") < 0 {
		return toks
	}
	text := string(input)
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if i+1 < len(toks) {
			next := toks[i+1]
			if lexicon.Joined(text, tok.Start, tok.End, next.Start, next.End) {
				sep := strings.TrimSpace(text[tok.End:next.Start])
				term := make([]byte, 0, len(tok.Term)+len(sep)+len(next.Term))
				term = append(append(append(term, tok.Term...), sep...), next.Term...)
				// KeyWord: not stemmed ("M/s" is no "m/"), as the embedder
				// leaves such words (embed.Stem).
				tok = &analysis.Token{Term: term, Start: tok.Start, End: next.End, Type: analysis.AlphaNumeric, KeyWord: true}
				i++
			}
		}
		tok.Position = len(out) + 1
		out = append(out, tok)
	}
	return out
}

// english is the text analyzer, built once from the mapping: analysing
// text needs no open index.
var english = sync.OnceValue(func() analysis.Analyzer {
	m, err := newMapping()
	if err != nil {
		panic("index: " + err.Error())
	}
	a := m.AnalyzerNamed(textAnalyzer)
	if a == nil {
		panic("index: the mapping has no " + textAnalyzer + " analyzer")
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
