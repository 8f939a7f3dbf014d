package match

import (
	"regexp"
	"strings"
)

// Words written as a tool's name that name no tool asked for: plainText
// rewrites them so that the lexicon reads no tool there, for the JD's
// requirements and the matcher alike.

// reElided finds a word followed by an elided one, an apostrophe standing
// for its first letters ("Git 'er done", "get 'em", "rock 'n roll"): the
// two are said as one word, an idiom's, so the first is no name ("Git"
// is no Git). A quoted word ('Kubernetes', 'go to') has a capital or a
// closing apostrophe, or is longer than an elided word.
var reElided = regexp.MustCompile(`(\pL) '(\p{Ll}{1,4})([^\pL\pN']|$)`)

// joinElided writes each elided word onto the word before it ("Git'er"),
// one word the lexicon does not know.
func joinElided(text string) string {
	if !strings.Contains(text, " '") {
		return text // most texts: no elision, and the regexp's scan is not free
	}
	return reElided.ReplaceAllString(text, "$1'$2$3")
}
