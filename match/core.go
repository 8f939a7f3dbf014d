package match

import (
	"regexp"
	"strings"
	"unicode"
)

// The core of a requirement and its qualifiers (strict rules, so the
// strong gate's too). A requirement that asks for an act on a thing ("Building a world class
// support team …", "running multi-disciplinary team") and then qualifies
// that thing ("…, focused on Kubernetes and Linux"; "including mechanical
// engineering, electrical engineering …") asks for the act on the thing:
// a bullet that meets only the qualifier ("Implementing mysql replication
// over linux servers"; "Diploma in Electrical Engineering") shows none of
// it. A requirement that asks for breadth over examples ("a highly
// diverse set of technologies (Java/Golang, Riak/Cassandra, …)") is not
// met by one of them.

// reFocus and reIncludes find where a requirement's core ends and a
// qualifier of it begins: a focus ("focused on", "with an emphasis on"),
// or a list of what the thing includes ("including", "such as").
var (
	reFocus    = regexp.MustCompile(`(?i)\b(?:(?:with\s+(?:a|an)\s+)?(?:focus(?:ed|ing)?|emphasis|centred|centered)\s+(?:on|upon)|speciali[sz](?:ed|ing)\s+in)\b`)
	reIncludes = regexp.MustCompile(`(?i)\b(?:such\s+as|including|e\.g\.|especially|particularly)`)
)

// reRelative ends the thing a core acts on: what follows "that", "which",
// "who" describes it ("a support team that delivers consulting that
// delights customers" is about a support team).
var reRelative = regexp.MustCompile(`(?i)\b(?:that|which|who|whose|where)\b`)

// reBreadth finds a requirement that asks for many of a kind, not one:
// "a diverse set of", "a variety of", "multiple", "several", "various".
var reBreadth = regexp.MustCompile(`(?i)\b(?:diverse|variety\s+of|range\s+of|multiple|several|various|breadth)\b`)

// reGroup finds the nouns of a group of people: the only cores a
// qualifier narrows without naming what is asked ("a support team …,
// focused on Kubernetes"). "Experience managing infrastructure, with an
// emphasis on Kubernetes and Terraform" asks for the focus itself. A
// function is a business's; "serverless functions" are code.
var reGroup = regexp.MustCompile(`(?i)\b(?:teams?|organi[sz]ations?|groups?|departments?|function)\b`)

// rePhraseStop ends the noun phrase a list heads, read backwards: a
// preposition or a join ("multiple teams on relational databases (…)" is
// headed by "relational databases").
var rePhraseStop = regexp.MustCompile(`(?i)[,;:.()]|\b(?:with|on|in|for|to|across|at|by|from|into|over|using|and|or)\b`)

// reOneOf is a choice of one: "one of several languages", "any of".
var reOneOf = regexp.MustCompile(`(?i)\b(?:one|any|either)\s+of\s*$|\bat\s+least\s+one\b`)

// reSpan is a span of time a breadth word counts ("several years of").
var reSpan = regexp.MustCompile(`(?i)^\s+(?:years?|months?)\b`)

// asksBreadth reports whether the head of a list (the text before it)
// asks for many of a kind: a breadth word in the list's own noun phrase,
// not counting years or months, and not after a choice of one.
func asksBreadth(head string) bool {
	head = head[max(0, len(head)-headWindow):]
	if loc := reListOpen.FindStringIndex(head); loc != nil {
		if reOneOf.MatchString(head[:loc[1]]) || strings.Contains(strings.ToLower(head[loc[0]:]), "one of") {
			return false
		}
		head = head[:loc[0]]
	}
	head = strings.TrimRight(head, " \t,;:(")
	phrase := head
	if ls := rePhraseStop.FindAllStringIndex(head, -1); len(ls) > 0 {
		phrase = head[ls[len(ls)-1][1]:]
	}
	for _, m := range reBreadth.FindAllStringIndex(phrase, -1) {
		if !reSpan.MatchString(phrase[m[1]:]) && !reOneOf.MatchString(phrase[:m[0]]) {
			return true
		}
	}
	return false
}

// coreOf reads the core of a requirement: the text before its first
// qualifier, up to a relative clause, when it names at least one thing.
// A list after a plural ("manufacturing processes … including machining,
// extruding"; "projects (e.g. recommendation …") names instances of what
// is asked, each a part of it, so it qualifies nothing; a focus always
// qualifies. It returns the core's parts and where the qualifier starts,
// or nil.
func (z *analyzer) coreOf(text string) (*reqParts, int) {
	from := -1
	if loc := reFocus.FindStringIndex(text); loc != nil {
		from = loc[0]
	}
	if loc := reIncludes.FindStringIndex(text); loc != nil && (from < 0 || loc[0] < from) && !plural(text[:loc[0]]) {
		from = loc[0]
	}
	if from <= 0 {
		return nil, 0
	}
	core := text[:from]
	if loc := reRelative.FindStringIndex(core); loc != nil {
		core = core[:loc[0]]
	}
	if !reGroup.MatchString(core) {
		return nil, 0
	}
	// A group noun is a thing, so the core names at least one.
	return z.parts(strings.TrimSpace(core)), from
}

// plural reports whether the last word of text is an English plural
// ("processes", "teams"; not "class", "status", "analysis", nor a name
// or field that ends in s: "Kubernetes", "DevOps", "statistics").
func plural(text string) bool {
	w := strings.ToLower(lastWord(text))
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !singularS[w]
}

// singularS are words ending in s that name one thing: tools, practices,
// fields.
var singularS = setOf(`kubernetes devops mlops devsecops gitops finops dataops aiops ops aws gcs ecs eks rds sqs sns ios macos
jenkins redis postgres ansys nodejs js
statistics analytics mathematics maths physics economics econometrics logistics robotics electronics mechanics
genomics informatics bioinformatics ethics graphics semantics linguistics forensics optics dynamics kinetics
news series species`)

// lastWord is the last run of letters and digits of text.
func lastWord(text string) string {
	f := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// qualify marks the clauses of requirement text that reach into its
// qualifier (they end after it starts) with the core they qualify, and
// the example clauses of a requirement that asks for breadth over them.
// cs are the clauses as reClause cut text, at their offsets, ps their
// parts (nil for a clause not kept), heads where each one's list head
// ends (listed).
func (z *analyzer) qualify(text string, cs []string, at []int, ps []*reqParts, heads []int) {
	core, from := z.coreOf(text)
	for i, cp := range ps {
		if cp == nil {
			continue
		}
		if core != nil && at[i]+len(cs[i]) > from {
			cp.core = core
		}
		cp.breadth = cp.example && heads[i] >= 0 && asksBreadth(text[:heads[i]])
	}
}

// coreMissed reports whether a bullet that meets clause c of a
// requirement misses what the requirement is about: c qualifies a core
// the bullet carries none of, or c is one example of many asked for and
// the bullet names no other of the requirement's tools.
func coreMissed(r, c *reqParts, b *textParts) bool {
	if c.core != nil && !c.example && !carries(b, c.core) {
		return true
	}
	return c.breadth && namedSkills(r, b) < 2
}

// namedSkills counts the requirement's skills a bullet carries.
func namedSkills(r *reqParts, b *textParts) int {
	n := 0
	for k := range r.skills {
		if b.keys[k] {
			n++
		}
	}
	return n
}
