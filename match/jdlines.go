package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae/ingest"
)

// A JD pasted as plain lines carries no list markers and no Markdown, so
// what each line is — a heading, one requirement, or part of a paragraph —
// is read from the line and its neighbours. This file reads the lines;
// jdwrap.go joins the wrapped ones, jdheading.go tells headings, jdroles.go
// reads each plain line by its neighbours, and parseJDLines (jd.go) turns
// them into sections and requirements.

// lineKind is what a JD line is before its neighbours are read.
type lineKind int

const (
	lineBlank   lineKind = iota
	lineMeta             // "**Location:** Berlin"
	lineItem             // a marked list item: "- Kubernetes", "• Go"
	lineHeading          // a Markdown heading: "## Requirements"
	linePlain            // anything else: a heading, a list line or prose, by context
)

// jdLine is one logical line of a JD: a line as written, or several joined
// where a sentence or a list item was wrapped.
type jdLine struct {
	kind lineKind
	text string // trimmed; an item's text without its marker
	meta []string
	// inline: the text an inline heading's line holds after its colon
	// ("Requirements: Go. Kubernetes."), its section's content even when
	// written as sentences.
	inline bool
	indent int // a marked item's indentation (ingest.IndentWidth): nested items are deeper
}

// readJDLines classifies raw lines and joins wrapped ones: a plain line
// continues the line before it (no blank between) when that line was cut
// mid-sentence (see continues) or when both are lines of a hard-wrapped
// paragraph (paragraphBlocks). A lone bullet ("•", as pdftotext writes one
// on a line of its own) takes the line after it as its text; a lone dash
// ("–") separates paragraphs.
func readJDLines(raw []string) []jdLine {
	width := 0 // the longest line: the wrap column, if the text was wrapped
	for _, r := range raw {
		width = max(width, utf8.RuneCountInString(strings.TrimSpace(r)))
	}
	sentences := sentenceBlocks(raw, width)
	paragraph := paragraphBlocks(raw, width)
	prose := proseBlocks(raw)
	var out []jdLine
	// last is the last raw line of out's last line and depth the brackets
	// that line leaves open: whether a line goes on is read from where it
	// was cut, never from the whole join (which would make every joined
	// line look full, and the reading quadratic).
	last, depth := "", 0
	inline := false // the last line was an inline heading's
	for i, r := range raw {
		text := strings.TrimSpace(r)
		l := jdLine{kind: linePlain, text: text}
		switch m := reMeta.FindStringSubmatch(text); {
		case text == "":
			l.kind = lineBlank
		case m != nil:
			l.kind, l.meta = lineMeta, m
		case markdownHeading(text):
			l.kind = lineHeading
		default:
			if item, ok := listItem(text); ok {
				l.kind, l.text, l.indent = lineItem, item, ingest.IndentWidth(r)
			}
		}
		if label, rest, ok := inlineHeading(text); ok && l.kind == linePlain && (len(out) == 0 || out[len(out)-1].kind == lineBlank || inline) {
			// "Requirements: Go, Kubernetes" is a heading and its list,
			// when it starts a block or follows another such line ("Plus:
			// B2B design experience" in a list is an item).
			// In a run of such lines ("Requirements: Go, Kubernetes." /
			// "Nice to have: Rust.") each lists its section's items.
			run := inline || i+1 < len(raw) && startsInline(raw[i+1])
			inline = true
			sections := inlineSections(label, rest, run)
			out = append(out, sections...)
			last, depth = sections[len(sections)-1].text, 0
			continue
		}
		inline = false
		if n := len(out); l.kind == linePlain && n > 0 {
			prev := &out[n-1]
			wrapped := paragraph[i] || prose[i] || continues(last, text, depth, width, sentences[i])
			switch {
			case prev.kind == lineItem && prev.text == "" && !strings.ContainsAny(raw[i-1], "-–"): // a dash alone separates
				prev.text = text
			case prev.kind == linePlain && wrapped || prev.kind == lineItem && (wrapped || ingest.IndentWidth(r) >= 2):
				prev.text = joinWrapped(prev.text, text)
			default:
				out = append(out, l)
				last, depth = text, brackets(text)
				continue
			}
			last, depth = text, max(0, depth+brackets(text))
			continue
		}
		out = append(out, l)
		last, depth = l.text, brackets(l.text)
	}
	return out
}

// inlineHeading splits a line that opens with a heading and a colon and
// goes on with its section ("Requirements: Go, Kubernetes", "What you will
// do: build pipelines"): the label must be a heading by its words alone.
func inlineHeading(line string) (label, rest string, ok bool) {
	label, rest, ok = strings.Cut(line, ":")
	label, rest = strings.TrimSpace(label), strings.TrimSpace(rest)
	if !ok || rest == "" || !headingLabel(label) {
		return "", "", false
	}
	return label, rest, true
}

// headingLabel reports whether the words before a colon are a heading by
// themselves: a few heading words, no emphasis or brackets.
func headingLabel(label string) bool {
	return label != "" && !strings.ContainsAny(label, "*_#()") && len(strings.Fields(label)) <= 6 && headingPhrase(label)
}

// startsInline reports whether a raw line opens with an inline heading.
func startsInline(line string) bool {
	_, _, ok := inlineHeading(strings.TrimSpace(line))
	return ok
}

// inlineSections reads an inline heading's line: the heading and its
// section, and again for each heading the line switches to after a ";" or
// a full stop ("Requirements: Go; Nice to have: Rust"). A line of several
// sections, or one of a run of such lines (listed), lists their items:
// each sentence of a section is one, without its full stop ("Nice to
// have: Rust. Terraform." asks for both, as items, not as prose a list
// JD drops). A lone inline heading keeps its prose as written.
func inlineSections(label, rest string, listed bool) []jdLine {
	var out []jdLine
	for switched := false; ; switched = true {
		out = append(out, jdLine{kind: linePlain, text: label + ":"})
		before, next, after, ok := inlineSwitch(rest)
		if !ok {
			// "Go; Nice to have:" ends with a heading over nothing.
			return append(out, sectionItems(rest, switched || listed)...)
		}
		out = append(out, sectionItems(before, true)...)
		label, rest = next, after
	}
}

// sectionItems is what an inline heading's section holds: with listed,
// each sentence as an item without its full stop; else one line as
// written (inlineItems).
func sectionItems(text string, listed bool) []jdLine {
	if !listed {
		if text == "" {
			return nil
		}
		return inlineItems(text)
	}
	var out []jdLine
	for _, s := range ingest.Sentences(text) {
		if t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s.Text), ".")); t != "" {
			out = append(out, inlineItems(t)...)
		}
	}
	return out
}

// inlineSwitch finds the first heading in s that opens a new section: a
// heading by its words alone (headingPhrase) between a ";" or a full stop
// and a colon, capitalised after a full stop ("…, Kubernetes. Nice to
// have: Rust"). It returns the text before the separator, the heading and
// the text after its colon. Prose that merely holds the words ("Rust would
// be nice to have: we use it") names more than a heading and is no switch.
// A separator inside brackets ("(e.g. Nice to have: …)") is none. One
// pass over s: a label is only ever the text since the last separator or
// colon.
func inlineSwitch(s string) (before, label, after string, ok bool) {
	sep, start, depth := -1, -1, 0 // the last separator, where the label after it starts, brackets open
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(':
			depth++
		case c == ')':
			depth = max(0, depth-1)
		case depth > 0:
		case c == ';' || c == '.' && (i+1 == len(s) || s[i+1] == ' '):
			sep, start = i, i+1
		case c == ':' && start >= 0:
			l := strings.TrimSpace(s[start:i])
			if len(l) <= 60 && (s[sep] == ';' || !ingest.StartsLower(l)) && headingLabel(l) {
				return strings.TrimSpace(s[:sep]), l, strings.TrimSpace(s[i+1:]), true
			}
			start = -1 // a label runs from a separator to the next colon only
		}
	}
	return "", "", "", false
}

// inlineItems reads what follows an inline heading: list items when it
// holds bullets ("• Go • Kubernetes"), else one plain line.
func inlineItems(rest string) []jdLine {
	if !strings.Contains(rest, "•") {
		return []jdLine{{kind: linePlain, text: rest, inline: true}}
	}
	var out []jdLine
	for _, p := range strings.Split(rest, "•") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, jdLine{kind: lineItem, text: p, inline: true})
		}
	}
	return out
}

// brackets returns how many brackets s opens that it does not close.
func brackets(s string) int {
	return strings.Count(s, "(") - strings.Count(s, ")")
}

// listItem returns a marked item's text; a nested marker ("+ + item",
// "- • item") is one item.
func listItem(line string) (string, bool) {
	text, ok := ingest.ListItem(line)
	if !ok {
		return "", false
	}
	for {
		inner, ok := ingest.ListItem(text)
		if !ok {
			return strings.Trim(text, "* "), true
		}
		text = inner
	}
}

// endsSentence reports whether a line ends with a full stop, "!" or "?",
// after any closing quote, bracket or emphasis; endsStatement leaves "?"
// out ("Why us?" is a heading, not prose).
func endsSentence(line string) bool { return endsIn(line, ".!?") }

func endsStatement(line string) bool { return endsIn(line, ".!") }

func endsIn(line, marks string) bool {
	t := strings.TrimRight(line, "\"'”’)]*_ ")
	r, _ := utf8.DecodeLastRuneInString(t)
	return t != "" && strings.ContainsRune(marks, r)
}

// bare returns a line without the emphasis and spaces after its last mark:
// "**Requirements:**" ends in a colon.
func bare(line string) string { return strings.TrimRight(line, "*_ ") }

// isCaps reports whether s has letters and all of them are upper-case.
func isCaps(s string) bool {
	return strings.ContainsFunc(s, unicode.IsLetter) && !strings.ContainsFunc(s, unicode.IsLower)
}
