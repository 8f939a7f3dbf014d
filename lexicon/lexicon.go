package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Group is one equivalence class: terms a recruiter accepts as the same.
type Group struct {
	Kind      string   // skill, verb, role or concept
	Canonical string   // the display name, e.g. "Kubernetes"
	Terms     []string // lower-case phrases, e.g. "k8s", "kubernetes"
}

// Lexicon finds its groups' phrases in text.
type Lexicon struct {
	groups []Group
	// byFirst maps a phrase's first word to the phrases starting with it,
	// longest first, so matching is one pass over the words.
	byFirst map[string][]phrase
	byTerm  map[string][]int // term → group indexes
	// caseSensitive terms are ambiguous in lower case ("Go", "R", "C"):
	// they match only as written.
	caseSensitive map[string]bool
}

type phrase struct {
	words []string
	group int
	exact string // non-empty: must match this original casing
}

// The shipped lexicon: the core groups, then skills and roles, then
// actions, outcomes and scopes, each derived from what the corpus's
// résumés and job descriptions talk about (lexicon/README.md).
//
//go:embed lexicon.txt skills.txt concepts.txt plain.txt
var files embed.FS

var defaultFiles = []string{"lexicon.txt", "skills.txt", "concepts.txt", "plain.txt"}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the lexicon Vitae ships, parsed once.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		var data strings.Builder
		for _, f := range defaultFiles {
			b, err := files.ReadFile(f)
			if err != nil {
				panic("lexicon: " + err.Error()) // a build defect
			}
			data.Write(b)
			data.WriteByte('\n')
		}
		l, err := Parse(strings.NewReader(data.String()))
		if err != nil {
			panic("lexicon: shipped data is invalid: " + err.Error()) // a build defect, caught by tests
		}
		defaultLex = l
	})
	return defaultLex
}

// Parse reads the lexicon format: one group per line,
//
//	kind Canonical Name: term | term | term
//
// Blank lines and lines starting with # are ignored. A term written as
// =Go matches only with that exact casing. A line naming a kind and
// canonical already read adds its terms to that group.
func Parse(r io.Reader) (*Lexicon, error) {
	l := &Lexicon{byFirst: map[string][]phrase{}, byTerm: map[string][]int{}, caseSensitive: map[string]bool{}}
	byName := map[string]int{} // kind + canonical → group
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, rest, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("lexicon line %d: want \"kind Canonical: terms\"", n)
		}
		switch kind {
		case "skill", "verb", "role", "concept":
		default:
			return nil, fmt.Errorf("lexicon line %d: unknown kind %q", n, kind)
		}
		canon, terms, ok := strings.Cut(rest, ":")
		canon = strings.TrimSpace(canon)
		if !ok || canon == "" {
			return nil, fmt.Errorf("lexicon line %d: missing \"Canonical:\"", n)
		}
		g := Group{Kind: kind, Canonical: canon}
		gi, known := byName[kind+":"+canon]
		if known {
			g = l.groups[gi]
		} else {
			gi = len(l.groups)
		}
		have := map[string]bool{}
		for _, t := range g.Terms {
			have[t] = true
		}
		for _, t := range strings.Split(terms, "|") {
			t = strings.TrimSpace(t)
			exact := ""
			if strings.HasPrefix(t, "=") {
				t = strings.TrimPrefix(t, "=")
				exact = t
			}
			words := Tokenize(t)
			if len(words) == 0 {
				continue
			}
			key := strings.Join(words, " ")
			if have[key] {
				continue
			}
			have[key] = true
			g.Terms = append(g.Terms, key)
			l.byTerm[key] = append(l.byTerm[key], gi)
			l.byFirst[words[0]] = append(l.byFirst[words[0]], phrase{words: words, group: gi, exact: exact})
		}
		if len(g.Terms) == 0 {
			return nil, fmt.Errorf("lexicon line %d: group %q has no terms", n, canon)
		}
		if known {
			l.groups[gi] = g
			continue
		}
		byName[kind+":"+canon] = gi
		l.groups = append(l.groups, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	for k, ps := range l.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
		l.byFirst[k] = ps
	}
	return l, nil
}

// Tokenize splits text into lower-case words, keeping characters that
// belong to tech names ("c++", "c#", "node.js", "ci/cd").
func Tokenize(text string) []string {
	return tokens(text, true)
}

// tokens splits text into words: a word starts with a letter or digit and
// goes on over letters, digits (superscript and subscript ones too) and
// + # . - / ' (trailing . - / ' are trimmed). A word also ends where
// Latin letters meet the letters of a script written without spaces
// (unspaced): "Kubernetesの本番運用経験" is "Kubernetes" and "の本番運用経験".
// Words are substrings of text, lower-cased on request, so already
// lower-case text costs no copies.
func tokens(text string, lower bool) []string {
	var out []string
	scanWords(text, func(start, end int) {
		w := text[start:end]
		if lower {
			w = strings.ToLower(w)
		}
		if out == nil {
			out = make([]string, 0, len(text)/6+1) // about one word per six bytes
		}
		out = append(out, w)
	})
	return out
}

// scanWords calls word with the byte span of each word of text, as
// tokens reads words.
func scanWords(text string, word func(start, end int)) {
	start := -1 // byte offset of the word being read, -1 between words
	script := 0 // the word's last letter: latin, unspaced, or 0 for neither yet
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.TrimRight(text[start:end], ".-/'")
		if w != "" {
			word(start, start+len(w))
		}
		start, script = -1, 0
	}
	// letter starts or continues a word with a letter of script s (0: a
	// digit, or a letter of another script): a word of Latin letters ends
	// before an unspaced one, and the other way round.
	letter := func(i, s int) {
		if start >= 0 && s != 0 && script != 0 && s != script {
			flush(i)
		}
		if start < 0 {
			start = i
		}
		if s != 0 {
			script = s
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
				letter(i, latin)
			case '0' <= c && c <= '9':
				letter(i, 0)
			case c == '+' || c == '#' || c == '.' || c == '-' || c == '/' || c == '\'':
				// inside a word only
			default:
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || scriptDigit(r) {
			letter(i, scriptOf(r))
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(text))
}

// The scripts a word does not run across (scanWords).
const (
	latin    = 1
	unspaced = 2 // Han, Hiragana, Katakana, Hangul, Thai: words run on without spaces
)

// scriptOf is latin or unspaced for a letter of those scripts, else 0.
func scriptOf(r rune) int {
	switch {
	case unicode.Is(unicode.Latin, r):
		return latin
	case Unspaced(r):
		return unspaced
	}
	return 0
}

// Unspaced reports whether r is a letter of a script whose words run on
// without spaces, or take their particles without one (Han, Hiragana,
// Katakana, Hangul, Thai): a Latin name inside such text ends where its
// letters do.
func Unspaced(r rune) bool {
	// ー, the prolonged sound mark of katakana, is of no one script.
	return r >= 0x0E00 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai) || r == 'ー')
}

// breaks reports, for each of text's n words, whether punctuation that
// ends a phrase (, ; : ( ) | and the like) comes before it: "credit, risk"
// is no "credit risk". Nil when text does not hold n words.
func breaks(text string, n int) []bool {
	out := make([]bool, 0, n)
	last := -1
	scanWords(text, func(start, end int) {
		out = append(out, last >= 0 && strings.ContainsAny(text[last:start], ".,;:()[]{}|!?•·–—\""))
		last = end
	})
	if len(out) != n {
		return nil
	}
	return out
}

// scriptDigit reports whether r is a superscript or subscript digit:
// part of its word, so "R²" (a fit's statistic) is no R and "CO₂" one
// word.
func scriptDigit(r rune) bool {
	return r == '¹' || r == '²' || r == '³' || '⁰' <= r && r <= '⁹' || '₀' <= r && r <= '₉'
}

// Groups returns every group, in file order.
func (l *Lexicon) Groups() []Group { return l.groups }

// Lookup finds the first group with phrase as a term (case-insensitive).
func (l *Lexicon) Lookup(p string) (Group, bool) {
	gs := l.byTerm[strings.Join(Tokenize(p), " ")]
	if len(gs) == 0 {
		return Group{}, false
	}
	return l.groups[gs[0]], true
}

// Expand returns every term of the groups term belongs to, term included.
func (l *Lexicon) Expand(term string) []string {
	key := strings.Join(Tokenize(term), " ")
	seen := map[string]bool{key: true}
	out := []string{key}
	for _, gi := range l.byTerm[key] {
		for _, t := range l.groups[gi].Terms {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Match is one phrase of the lexicon found in a token stream.
type Match struct {
	Group int // index into Groups()
	Start int // first token
	End   int // one past the last token
}

// Find returns the longest lexicon phrases in text, left to right, never
// overlapping.
func (l *Lexicon) Find(text string) []Match {
	return l.FindWords(text, Tokenize(text))
}

// FindWords is Find for a caller that already holds Tokenize(text): the
// matches index into words.
func (l *Lexicon) FindWords(text string, words []string) []Match {
	var orig []string // text's words as written, read when a term is case-sensitive
	var brk []bool    // punctuation before each word, read when a term has words
	var out []Match
	for i := 0; i < len(words); {
		best := -1
		var bestP phrase
		for _, p := range l.byFirst[words[i]] {
			if i+len(p.words) > len(words) || !equal(words[i:i+len(p.words)], p.words) {
				continue
			}
			if len(p.words) > 1 {
				if brk == nil {
					if brk = breaks(text, len(words)); brk == nil {
						brk = []bool{} // word boundaries differ (lower-casing): read no breaks
					}
				}
				if len(brk) == len(words) && slices.Contains(brk[i+1:i+len(p.words)], true) {
					continue
				}
			}
			if p.exact != "" {
				if orig == nil {
					if orig = tokens(text, false); len(orig) != len(words) {
						orig = words // lower-casing changed word boundaries; ignore exact terms
					}
				}
				if strings.Join(orig[i:i+len(p.words)], " ") != p.exact {
					continue
				}
			}
			best, bestP = i, p
			break // longest first
		}
		if best < 0 {
			i++
			continue
		}
		out = append(out, Match{Group: bestP.group, Start: i, End: i + len(bestP.words)})
		i += len(bestP.words)
	}
	return out
}

// Skills returns the canonical names of the skills text mentions, sorted.
func (l *Lexicon) Skills(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range l.Find(text) {
		g := l.groups[m.Group]
		if g.Kind == "skill" && !seen[g.Canonical] {
			seen[g.Canonical] = true
			out = append(out, g.Canonical)
		}
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
