package match

import (
	"regexp"
	"strings"
)

// reCompound finds a word joined by a hyphen to one that says how a
// thing is used ("Kubernetes-based", "Python-heavy", "AWS-native").
var reCompound = regexp.MustCompile(`(?i)\b([\p{L}\p{N}+#.]+)-(based|heavy|driven|native|powered|centric|first|focused|enabled|backed|oriented|specific|certified|compatible|savvy|intensive|aware|ready|only|style|related|built|managed|hosted)\b`)

// plain rewrites what the lexicon cannot read as written: a tool joined
// to such a word is the tool ("Kubernetes-based platforms" asks for
// Kubernetes, as "Kubernetes based platforms" does), unless the lexicon
// knows the compound ("event-driven", "cloud-first"); a typographic
// apostrophe is the ASCII one ("you’ll" is no word "ll").
func (z *analyzer) plain(text string) string {
	text = strings.ReplaceAll(text, "’", "'")
	if strings.IndexByte(text, '-') < 0 {
		return text // most texts: no hyphen, and the regexp's scan is not free
	}
	return reCompound.ReplaceAllStringFunc(text, func(s string) string {
		if _, ok := z.lex.Lookup(s); ok {
			return s
		}
		head, tail, _ := strings.Cut(s, "-")
		if g, ok := z.lex.Lookup(head); !ok || g.Kind != "skill" {
			return s
		}
		return head + " " + tail
	})
}
