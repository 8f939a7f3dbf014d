package match

import (
	"regexp"
	"strings"
	"sync"

	"vitae/index"
	"vitae/lexicon"
)

// What a bullet says in passing: a parenthesis, or a list of several
// tools after "using", "with" … ("… using Docker, Ansible, and Jenkins").
// A tool said there is one of the things the work was done with, not
// what the work was about.
var (
	reParen = regexp.MustCompile(`\([^)]*\)`)
	reUsing = regexp.MustCompile(`(?i)\b(?:using|with|via|including|leveraging|utili[sz]ing|such as|like|in)\s+[^;:.()]*(?:,|\band\b|&)[^;:.()]*`)
)

// asideTools is how many different tools (named with a capital) a list
// after "using" names before each counts as named in passing: "with
// Terraform and Ansible" still says what the work was, and a list that
// names one tool twice ("AWS Lambda, AWS DynamoDB, S3") is about it.
const asideTools = 3

// inPassing returns the lower-case words of the tools a bullet names only
// in passing (aside) and the words it says outside any such aside (said).
func (z *analyzer) inPassing(text string) (aside, said map[string]bool) {
	aside, said = map[string]bool{}, map[string]bool{}
	rest := text
	for _, re := range []*regexp.Regexp{reParen, reUsing} {
		if !mayMatch(re, rest) {
			continue // most bullets: the regexp's scan is a third of this reading
		}
		for _, m := range re.FindAllString(rest, -1) {
			caps := map[string]bool{}
			for _, loc := range wordSpans(m) {
				if w := m[loc[0]:loc[1]]; w[0] >= 'A' && w[0] <= 'Z' {
					caps[strings.ToLower(strings.TrimRight(w, ".-'"))] = true
				}
			}
			if len(caps) == 0 {
				// No capital, no tool named: the aside names nothing in
				// passing, and a list after "using" stays in the text.
				if re == reParen {
					rest = strings.Replace(rest, m, " ", 1)
				}
				continue
			}
			toks := z.tokens(m)
			named := map[string]int{} // tool key → times named
			spans := map[int]bool{}
			for _, t := range toks {
				if t.kind == "skill" && caps[t.word] && !spans[t.span] {
					spans[t.span] = true
					named[t.key]++
				}
			}
			if re == reUsing && len(named) < asideTools {
				continue
			}
			for _, t := range toks {
				if named[t.key] == 1 {
					aside[t.word] = true
				}
			}
			rest = strings.Replace(rest, m, " ", 1)
		}
	}
	for _, w := range lexicon.Tokenize(rest) {
		said[w] = true
	}
	return aside, said
}

// mayMatch reports whether re can match text by a byte it needs: a
// parenthesis has "(", a list after "using" a comma, "&" or "and".
func mayMatch(re *regexp.Regexp, text string) bool {
	if re == reParen {
		return strings.IndexByte(text, '(') >= 0
	}
	return strings.ContainsAny(text, ",&") || containsAnd(text)
}

// containsAnd reports whether text has "and" in any case.
func containsAnd(text string) bool {
	for i := 0; i+3 <= len(text); i++ {
		if text[i]|0x20 == 'a' && text[i+1]|0x20 == 'n' && text[i+2]|0x20 == 'd' {
			return true
		}
	}
	return false
}

// reHedge finds a bullet that says less than doing the work: a wish ("a
// passion for designing hardware"), a denial ("I didn't use it on a
// regular basis"), a small or first try ("small project", "the basics
// of"). Such a bullet is partial evidence at most (strict rules).
var reHedge = regexp.MustCompile(`(?i)\b(passion(ate)? (for|about)|interest(ed)? in|didn'?t|did not|never used|small project|basics of|basic knowledge|familiar(ity)? with|exposure to)\b`)

// reDescribes finds a bullet that describes a company, a product or a
// project instead of the author's work: "A G JOHNSON is a global
// employment website", "DELL Inc. is one of the world's leading …",
// "The main purpose of this application is …", "The project aim at …",
// "Testing Trends WQR (World Quality Report) is an application …",
// "Description To identify customers …".
// Its words are the product's, so it is partial evidence at most
// (context rules; describes), whatever the requirement asks, and under
// the gate no evidence when it says what the thing is now
// (describesOther).
var reDescribes = regexp.MustCompile(`^\W*(?:[A-Z][\w.&'-]*(?:\s+(?:[\w.&'-]+|\([^()]*\))){0,4}\s+(?:is|was|are)\s+(?:a|an|one of|the)\s|(?i:(?:project\s+)?description\b|(?:the\s+)?(?:main\s+)?(?:purpose|aim|goal|objective)\s+of\s+(?:the|this)\b|(?:the|this)\s+(?:project|application|app|product|system|website|tool|software)\s+(?:aims?|is|was|provides|helps|allows|enables)\b))`)

// reClaim finds a bullet that claims a quality instead of showing work:
// "Willingness to learn & work in team", "Ability to work under
// pressure" (strict rules, so the gate's too: partial at most, unless it
// says the requirement back).
var reClaim = regexp.MustCompile(`(?i)^\W*(?:willing(?:ness)?|ability|able|eager(?:ness)?|keen|desire|motivated|ready)\s+to\b`)

// reResult finds a figure of a result: a percentage, an amount of money,
// a multiple ("by 35%", "$2M", "3x faster"). "Able to reduce AWS cloud
// costs by 35% …" reports work done in a claim's words: not a claim.
var reResult = regexp.MustCompile(`(?i)\d\s*(?:%|percent\b|x\b)|[$€£]\s*\d`)

// claims reports whether a bullet claims a quality instead of showing
// work (reClaim), with no figure of a result (reResult).
func claims(text string) bool {
	return reClaim.MatchString(text) && !reResult.MatchString(text)
}

// describes reports whether a bullet opens by describing a company,
// product or project (reDescribes). A bullet in the first person ("I was
// the technical lead …", "My role was …") describes its author's work,
// and Go's regexp has no lookahead to say so: its first word is read.
func describes(text string) bool {
	if first := reWord.FindString(text); firstPerson[strings.ToLower(first)] {
		return false
	}
	if loc := reLabel.FindStringIndex(text); loc != nil {
		// A label before the person's own work ("Description: migrated
		// 40 services …") labels work; only a product or company
		// described after it is a description.
		if ownWork(reWord.FindString(text[loc[1]:])) {
			return false
		}
	}
	return reDescribes.MatchString(text)
}

// rePastRole is a description in the past tense ("Main responsibility
// was the design of …", "Key achievement was a …"): often the author's
// own role or work told impersonally, so not a description of another's.
var rePastRole = regexp.MustCompile(`^\W*[A-Z][\w.&'-]*(?:\s+(?:[\w.&'-]+|\([^()]*\))){0,4}\s+was\s`)

// describesOther reports whether a bullet describes a company, product or
// project as it is (describes, not in the past tense: rePastRole): what
// someone else is or does, no evidence of the author's work.
func describesOther(text string) bool {
	return describes(text) && !rePastRole.MatchString(text)
}

var firstPerson = setOf(`i i'm we we're my our`)

// reLabel is a bullet's "Description" label.
var reLabel = regexp.MustCompile(`(?i)^\W*(?:project\s+)?description\b\W*`)

// ownWork reports whether a word opens a report of work done: a verb in
// the past ("migrated", "built", "led").
func ownWork(w string) bool {
	w = strings.ToLower(w)
	return len(w) > 3 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "need") || pastIrregular[w]
}

var pastIrregular = setOf(`built led ran wrote made set drove grew won rebuilt rewrote took brought taught bought sold cut`)

// softSkills are the lexicon concepts of qualities a person claims rather
// than work they show ("enhanced my communication skills", "articulate
// leadership qualities", "clear communication").
var softSkills = map[string]bool{
	"g:communication skills": true, "g:leadership skills": true, "g:adaptability": true, "g:time management": true,
	"g:attention to detail": true, "g:problem solving": true, "g:multitasking": true, "g:initiative": true, "g:ownership mindset": true,
}

// claimsOnly reports whether a bullet meets a requirement only through
// soft skills: it names the quality, which is a claim, not evidence of it
// (strict rules: partial at most). A bullet that says the requirement
// back word for word is still strong (saysBack).
func claimsOnly(hit []string) bool {
	for _, k := range hit {
		if !softSkills[k] {
			return false
		}
	}
	return len(hit) > 0
}

// saysBack reports whether a bullet writes every word that carries a
// part of the requirement ("Expert communicator, written and verbal"),
// compared as the index's stems ("reduced" says "reduce" back), not as
// the lexicon's concepts ("communication skills" is not "communicator").
func saysBack(r *reqParts, b *textParts) bool {
	said := map[string]bool{}
	for _, ws := range b.surface {
		for _, w := range ws {
			said[stemOf(w)] = true
		}
	}
	for _, w := range r.words {
		if !said[stemOf(w)] {
			return false
		}
	}
	return len(r.words) > 0
}

// stemOf is the index's term for a word, the word itself when it has
// none.
func stemOf(w string) string {
	if ts := index.Terms(w); len(ts) > 0 {
		return ts[0]
	}
	return w
}

// idiomWords mean little in the idioms they mostly come in (context
// rules): "as part of a team", "an integral part of the process" share
// "part" with "part of a team" and say nothing of teamwork. They stay
// parts of the score; a match that carries one is partial at most.
var idiomWords = setOf(`part parts integral`)

var (
	idiomOnce sync.Once
	idiomKeys map[string]bool
)

// idiom reports whether keys (a grade's all) hold an idiom word's.
func idiom(keys []string) bool {
	idiomOnce.Do(func() {
		idiomKeys = map[string]bool{}
		for w := range idiomWords {
			for _, t := range index.Terms(w) {
				idiomKeys["w:"+t] = true
			}
		}
	})
	for _, k := range keys {
		if idiomKeys[k] {
			return true
		}
	}
	return false
}
