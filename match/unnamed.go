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

// reOwner finds an aside that names who owns a thing the text names
// ("Responsys - now part of Oracle", "(acquired by Salesforce)",
// "Heroku, a Salesforce company"): the owner is said to place the thing,
// not asked for. Group 1 is the aside without its punctuation. It must
// follow a comma, a bracket, a dash or a semicolon, so "acquired by" in a
// sentence ("Integrate companies acquired by us") is no aside.
var reOwner = regexp.MustCompile(`(?:[(,;–—]|\s-)\s*((?i:now\s+part\s+of|(?:now\s+)?(?:owned|acquired)\s+by|(?:now\s+)?(?:an?\s+)?(?:subsidiary|division)\s+of)\s+(?:the\s+)?` + ownerName + `|(?i:an?)\s+` + ownerName + `\s+(?i:company)\b)`)

// ownerName is a company's name: words that start with a capital.
const ownerName = `\p{Lu}[\pL\pN.&+-]*(?:\s+\p{Lu}[\pL\pN.&+-]*)*`

// dropOwners removes the owner asides of text (reOwner).
func dropOwners(text string) string {
	if !strings.Contains(text, " of ") && !strings.Contains(text, " by ") && !strings.Contains(text, "ompany") {
		return text // most texts: no owner aside, and the regexp's scan is not free
	}
	locs := reOwner.FindAllStringSubmatchIndex(text, -1)
	if locs == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		b.WriteString(text[last:loc[2]])
		last = loc[3]
	}
	b.WriteString(text[last:])
	return b.String()
}
