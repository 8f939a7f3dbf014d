package match

import (
	"regexp"
	"strings"
)

// A years requirement counts the years of the roles it names only when
// it names a role, a person's title ("5+ years as a data engineer",
// "3+ years in a DevOps role", "product manager"); a field ("5 years of
// backend development", "5+ years of DevOps experience") is done in many
// titles and counts the whole career, and so does a role "or similar"
// (review 17).

// roleNouns are the words that make a role family's phrase a person's
// title when they end it ("data engineer", "SRE", "product manager").
var roleNouns = setOf(`engineer engineers manager managers scientist scientists designer designers developer developers
analyst analysts architect architects administrator administrators sre sres lead leads owner owners consultant consultants
specialist specialists programmer programmers researcher researchers devs dev`)

// roleAfter after a role family's phrase make it a title ("in a DevOps role").
var roleAfter = setOf(`role roles position positions title titles`)

// reOrSimilar marks a requirement that takes any like role as well.
var reOrSimilar = regexp.MustCompile(`(?i)\b(?:or|and/or)\s+(?:a\s+)?(?:similar|equivalent|related|comparable)\b`)

// namedRoles is the role families of the titles a years requirement
// names; nil when it names a field or allows similar roles.
func (z *analyzer) namedRoles(text string) map[string]bool {
	if reOrSimilar.MatchString(text) || len(z.titlesNamed(text)) == 0 {
		return nil
	}
	return z.rolesOf(text)
}

// titlesNamed are the titles a requirement names as a person's ("as a
// journalist", "product manager", "in a DevOps role"), each as its words
// are written: "journalist", "product manager", "devops".
func (z *analyzer) titlesNamed(text string) []string {
	toks := z.tokens(text)
	var titles []string
	for i := 0; i < len(toks); {
		t := toks[i]
		end := i + 1
		for t.span > 0 && end < len(toks) && toks[end].span == t.span {
			end++
		}
		if t.kind == "role" && (roleNouns[toks[end-1].word] || end < len(toks) && roleAfter[toks[end].word] ||
			i >= 2 && toks[i-2].word == "as" && (toks[i-1].word == "a" || toks[i-1].word == "an")) {
			words := make([]string, 0, end-i)
			for _, w := range toks[i:end] {
				words = append(words, w.word)
			}
			titles = append(titles, strings.Join(words, " "))
		}
		i = end
	}
	return titles
}
